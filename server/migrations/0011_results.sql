-- Result documents (kết quả giải quyết, module results): templates stored as data and versioned by effective date,
-- the result documents of each dossier, and their revisions (the first file, then one per signature). See
-- docs/results.md.

-- A template of result documents (a licence, a certificate, a decision) as a small JSON block language
-- (definition), never code. A template code has versions, each in force from its effective date; the version
-- used for a result is the one in force on the result's date. Province-wide templates have no owner (the system
-- administrator manages them); an agency's own templates are managed by its administrators and used for the
-- dossiers it and the agencies below it resolve.
CREATE TABLE result_template (
  code             text NOT NULL CHECK (code ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  version          integer NOT NULL CHECK (version >= 1),
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('licence', 'certificate', 'decision', 'other')),
  effective_from   date NOT NULL,
  -- The procedures (codes) the template is for; empty: any procedure (then it may not use e-form fields).
  procedures       text[] NOT NULL DEFAULT '{}',
  owner_agency_id  uuid REFERENCES agency (id),
  definition       jsonb NOT NULL,
  -- Optimistic concurrency of edits (If-Match); a version is edited only until a result uses it.
  revision         integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid REFERENCES staff (id),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       uuid REFERENCES staff (id),
  PRIMARY KEY (code, version),
  UNIQUE (code, effective_from)
);

-- A result document of a dossier: rendered from a template version or uploaded as a PDF. Its files are its
-- revisions; the newest is the current file.
CREATE TABLE result_document (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id         uuid NOT NULL REFERENCES dossier (id),
  title              text NOT NULL,
  source             text NOT NULL CHECK (source IN ('template', 'upload')),
  template_code      text,
  template_version   integer,
  -- The agency that issues it (the dossier's current agency when it was made): its seal signs it.
  issuing_agency_id  uuid NOT NULL REFERENCES agency (id),
  -- "05/QĐ-UBND" when the template gives the document a number (Decree 30: per agency and year, from 01).
  number_symbol      text,
  -- The document's date in Vietnam (the date line), which chose the template version.
  issued_on          date NOT NULL,
  -- Where the template leaves room for each person's signature: [{ page, x, y, width, height }], points from the
  -- page's top-left corner; a signer's signature takes the next free one.
  signature_slots    jsonb NOT NULL DEFAULT '[]',
  created_by         uuid NOT NULL REFERENCES staff (id),
  created_at         timestamptz NOT NULL,
  FOREIGN KEY (template_code, template_version) REFERENCES result_template (code, version),
  CHECK ((source = 'template') = (template_code IS NOT NULL AND template_version IS NOT NULL))
);
CREATE INDEX result_document_dossier ON result_document (dossier_id, created_at);
CREATE INDEX result_document_template ON result_document (template_code, template_version);

-- Each file of a result document, in the blob store under its SHA-256: revision 1 is the rendered or uploaded
-- file; each signature adds the next, an incremental update of the one before (earlier signatures stay valid).
CREATE TABLE result_revision (
  result_id     uuid NOT NULL REFERENCES result_document (id),
  revision      integer NOT NULL CHECK (revision >= 1),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size          integer NOT NULL CHECK (size > 0),
  signature_id  uuid REFERENCES signature_record (id),
  layout        text CHECK (layout IN ('signer', 'seal')),
  -- The signature slot a signer's signature took (1-based), when it took one.
  slot          integer,
  created_by    uuid NOT NULL REFERENCES staff (id),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (result_id, revision),
  CHECK ((revision = 1) = (signature_id IS NULL)),
  CHECK ((signature_id IS NULL) = (layout IS NULL))
);

-- Numbers of result documents: from 1 each year, per issuing agency (Decree 30/2020, DOMAIN.md §6).
CREATE TABLE result_number_counter (
  agency_id  uuid NOT NULL REFERENCES agency (id),
  year       integer NOT NULL,
  last       integer NOT NULL,
  PRIMARY KEY (agency_id, year)
);
