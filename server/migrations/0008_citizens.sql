-- Citizen and business accounts (module citizens): applicants who sign in to the portal with a password or through
-- the national identity provider (OpenID Connect). See docs/citizens.md.

-- An applicant account. Email is stored lower-cased and phone as +84…, each unique when present (NULLs never
-- collide). An account made through the identity provider may have neither, and no password.
CREATE TABLE applicant (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                  text NOT NULL CHECK (kind IN ('citizen', 'business')),
  email                 text UNIQUE,
  phone                 text UNIQUE,
  email_verified_at     timestamptz,
  phone_verified_at     timestamptz,
  password_hash         text,
  password_changed_at   timestamptz,
  full_name             text,
  -- Personal identity number (12 digits) or an old identity card (9); verified when the identity provider said so.
  identity_number       text,
  identity_verified_at  timestamptz,
  tax_code              text,
  business_name         text,
  address_line          text,
  admin_unit_id         uuid REFERENCES admin_unit (id),
  failed_logins         integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  CHECK (email IS NULL OR email = lower(email)),
  CHECK (phone IS NULL OR phone ~ '^\+84[0-9]{9}$')
);
CREATE INDEX applicant_identity_number ON applicant (identity_number) WHERE identity_number IS NOT NULL;

-- Identities at an OpenID Connect provider: (issuer, subject) names one person there for good.
CREATE TABLE applicant_external_identity (
  issuer        text NOT NULL,
  subject       text NOT NULL,
  applicant_id  uuid NOT NULL REFERENCES applicant (id),
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX applicant_external_identity_applicant ON applicant_external_identity (applicant_id);

-- A request to prove an address. The code is made by the sending handler and only its argon2id hash is kept
-- (code_hash stays NULL until the message leaves); the expiry counts from that moment.
CREATE TABLE applicant_verification (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  applicant_id  uuid NOT NULL REFERENCES applicant (id),
  channel       text NOT NULL CHECK (channel IN ('email', 'phone')),
  address       text NOT NULL,
  code_hash     text,
  created_at    timestamptz NOT NULL,
  sent_at       timestamptz,
  expires_at    timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  used_at       timestamptz
);
CREATE INDEX applicant_verification_address ON applicant_verification (address, created_at DESC);

-- Sessions: the same model as staff_session (token hash, CSRF token, idle and absolute expiry).
CREATE TABLE applicant_session (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    text NOT NULL UNIQUE,
  csrf_token    text NOT NULL,
  applicant_id  uuid NOT NULL REFERENCES applicant (id),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX applicant_session_applicant ON applicant_session (applicant_id) WHERE revoked_at IS NULL;

-- A sign-in started at the identity provider and not yet returned: PKCE verifier, state and nonce stay here, keyed
-- by the hash of a short-lived cookie, so the callback is honoured only in the browser that started it.
CREATE TABLE applicant_oidc_login (
  browser_hash   text PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  return_to      text NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX applicant_oidc_login_expiry ON applicant_oidc_login (expires_at);
