-- Electronic workflows (module workflow): versioned definitions. A published version never changes, so a dossier
-- that names (code, version) always finds the rules it was received under.
CREATE TABLE workflow_definition (
  code             text NOT NULL,
  version          integer NOT NULL CHECK (version >= 1),
  name             text NOT NULL,
  status           text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  definition       jsonb NOT NULL,
  owner_agency_id  uuid REFERENCES agency (id),
  revision         integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid REFERENCES staff (id),
  published_at     timestamptz,
  published_by     uuid REFERENCES staff (id),
  PRIMARY KEY (code, version)
);
-- At most one draft and one published version per workflow.
CREATE UNIQUE INDEX workflow_one_draft ON workflow_definition (code) WHERE status = 'draft';
CREATE UNIQUE INDEX workflow_one_published ON workflow_definition (code) WHERE status = 'published';
CREATE INDEX workflow_owner ON workflow_definition (owner_agency_id);
