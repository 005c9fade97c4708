import { describe, expect, it } from 'vitest';
import { vnInstant } from '../calendar/vn-time.ts';
import { applyAction } from '../workflow/engine.ts';
import { COMMUNE_TO_DISTRICT } from '../workflow/seeds.ts';
import { type Actor, openDossier } from '../workflow/state.ts';
import { initialSchedule } from './deadlines.ts';
import { dueEvent, eventsOf, projectRow } from './projection.ts';

const at = vnInstant('2025-01-24', '10:00');
const officer: Actor = { kind: 'staff', staffId: 's1', roles: ['one_stop_officer'] };
const opened = openDossier(COMMUNE_TO_DISTRICT, { at, receivingUnit: 'commune', resolvingAgency: 'district' });
const schedule = initialSchedule('desk', { unit: 'working_days', amount: 5 }, opened);

function run(state: typeof opened, action: string) {
  const outcome = applyAction(COMMUNE_TO_DISTRICT, state, action, officer, at);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome;
}

describe('the dossier row and its events', () => {
  const submitted = run(opened, 'submit');
  const accepted = run(submitted.state, 'accept');

  it('projects the acting agency and every agency the workflow passed the dossier to', () => {
    const row = projectRow(accepted.state, schedule);
    expect(row).toMatchObject({ status: 'processing', step: 'district_reception', clock_phase: 'running' });
    expect(row.current_agency_id).toBe('district');
    expect(row.agency_ids).toEqual(['commune', 'district']);
  });

  it('announces the status change, the receipt (Form 01) and the hand-off to the district', () => {
    const ref = { dossierId: 'd1', code: 'C-250124-0001', at };
    const topics = eventsOf(ref, submitted.state, accepted.state, accepted.effects, schedule).map((e) => e.topic);
    expect(topics).toEqual([
      'dossier.status_changed',
      'dossier.received',
      'dossier.applicant_notice',
      'dossier.handed_off',
    ]);
  });

  it('announces due soon and overdue once per transition', () => {
    const ref = { dossierId: 'd1', code: null, at };
    expect(dueEvent(ref, 'on_time', 'due_soon', at)?.topic).toBe('dossier.due_soon');
    expect(dueEvent(ref, 'due_soon', 'overdue', at)?.topic).toBe('dossier.overdue');
    expect(dueEvent(ref, 'overdue', 'overdue', at)).toBeNull();
    expect(dueEvent(ref, 'due_soon', 'on_time', at)).toBeNull();
  });
});
