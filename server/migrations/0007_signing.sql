-- Digital signatures (module signing): signing keys of staff members and agencies, and the record of each
-- signature made. See docs/signing.md.

-- A key that signs for a staff member (their own signature) or an agency (its seal). A software key is the
-- PKCS#12 file as issued, with its password encrypted under SIGNING_MASTER_KEY (AES-256-GCM); a remote key is a
-- key id at a signing service, with the certificate chain registered for it. Rotation retires the owner's
-- active key and adds a new one in the same transaction; retired keys stay for the record.
CREATE TABLE signing_key (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_kind         text NOT NULL CHECK (owner_kind IN ('staff', 'agency')),
  staff_id           uuid REFERENCES staff (id),
  -- For a staff member's key: their agency (the scope of the administrators who manage it).
  agency_id          uuid NOT NULL REFERENCES agency (id),
  backend            text NOT NULL CHECK (backend IN ('software', 'remote')),
  pkcs12             bytea,
  password_sealed    bytea,
  remote_url         text,
  remote_key_id      text,
  -- PEM, the signer's certificate first.
  certificate_chain  text NOT NULL,
  subject            text NOT NULL,
  issuer             text NOT NULL,
  serial             text NOT NULL,
  not_before         timestamptz NOT NULL,
  not_after          timestamptz NOT NULL,
  -- PNG shown in the signature: the handwritten signature (staff) or the seal (agency).
  image              bytea,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  retired_at         timestamptz,
  CHECK ((owner_kind = 'staff') = (staff_id IS NOT NULL)),
  CHECK (backend <> 'software' OR (pkcs12 IS NOT NULL AND password_sealed IS NOT NULL)),
  CHECK (backend <> 'remote' OR (remote_url IS NOT NULL AND remote_key_id IS NOT NULL)),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
CREATE UNIQUE INDEX signing_key_active_staff ON signing_key (staff_id) WHERE status = 'active' AND owner_kind = 'staff';
CREATE UNIQUE INDEX signing_key_active_agency ON signing_key (agency_id) WHERE status = 'active' AND owner_kind = 'agency';
CREATE INDEX signing_key_agency ON signing_key (agency_id, created_at DESC);

-- Each signature made through congso: what the QR code on a signed document leads to.
CREATE TABLE signature_record (
  id             uuid PRIMARY KEY,
  key_id         uuid NOT NULL REFERENCES signing_key (id),
  signed_by      uuid NOT NULL REFERENCES staff (id),
  layout         text NOT NULL CHECK (layout IN ('signer', 'seal', 'attachment')),
  signer_name    text NOT NULL,
  agency_name    text NOT NULL,
  signed_at      timestamptz NOT NULL,
  input_sha256   text NOT NULL,
  output_sha256  text NOT NULL
);
