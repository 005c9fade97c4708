// Actions every dossier has whatever its workflow (DOMAIN.md §4): assign, give an opinion, attach the result,
// apologise and extend (Form 04), ask for a supplement (Form 02), suspend, hand to another agency, withdraw,
// cancel. They keep the dossier at its step, or close it; the step's `allows` says which interruptions it permits.

import type { Role } from '../../platform/auth/roles.ts';
import {
  type Applied,
  addDocuments,
  type Candidate,
  type Context,
  type InputNeed,
  type Refusal,
  refuse,
} from './candidate.ts';
import type { ActorRule, DossierActionId, StepAllowance, StepDefinition, WorkflowDefinition } from './definition.ts';
import type { ClockEffect, Effect } from './effects.ts';
import {
  currentAgency,
  type DossierState,
  HOLD_NAMES,
  type Hold,
  pauseClock,
  resumeClock,
  stopClock,
} from './state.ts';
import { MACRO_STATUS_NAMES } from './statuses.ts';

const LEADERS: readonly Role[] = ['department_head', 'agency_leader'];

interface DossierAction {
  id: DossierActionId;
  name: string;
  needs: readonly InputNeed[];
  by: (step: StepDefinition, state: DossierState) => readonly ActorRule[];
  blockedBy: (def: WorkflowDefinition, state: DossierState, step: StepDefinition) => Refusal | null;
  apply: (ctx: Context) => Applied;
}

const responsible = (step: StepDefinition, ...others: Role[]): ActorRule[] => [
  ...new Set([...(step.role ? [step.role] : []), ...LEADERS, ...others]),
];

export const holdRefusal = (state: DossierState): Refusal | null =>
  state.hold ? refuse('not_allowed_now', `Hồ sơ đang ${HOLD_NAMES[state.hold.kind]}.`) : null;

const notDrafted = (state: DossierState): Refusal | null =>
  state.status === 'draft' ? refuse('not_allowed_now', 'Hồ sơ chưa được nộp.') : null;

function stepAllows(step: StepDefinition, allowance: StepAllowance, what: string): Refusal | null {
  return (step.allows ?? []).includes(allowance)
    ? null
    : refuse('not_allowed_now', `Bước "${step.name}" không cho phép ${what}.`);
}

const awaiting = (state: DossierState, kind: Hold['kind'], otherwise: string): Refusal | null =>
  state.hold?.kind === kind ? null : refuse('not_allowed_now', otherwise);

const clockEffects = (...effects: (ClockEffect | null)[]): Effect[] => effects.filter((e) => e !== null);

const ACTIONS: readonly DossierAction[] = [
  {
    id: 'assign',
    name: 'Phân công xử lý',
    needs: ['assignee'],
    by: (step) => responsible(step),
    blockedBy: (_def, state) => notDrafted(state),
    apply: ({ state, step, input }) => ({
      state: { ...state, assignee: input.assignee ?? null },
      effects: [{ type: 'notify.staff', staffId: input.assignee ?? '', step: step.id }],
    }),
  },
  {
    id: 'add_opinion',
    name: 'Cho ý kiến',
    needs: ['opinion'],
    by: (step) => responsible(step, 'specialist'),
    blockedBy: (_def, state) => notDrafted(state),
    // The opinion itself lives in the history entry; the state does not change.
    apply: ({ state }) => ({ state, effects: [] }),
  },
  {
    id: 'attach_result',
    name: 'Đính kèm văn bản kết quả',
    needs: ['documents'],
    by: (step) => responsible(step, 'specialist', 'clerk'),
    blockedBy: (_def, state) =>
      ['processing', 'waiting_payment', 'waiting_other_agency', 'resolved'].includes(state.status)
        ? null
        : refuse(
            'not_allowed_now',
            `Hồ sơ ${MACRO_STATUS_NAMES[state.status].toLowerCase()}, chưa thể đính kèm kết quả.`,
          ),
    apply: ({ state, input }) => ({
      state: { ...state, resultDocuments: addDocuments(state.resultDocuments, input.documents ?? []) },
      effects: [],
    }),
  },
  {
    id: 'extend',
    name: 'Xin lỗi và hẹn lại ngày trả (Mẫu 04)',
    needs: ['reason', 'new_date'],
    // Form 04 is signed by the head of the agency or department (DOMAIN.md §4).
    by: () => LEADERS,
    blockedBy: (_def, state) => {
      if (state.extension) return refuse('extension_used', 'Hồ sơ đã được hẹn lại ngày trả một lần (Mẫu 04).');
      if (state.clock.phase !== 'running' && state.clock.phase !== 'paused') {
        return refuse('not_allowed_now', 'Hồ sơ chưa có ngày hẹn trả để hẹn lại.');
      }
      return state.status === 'resolved' ? refuse('not_allowed_now', 'Hồ sơ đã giải quyết xong.') : null;
    },
    apply: ({ state, now, input }) => {
      const reason = input.reason ?? '';
      const newDate = input.newDate ?? now;
      return {
        state: { ...state, extension: { at: now, reason, newDate } },
        effects: [
          { type: 'appointment.extend', newDate, reason },
          { type: 'notify.applicant', notice: { event: 'extended', form: '04', reason, newDate } },
        ],
      };
    },
  },
  {
    id: 'request_supplement',
    name: 'Yêu cầu bổ sung hồ sơ (Mẫu 02)',
    needs: ['reason'],
    by: (step) => responsible(step),
    blockedBy: (_def, state, step) => holdRefusal(state) ?? stepAllows(step, 'supplement', 'yêu cầu bổ sung'),
    apply: ({ state, now, input }) => {
      const reason = input.reason ?? '';
      const clock = pauseClock(state.clock, 'supplement', now);
      return {
        state: { ...state, hold: { kind: 'supplement', since: now, reason }, clock: clock.clock },
        effects: [
          ...clockEffects(clock.effect),
          { type: 'notify.applicant', notice: { event: 'supplement_requested', form: '02', reason } },
        ],
      };
    },
  },
  {
    id: 'supplement',
    name: 'Bổ sung hồ sơ',
    // The supplemented components themselves are the dossier module's business.
    needs: [],
    by: () => ['applicant', 'one_stop_officer'],
    blockedBy: (_def, state) => awaiting(state, 'supplement', 'Hồ sơ không ở tình trạng chờ bổ sung.'),
    apply: ({ def, state, now }) => {
      const restart = def.settings.supplementClock === 'restart';
      const clock = resumeClock(state.clock, 'supplement', now, restart);
      // Counting from zero again moves the appointment too.
      const appointment: Effect[] =
        clock.effect?.type === 'clock.restart' ? [{ type: 'appointment.set', from: now }] : [];
      return {
        state: { ...state, hold: null, clock: clock.clock },
        effects: [...clockEffects(clock.effect), ...appointment],
      };
    },
  },
  {
    id: 'suspend',
    name: 'Tạm dừng xử lý',
    needs: ['reason'],
    by: () => LEADERS,
    blockedBy: (_def, state, step) => holdRefusal(state) ?? stepAllows(step, 'suspend', 'tạm dừng xử lý'),
    apply: ({ state, now, input }) => {
      const reason = input.reason ?? '';
      const clock = pauseClock(state.clock, 'suspension', now);
      return {
        state: { ...state, hold: { kind: 'suspension', since: now, reason }, clock: clock.clock },
        effects: [...clockEffects(clock.effect), { type: 'notify.applicant', notice: { event: 'suspended', reason } }],
      };
    },
  },
  {
    id: 'resume',
    name: 'Tiếp tục xử lý',
    needs: [],
    by: () => LEADERS,
    blockedBy: (_def, state) => awaiting(state, 'suspension', 'Hồ sơ không bị tạm dừng.'),
    apply: ({ state, now }) => {
      const clock = resumeClock(state.clock, 'suspension', now);
      return {
        state: { ...state, hold: null, clock: clock.clock },
        effects: [...clockEffects(clock.effect), { type: 'notify.applicant', notice: { event: 'resumed' } }],
      };
    },
  },
  {
    id: 'hand_off',
    name: 'Chuyển cơ quan khác (liên thông)',
    needs: ['agency'],
    by: (step) => responsible(step),
    blockedBy: (_def, state, step) => holdRefusal(state) ?? stepAllows(step, 'hand_off', 'chuyển cơ quan khác'),
    // The overall clock keeps running: Form 05 rows record the time each agency held the dossier.
    apply: ({ state, step, actor, now, input }) => {
      const from = currentAgency(state);
      const to = input.agencyId ?? from;
      return {
        state: { ...state, hold: { kind: 'handed_off', since: now, agencyId: to } },
        effects: [
          { type: 'agency.handOff', at: now, from, to, purpose: 'consultation' },
          handover(step.id, step.id, from, to, actor, now),
        ],
      };
    },
  },
  {
    id: 'take_back',
    name: 'Nhận lại hồ sơ liên thông',
    needs: [],
    by: (step) => [...responsible(step, 'one_stop_officer'), 'system'],
    blockedBy: (_def, state) => awaiting(state, 'handed_off', 'Hồ sơ không ở cơ quan khác.'),
    apply: ({ state, step, actor, now }) => {
      const from = state.hold?.kind === 'handed_off' ? state.hold.agencyId : currentAgency(state);
      const to = currentAgency(state);
      return {
        state: { ...state, hold: null },
        effects: [
          { type: 'agency.takeBack', at: now, from, to, purpose: 'consultation' },
          handover(step.id, step.id, from, to, actor, now),
        ],
      };
    },
  },
  {
    id: 'withdraw',
    name: 'Rút hồ sơ theo yêu cầu',
    needs: ['reason'],
    by: () => ['applicant', 'one_stop_officer'],
    blockedBy: (_def, state) =>
      state.status === 'draft' || state.status === 'resolved'
        ? refuse('not_allowed_now', `Hồ sơ ${MACRO_STATUS_NAMES[state.status].toLowerCase()}, không rút được.`)
        : null,
    apply: (ctx) => close(ctx, 'withdrawn', { event: 'withdrawn' }),
  },
  {
    id: 'cancel',
    name: 'Hủy hồ sơ',
    needs: ['reason'],
    // An applicant may drop a draft; once submitted, only administrators cancel (e.g. a dossier entered by mistake).
    by: (_step, state) =>
      state.status === 'draft' ? ['applicant', 'agency_admin', 'system_admin'] : ['agency_admin', 'system_admin'],
    blockedBy: () => null,
    apply: (ctx) => close(ctx, 'cancelled', { event: 'cancelled', reason: ctx.input.reason ?? '' }),
  },
];

function close(
  { state, now }: Context,
  as: 'withdrawn' | 'cancelled',
  notice: Extract<Effect, { type: 'notify.applicant' }>['notice'],
): Applied {
  const clock = stopClock(state.clock, now);
  // A dossier held by another agency is recalled, so that agency stops working on it.
  const recall: Effect[] =
    state.hold?.kind === 'handed_off'
      ? [
          {
            type: 'agency.takeBack',
            at: now,
            from: state.hold.agencyId,
            to: currentAgency(state),
            purpose: 'consultation',
          },
        ]
      : [];
  return {
    state: { ...state, hold: null, clock: clock.clock, closed: { as, at: now } },
    effects: [...recall, ...clockEffects(clock.effect), { type: 'notify.applicant', notice }],
  };
}

export function handover(
  fromStep: string,
  toStep: string,
  fromAgency: string,
  toAgency: string,
  actor: Context['actor'],
  at: number,
): Effect {
  return {
    type: 'handover.record',
    at,
    fromStep,
    toStep,
    fromAgency,
    toAgency,
    by: actor.kind === 'staff' ? actor.staffId : null,
  };
}

/** The actions every dossier has, with what the dossier allows now at its step. */
export function dossierCandidates(def: WorkflowDefinition, state: DossierState, step: StepDefinition): Candidate[] {
  return ACTIONS.map((action) => ({
    id: action.id,
    name: action.name,
    to: null,
    by: action.by(step, state),
    needs: action.needs,
    blockedBy: action.blockedBy(def, state, step),
    apply: action.apply,
  }));
}

/** The Vietnamese name of an action: one of the definition's steps' actions, or one every dossier has. */
export function actionName(def: WorkflowDefinition, id: string): string | undefined {
  for (const step of def.steps) {
    const found = step.actions.find((a) => a.id === id);
    if (found) return found.name;
  }
  return ACTIONS.find((a) => a.id === id)?.name;
}
