-- Work queues read in order (module dossiers, list.ts). A queue page is the first rows of each (agency, queue) —
-- and of the dossiers assigned to the staff member — in the page's sort order, so each of these indexes hands
-- them over already sorted: no sort of the thousands of dossiers a busy agency holds. The sort keys are the
-- list's own expressions (never null, see SORTS in list.ts), with the id as the tie-breaker the cursor uses.
CREATE INDEX dossier_queue_by_due ON dossier
  (current_agency_id, step_queue, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE step_queue IS NOT NULL;
CREATE INDEX dossier_queue_by_received ON dossier
  (current_agency_id, step_queue, (coalesce(received_at, '-infinity'::timestamptz)), id)
  WHERE step_queue IS NOT NULL;
CREATE INDEX dossier_assigned_by_due ON dossier
  (assignee_id, step_queue, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE assignee_id IS NOT NULL AND step_queue IS NOT NULL;
CREATE INDEX dossier_assigned_by_received ON dossier
  (assignee_id, step_queue, (coalesce(received_at, '-infinity'::timestamptz)), id)
  WHERE assignee_id IS NOT NULL AND step_queue IS NOT NULL;
-- Superseded: the queues no longer filter by (agency, status) then sort.
DROP INDEX dossier_queue;
DROP INDEX dossier_assignee;
-- In-flight dossiers of a workflow version, for moving them to the next version (dossiers/migration.ts).
CREATE INDEX dossier_in_flight_workflow ON dossier (workflow_code, workflow_version, id)
  WHERE status NOT IN ('returned', 'refused', 'withdrawn', 'cancelled');
