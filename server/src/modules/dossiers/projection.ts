// What the stored world looks like after an accepted action: the dossier row's columns (projected from the
// workflow state and the deadlines, so that queues and reports query columns, not JSON) and the outbox events
// that carry its side effects to other modules and systems.

import { classifyReturn, type DueStatus, type ReturnTimeliness } from '../calendar/classify.ts';
import type { Instant } from '../calendar/vn-time.ts';
import type { Effect } from '../workflow/effects.ts';
import { currentAgency, type DossierState } from '../workflow/state.ts';
import { currentDue, type Schedule } from './deadlines.ts';

export interface ProjectedRow {
  status: string;
  step: string;
  clock_phase: DossierState['clock']['phase'];
  assignee_id: string | null;
  current_agency_id: string;
  agency_ids: string[];
  due_at: Date | null;
  original_due_at: Date | null;
  extended_due_at: Date | null;
  step_due_at: Date | null;
  returned_at: Date | null;
  outcome: ReturnTimeliness | null;
}

const dateOrNull = (instant: Instant | null) => (instant === null ? null : new Date(instant));

/** The row's columns for a state and its schedule. Early / on time / late compares with Form 01, never Form 04. */
export function projectRow(state: DossierState, schedule: Schedule): ProjectedRow {
  const returnedAt = state.closed?.as === 'returned' ? state.closed.at : null;
  return {
    status: state.status,
    step: state.step,
    clock_phase: state.clock.phase,
    assignee_id: state.assignee,
    current_agency_id: currentAgency(state),
    agency_ids: [...new Set(state.agencies)],
    due_at: dateOrNull(currentDue(schedule)),
    original_due_at: dateOrNull(schedule.appointment),
    extended_due_at: dateOrNull(schedule.extendedTo),
    step_due_at: dateOrNull(schedule.step.due),
    returned_at: dateOrNull(returnedAt),
    outcome:
      returnedAt !== null && schedule.appointment !== null ? classifyReturn(returnedAt, schedule.appointment) : null,
  };
}

export interface OutboxEvent {
  topic: string;
  payload: Record<string, unknown>;
}

export interface DossierRef {
  dossierId: string;
  code: string | null;
  at: Instant;
}

const iso = (instant: Instant | null) => (instant === null ? null : new Date(instant).toISOString());

/** The event an effect asks for, or null when the history row is record enough (clock, Form 05 rows). */
function effectEvent(effect: Effect, schedule: Schedule): (Omit<OutboxEvent, 'payload'> & { data: object }) | null {
  switch (effect.type) {
    case 'code.assign':
      return {
        topic: 'dossier.received',
        data: { receivingUnit: effect.receivingUnit, dueAt: iso(currentDue(schedule)) },
      };
    case 'notify.applicant':
      return { topic: 'dossier.applicant_notice', data: { notice: effect.notice } };
    case 'notify.staff':
      return { topic: 'dossier.assigned', data: { staffId: effect.staffId, step: effect.step } };
    case 'agency.handOff':
      return { topic: 'dossier.handed_off', data: { from: effect.from, to: effect.to, purpose: effect.purpose } };
    case 'agency.takeBack':
      return { topic: 'dossier.taken_back', data: { from: effect.from, to: effect.to, purpose: effect.purpose } };
    case 'result.require_signature':
      return { topic: 'dossier.signature_required', data: { step: effect.step } };
    case 'result.deliver':
      return { topic: 'dossier.result_delivery', data: { channel: effect.channel } };
    case 'payment.require':
      return { topic: 'dossier.payment_required', data: { step: effect.step } };
    case 'appointment.extend':
      return { topic: 'dossier.extended', data: { newDate: iso(effect.newDate), reason: effect.reason } };
    default:
      return null;
  }
}

/** Outbox events of an accepted action: a status change, then one per effect that leaves the platform. */
export function eventsOf(
  ref: DossierRef,
  before: DossierState,
  after: DossierState,
  effects: readonly Effect[],
  schedule: Schedule,
): OutboxEvent[] {
  const base = { dossierId: ref.dossierId, code: ref.code, at: iso(ref.at) };
  const events: OutboxEvent[] = [];
  if (before.status !== after.status) {
    events.push({
      topic: 'dossier.status_changed',
      payload: { ...base, from: before.status, to: after.status, step: after.step },
    });
  }
  for (const effect of effects) {
    const event = effectEvent(effect, schedule);
    if (event) events.push({ topic: event.topic, payload: { ...base, ...event.data } });
  }
  return events;
}

/** `dossier.due_soon` or `dossier.overdue`, once per transition into that state. */
export function dueEvent(ref: DossierRef, previous: DueStatus | null, next: DueStatus | null, dueAt: Instant | null) {
  // A Form 04 date may bring an overdue dossier back to due soon: that is a new transition, announced again.
  if (next === previous || (next !== 'due_soon' && next !== 'overdue')) return null;
  return {
    topic: `dossier.${next}`,
    payload: { dossierId: ref.dossierId, code: ref.code, at: iso(ref.at), dueAt: iso(dueAt) },
  } satisfies OutboxEvent;
}
