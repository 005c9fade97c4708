-- Procedure catalogue (module catalog): procedures, their versions, the agencies offering each version, and form
-- templates. See docs/catalog.md.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (it reads a dictionary that could be changed), so it cannot appear in an index or a
-- generated column. This wrapper names the dictionary, lower-cases, and is declared IMMUTABLE: folded names are
-- stored and indexed, and the unaccent rules file is never edited in place (a change would need a reindex).
-- "Đăng ký khai sinh" → "dang ky khai sinh".
CREATE FUNCTION catalog_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Form templates, stored once by content hash; components name them by hash and file name.
CREATE TABLE catalog_template (
  sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size > 0),
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE procedure (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
  -- The agency whose catalogue administrators edit the procedure (its scope), usually the department of its field.
  managing_agency_id  uuid NOT NULL REFERENCES agency (id),
  -- Bumped by every change to the procedure or its draft: the ETag for If-Match.
  revision            integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- The current published version and a copy of what search filters and sorts by, so that a search reads one
  -- table. All null or empty until the first version is published.
  current_version_id  uuid,
  name                text,
  name_folded         text GENERATED ALWAYS AS (catalog_fold(name)) STORED,
  sort_key            text COLLATE "C",
  field_code          text,
  field_name          text,
  levels              text[] NOT NULL DEFAULT '{}',
  applicant_types     text[] NOT NULL DEFAULT '{}',
  online_level        text CHECK (online_level IN ('full', 'partial')),
  offered_at          uuid[] NOT NULL DEFAULT '{}',
  CHECK ((current_version_id IS NULL) = (name IS NULL))
);
CREATE INDEX procedure_name_trgm ON procedure USING gin (name_folded gin_trgm_ops);
CREATE INDEX procedure_sort ON procedure (sort_key, id) WHERE current_version_id IS NOT NULL;
CREATE INDEX procedure_offered_at ON procedure USING gin (offered_at);
CREATE INDEX procedure_managing_agency ON procedure (managing_agency_id);

CREATE TABLE procedure_version (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id  uuid NOT NULL REFERENCES procedure (id),
  number        integer NOT NULL CHECK (number > 0),
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  -- json, not jsonb: jsonb reorders object keys, and the order of the e-form's properties is the order of the
  -- form's fields.
  content       json NOT NULL,
  valid_from    date,
  valid_to      date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid REFERENCES staff (id),
  published_at  timestamptz,
  published_by  uuid REFERENCES staff (id),
  UNIQUE (procedure_id, number),
  CHECK ((status = 'draft') = (valid_from IS NULL)),
  CHECK ((status = 'retired') = (valid_to IS NOT NULL)),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX procedure_version_one_draft ON procedure_version (procedure_id) WHERE status = 'draft';
CREATE UNIQUE INDEX procedure_version_one_published ON procedure_version (procedure_id) WHERE status = 'published';
ALTER TABLE procedure ADD FOREIGN KEY (current_version_id) REFERENCES procedure_version (id);

-- A dossier pins the version it was received under, so a version that has been published never changes again.
CREATE FUNCTION procedure_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.content::text IS DISTINCT FROM OLD.content::text
      OR NEW.number <> OLD.number OR NEW.procedure_id <> OLD.procedure_id
      OR NEW.valid_from IS DISTINCT FROM OLD.valid_from OR NEW.status = 'draft'
      OR (OLD.status = 'retired' AND NEW.status <> 'retired')) THEN
    RAISE EXCEPTION 'procedure version % is % and cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER procedure_version_frozen BEFORE UPDATE ON procedure_version
  FOR EACH ROW EXECUTE FUNCTION procedure_version_frozen();

-- Where a version is offered, and the workflow each agency runs it with. The workflow is a code, checked against
-- the workflow module's definitions at publication once that module exists; until then it may be null.
CREATE TABLE procedure_offering (
  version_id     uuid NOT NULL REFERENCES procedure_version (id) ON DELETE CASCADE,
  agency_id      uuid NOT NULL REFERENCES agency (id),
  position       integer NOT NULL,
  workflow_code  text,
  PRIMARY KEY (version_id, agency_id)
);
CREATE INDEX procedure_offering_agency ON procedure_offering (agency_id);
