// The workflow engine: (definition, state, action, actor, now, input) → new state + effects, or a refusal with
// its reason. It never reads a clock or a database; `now` is an input and the effects are descriptions.

import {
  type ActionInput,
  type Applied,
  actorNames,
  addDocuments,
  type Candidate,
  type Context,
  type InputNeed,
  mayAct,
  missingInput,
  type Refusal,
  refuse,
} from './candidate.ts';
import {
  type ActionDefinition,
  type DeclaredEffect,
  isEndStatus,
  type Requirement,
  type StepDefinition,
  stepOf,
  type WorkflowDefinition,
} from './definition.ts';
import { dossierCandidates, handover, holdRefusal } from './dossier-actions.ts';
import type { Effect, Notice } from './effects.ts';
import {
  type Actor,
  type ClockChange,
  currentAgency,
  type DossierState,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  withStatus,
} from './state.ts';
import { MACRO_STATUS_NAMES } from './statuses.ts';

export type { ActionInput, InputNeed, RefusalCode } from './candidate.ts';

export interface AvailableAction {
  id: string;
  name: string;
  /** Target step, or null for an action that keeps the dossier at its step (or closes it). */
  to: string | null;
  needs: readonly InputNeed[];
}

export type Outcome = { ok: true; state: DossierState; effects: Effect[] } | Refusal;

/** The actions `actor` may take on the dossier now, the step's own first. */
export function availableActions(def: WorkflowDefinition, state: DossierState, actor: Actor): AvailableAction[] {
  if (state.closed) return [];
  return candidates(def, state)
    .filter((c) => c.blockedBy === null && mayAct(c.by, actor))
    .map(({ id, name, to, needs }) => ({ id, name, to, needs }));
}

export function applyAction(
  def: WorkflowDefinition,
  state: DossierState,
  action: string,
  actor: Actor,
  now: number,
  input: ActionInput = {},
): Outcome {
  if (state.closed) {
    return refuse(
      'closed',
      `Hồ sơ đã kết thúc (${MACRO_STATUS_NAMES[state.status]}), không thể thực hiện thêm thao tác.`,
    );
  }
  const step = stepOf(def, state.step);
  const candidate = candidates(def, state).find((c) => c.id === action);
  if (!candidate) return unavailable(def, step, action);
  if (candidate.blockedBy) return candidate.blockedBy;
  if (!mayAct(candidate.by, actor)) {
    return refuse('forbidden', `Thao tác "${candidate.name}" dành cho: ${actorNames(candidate.by)}.`);
  }
  const missing = missingInput(candidate.needs, input, state, now);
  if (missing) return missing;
  const applied = candidate.apply({ def, state, step, actor, now, input });
  return { ok: true, state: withStatus(def, applied.state), effects: applied.effects };
}

function unavailable(def: WorkflowDefinition, step: StepDefinition, action: string): Refusal {
  const elsewhere = def.steps.flatMap((s) => s.actions).find((a) => a.id === action);
  return elsewhere
    ? refuse('not_allowed_now', `Thao tác "${elsewhere.name}" không thực hiện được khi hồ sơ ở bước "${step.name}".`)
    : refuse('unknown_action', `Quy trình không có thao tác "${action}".`);
}

function candidates(def: WorkflowDefinition, state: DossierState): Candidate[] {
  const step = stepOf(def, state.step);
  return [...step.actions.map((action) => transition(state, action)), ...dossierCandidates(def, state, step)];
}

function transition(state: DossierState, action: ActionDefinition): Candidate {
  const needsOtherAgency = action.effects?.includes('agency.takeBack') && state.agencies.length < 2;
  return {
    id: action.id,
    name: action.name,
    to: action.to,
    by: action.by,
    needs: action.requires ?? [],
    blockedBy:
      holdRefusal(state) ??
      (needsOtherAgency ? refuse('not_allowed_now', 'Hồ sơ không ở cơ quan khác để nhận lại.') : null),
    apply: (ctx) => move(ctx, action),
  };
}

/** Moves the dossier along an action of its definition, carrying out what the action requires and declares. */
function move(ctx: Context, action: ActionDefinition): Applied {
  const { def, state: before, actor, now, input } = ctx;
  const to = stepOf(def, action.to);
  let result: Applied = {
    state: { ...before, step: to.id, stepSince: now, assignee: input.assignee ?? null },
    effects: [],
  };
  const chain = (change: (state: DossierState) => Applied) => {
    const next = change(result.state);
    result = { state: next.state, effects: [...result.effects, ...next.effects] };
  };
  for (const requirement of action.requires ?? []) chain((state) => fulfil(state, requirement, input));
  for (const declared of action.effects ?? []) chain((state) => carryOut(state, declared, ctx, action, to));
  // Submitting a draft hands nothing over; every later move is a row of the control sheet (Form 05).
  if (ctx.step.status !== 'draft') {
    chain((state) => ({
      state,
      effects: [handover(ctx.step.id, to.id, currentAgency(before), currentAgency(state), actor, now)],
    }));
  }
  if (input.assignee) result.effects.push({ type: 'notify.staff', staffId: input.assignee, step: to.id });
  if (isEndStatus(to.status)) {
    const status = to.status;
    chain((state) => clocked({ ...state, closed: { as: status, at: now } }, stopClock(state.clock, now)));
  } else if (to.timeAllowed) {
    result.effects.push({ type: 'step.deadline', step: to.id, from: now, timeAllowed: to.timeAllowed });
  }
  return result;
}

const clocked = (state: DossierState, change: ClockChange): Applied => ({
  state: { ...state, clock: change.clock },
  effects: change.effect ? [change.effect] : [],
});

/** What meeting a requirement leaves behind: the result documents, the signed result, the payment. */
function fulfil(state: DossierState, requirement: Requirement, input: ActionInput): Applied {
  switch (requirement) {
    case 'documents':
      return {
        state: { ...state, resultDocuments: addDocuments(state.resultDocuments, input.documents ?? []) },
        effects: [],
      };
    case 'signature': {
      const documentId = input.signedDocumentId ?? '';
      return {
        state: { ...state, resultDocuments: addDocuments(state.resultDocuments, [documentId]) },
        effects: [{ type: 'result.signed', documentId }],
      };
    }
    case 'payment':
      return {
        state: { ...state, payment: 'paid' },
        effects: [{ type: 'payment.confirm', ref: input.paymentRef ?? '' }],
      };
    case 'delivery':
      return input.delivery
        ? { state, effects: [{ type: 'result.deliver', channel: input.delivery }] }
        : { state, effects: [] };
    case 'opinion':
    case 'reason':
      // Kept in the history entry; nothing to carry out.
      return { state, effects: [] };
  }
}

function carryOut(
  state: DossierState,
  declared: DeclaredEffect,
  { now, input }: Context,
  action: ActionDefinition,
  to: StepDefinition,
): Applied {
  switch (declared) {
    case 'clock.start':
      return clocked(state, startClock(state.clock, now));
    case 'clock.pause':
      return clocked(state, pauseClock(state.clock, 'workflow', now));
    case 'clock.resume':
      return clocked(state, resumeClock(state.clock, 'workflow', now));
    case 'code.assign':
      return { state, effects: [{ type: 'code.assign', receivingUnit: state.receivingUnit }] };
    case 'appointment.set':
      return { state, effects: [{ type: 'appointment.set', from: now }] };
    case 'payment.require':
      return { state: { ...state, payment: 'required' }, effects: [{ type: 'payment.require', step: to.id }] };
    case 'result.require_signature':
      return { state, effects: [{ type: 'result.require_signature', step: to.id }] };
    case 'agency.handOff': {
      // By default the dossier goes to the agency recorded as competent to resolve it (Decree 118/2025).
      const target = input.agencyId ?? state.resolvingAgency;
      return {
        state: { ...state, agencies: [...state.agencies, target] },
        effects: [{ type: 'agency.handOff', at: now, from: currentAgency(state), to: target, purpose: 'workflow' }],
      };
    }
    case 'agency.takeBack': {
      const agencies = state.agencies.slice(0, -1);
      const back = agencies.at(-1) ?? state.receivingUnit;
      return {
        state: { ...state, agencies },
        effects: [{ type: 'agency.takeBack', at: now, from: currentAgency(state), to: back, purpose: 'workflow' }],
      };
    }
    case 'notify.applicant':
      return { state, effects: [{ type: 'notify.applicant', notice: noticeOn(to, action, input) }] };
  }
}

function noticeOn(to: StepDefinition, action: ActionDefinition, input: ActionInput): Notice {
  switch (to.status) {
    case 'waiting_receipt':
      return { event: 'submitted' };
    case 'waiting_payment':
      return { event: 'payment_due' };
    case 'resolved':
      return { event: 'result_ready' };
    case 'returned':
      return { event: 'returned' };
    case 'refused':
      return { event: 'refused', form: '03', reason: input.reason ?? '' };
    default:
      return action.effects?.includes('code.assign') ? { event: 'received', form: '01' } : { event: 'status_changed' };
  }
}
