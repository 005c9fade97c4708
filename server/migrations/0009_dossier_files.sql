-- Dossier work queues and component files (module dossiers). See docs/dossiers.md.

-- The role responsible for the dossier's current step and the work queue it waits in (receive, process, approve,
-- sign, return), projected from the workflow at every action so that the queues are plain indexed SQL.
ALTER TABLE dossier ADD COLUMN step_role text;
ALTER TABLE dossier ADD COLUMN step_queue text CHECK (step_queue IN ('receive', 'process', 'approve', 'sign', 'return'));

UPDATE dossier d
SET step_role = s.value ->> 'role',
    step_queue = CASE
      WHEN d.status = 'waiting_receipt' THEN 'receive'
      WHEN d.status = 'resolved' THEN 'return'
      WHEN d.status <> 'processing' THEN NULL
      WHEN EXISTS (
        SELECT 1 FROM jsonb_array_elements(s.value -> 'actions') a
        WHERE (a.value -> 'requires') ? 'signature'
      ) THEN 'sign'
      WHEN s.value ->> 'role' IN ('department_head', 'agency_leader') THEN 'approve'
      ELSE 'process'
    END
FROM workflow_definition w, jsonb_array_elements(w.definition -> 'steps') s
WHERE w.code = d.workflow_code AND w.version = d.workflow_version AND s.value ->> 'id' = d.step;

-- A public tracking secret is only ever compared by hash; the code finds the row (UNIQUE index on code).

-- The scanned or uploaded files of a dossier's components (thành phần hồ sơ): the bytes are in the blob store under
-- their SHA-256; a component may hold several files (pages, a supplement), newest last.
CREATE TABLE dossier_component_file (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id       uuid NOT NULL REFERENCES dossier (id),
  -- 1-based position of the component in the dossier's procedure version, and its name at that version.
  component_index  integer NOT NULL CHECK (component_index >= 1),
  component_name   text NOT NULL,
  file_name        text NOT NULL,
  file_type        text NOT NULL,
  mime             text NOT NULL,
  size             integer NOT NULL CHECK (size > 0),
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by      uuid REFERENCES staff (id),
  uploaded_at      timestamptz NOT NULL
);
CREATE INDEX dossier_component_file_dossier ON dossier_component_file (dossier_id, component_index, uploaded_at);
