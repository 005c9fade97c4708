-- Dossiers (module dossiers): the current state of each dossier, its ordered history, the counters its codes are
-- allocated from, and the idempotency keys of the actions taken on it. See docs/dossiers.md.

CREATE TABLE dossier (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- <receiving unit>-<yymmdd>-<nnnn> by default; null until the dossier is accepted (Form 01).
  code                  text UNIQUE,
  receiving_unit_id     uuid NOT NULL REFERENCES agency (id),
  resolving_agency_id   uuid NOT NULL REFERENCES agency (id),
  -- The agency whose staff act on it now, and every agency its workflow has passed it to (scope of reading).
  current_agency_id     uuid NOT NULL REFERENCES agency (id),
  agency_ids            uuid[] NOT NULL,
  procedure_version_id  uuid NOT NULL REFERENCES procedure_version (id),
  procedure_code        text NOT NULL,
  procedure_name        text NOT NULL,
  workflow_code         text NOT NULL,
  workflow_version      integer NOT NULL,
  channel               text NOT NULL CHECK (channel IN ('online', 'desk', 'post')),
  applicant             jsonb NOT NULL,
  applicant_name        text NOT NULL,
  applicant_name_folded text GENERATED ALWAYS AS (catalog_fold(applicant_name)) STORED,
  applicant_identity    text,
  applicant_phone       text,
  applicant_email       text,
  -- The citizen's portal account when the applicant submitted online (the portal checks ownership with it).
  applicant_account     text,
  eform                 jsonb NOT NULL DEFAULT '{}',
  -- The workflow engine's DossierState; equal to replaying dossier_event from the opening.
  state                 jsonb NOT NULL,
  status                text NOT NULL,
  step                  text NOT NULL,
  clock_phase           text NOT NULL CHECK (clock_phase IN ('idle', 'running', 'paused', 'stopped')),
  assignee_id           uuid REFERENCES staff (id),
  -- The opening of the history: replay starts from (opened_at, receiving unit, resolving agency).
  opened_at             timestamptz NOT NULL,
  received_at           timestamptz,
  -- What the deadlines are computed from (deadlines.ts Schedule): processing time, counting start, pauses, step.
  schedule              jsonb NOT NULL,
  due_at                timestamptz,
  original_due_at       timestamptz,
  extended_due_at       timestamptz,
  step_due_at           timestamptz,
  returned_at           timestamptz,
  outcome               text CHECK (outcome IN ('early', 'on_time', 'late')),
  due_state             text CHECK (due_state IN ('on_time', 'due_soon', 'overdue')),
  calendar_version      text,
  -- For public tracking by code + secret (later): only a hash is kept.
  tracking_secret_hash  text,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (workflow_code, workflow_version) REFERENCES workflow_definition (code, version)
);
-- Work queues: an agency's dossiers by status and appointment, a person's assigned dossiers.
CREATE INDEX dossier_queue ON dossier (current_agency_id, status, due_at);
CREATE INDEX dossier_assignee ON dossier (assignee_id, status, due_at) WHERE assignee_id IS NOT NULL;
CREATE INDEX dossier_agencies ON dossier USING gin (agency_ids);
CREATE INDEX dossier_receiving ON dossier (receiving_unit_id, received_at);
-- The deadline job reads only open dossiers whose clock runs.
CREATE INDEX dossier_running_due ON dossier (due_at) WHERE clock_phase = 'running';
CREATE INDEX dossier_applicant_identity ON dossier (applicant_identity);
CREATE INDEX dossier_applicant_account ON dossier (applicant_account) WHERE applicant_account IS NOT NULL;
CREATE INDEX dossier_applicant_name_trgm ON dossier USING gin (applicant_name_folded gin_trgm_ops);

-- The ordered history: one row per accepted action, from which the workflow reducer rebuilds the state.
CREATE TABLE dossier_event (
  dossier_id  uuid NOT NULL REFERENCES dossier (id),
  seq         integer NOT NULL CHECK (seq >= 1),
  at          timestamptz NOT NULL,
  -- The engine's actor (kind, staff id and the roles held at the acting agency) with a label for people.
  actor       jsonb NOT NULL,
  action      text NOT NULL,
  input       jsonb NOT NULL,
  from_step   text NOT NULL,
  to_step     text NOT NULL,
  note        text,
  effects     jsonb NOT NULL,
  PRIMARY KEY (dossier_id, seq)
);

-- Gap-free daily numbers: the row is incremented inside the receiving transaction, so a rolled-back receipt
-- gives its number back and concurrent receipts at one unit queue on the row lock.
CREATE TABLE dossier_code_counter (
  unit_id  uuid NOT NULL REFERENCES agency (id),
  -- The span the number restarts in, from the code pattern: a day (2025-01-24), a month, a year, or '*'.
  period   text NOT NULL,
  last     integer NOT NULL,
  PRIMARY KEY (unit_id, period)
);

-- A retried request with the same key returns the first answer instead of acting twice.
CREATE TABLE idempotency_key (
  actor         text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
