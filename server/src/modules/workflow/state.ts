// The workflow state of one dossier: where it stands in its definition, what interrupts it, and the clock. Plain
// data, so that the service can store it as JSON and the reducer can rebuild it from the history.

import type { Role } from '../../platform/auth/roles.ts';
import {
  type EndStatus,
  isEndStatus,
  MACRO_STATUSES,
  type MacroStatus,
  type StepAllowance,
  stepOf,
  type WorkflowDefinition,
} from './definition.ts';
import type { ClockEffect } from './effects.ts';

/** Who acts. Staff roles are those held at the dossier's current agency (`currentAgency`); scope is checked outside. */
export type Actor =
  | { kind: 'staff'; staffId: string; roles: readonly Role[] }
  | { kind: 'applicant'; id: string }
  | { kind: 'system' };

export type PauseReason = 'supplement' | 'suspension' | 'workflow';

/** The legal processing clock. It starts when the dossier is accepted, not when it is submitted. */
export interface Clock {
  phase: 'idle' | 'running' | 'paused' | 'stopped';
  /** Why it stands still now; empty unless the phase is `paused`. */
  pauses: { reason: PauseReason; since: number }[];
}

/** Something that keeps the dossier at its step until it is lifted; the step's own actions wait meanwhile. */
export type Hold =
  | { kind: 'supplement'; since: number; reason: string }
  | { kind: 'suspension'; since: number; reason: string }
  | { kind: 'handed_off'; since: number; agencyId: string };

/** Form 04 (apology and new date): the new date may be set only once (DOMAIN.md §4 (?)). */
export interface Extension {
  at: number;
  reason: string;
  newDate: number;
}

export interface DossierState {
  workflow: { code: string; version: number };
  step: string;
  /** Since when the dossier is at `step`: the start of the step's allowed time. */
  stepSince: number;
  status: MacroStatus;
  assignee: string | null;
  /** The unit whose desk received the dossier; the dossier code carries it (Decree 118/2025). */
  receivingUnit: string;
  /** The agency competent to resolve it; the same as the receiving unit unless the dossier crosses agencies. */
  resolvingAgency: string;
  /** Agencies the dossier was handed to through its workflow, oldest first; the last one acts on it now. */
  agencies: string[];
  hold: Hold | null;
  clock: Clock;
  extension: Extension | null;
  payment: 'none' | 'required' | 'paid';
  resultDocuments: string[];
  closed: { as: EndStatus; at: number } | null;
}

/** What the service knows when it creates a dossier. */
export interface DossierOpening {
  at: number;
  receivingUnit: string;
  resolvingAgency: string;
}

export function openDossier(def: WorkflowDefinition, opening: DossierOpening): DossierState {
  const state: DossierState = {
    workflow: { code: def.code, version: def.version },
    step: def.start,
    stepSince: opening.at,
    status: 'draft',
    assignee: null,
    receivingUnit: opening.receivingUnit,
    resolvingAgency: opening.resolvingAgency,
    agencies: [opening.receivingUnit],
    hold: null,
    clock: { phase: 'idle', pauses: [] },
    extension: null,
    payment: 'none',
    resultDocuments: [],
    closed: null,
  };
  return withStatus(def, state);
}

/** The agency whose staff act on the dossier now. */
export const currentAgency = (state: DossierState): string => state.agencies.at(-1) ?? state.receivingUnit;

/** The macro-status follows from the state: a closure, then a hold, then the step. */
export function statusOf(def: WorkflowDefinition, state: DossierState): MacroStatus {
  if (state.closed) return state.closed.as;
  if (state.hold?.kind === 'supplement') return 'supplement_requested';
  if (state.hold?.kind === 'handed_off') return 'waiting_other_agency';
  return stepOf(def, state.step).status;
}

export const withStatus = (def: WorkflowDefinition, state: DossierState): DossierState => ({
  ...state,
  status: statusOf(def, state),
});

/** A clock operation's result: the new clock and the effect to report, if the clock really changed. */
export interface ClockChange {
  clock: Clock;
  effect: ClockEffect | null;
}

const unchanged = (clock: Clock): ClockChange => ({ clock, effect: null });

// Starting a started clock is ignored rather than refused: a definition that declares two starts on one path
// should not strand its dossiers.
export function startClock(clock: Clock, at: number): ClockChange {
  if (clock.phase !== 'idle') return unchanged(clock);
  return { clock: { phase: 'running', pauses: [] }, effect: { type: 'clock.start', at } };
}

export function pauseClock(clock: Clock, reason: PauseReason, at: number): ClockChange {
  if (clock.phase === 'idle' || clock.phase === 'stopped') return unchanged(clock);
  if (clock.pauses.some((p) => p.reason === reason)) return unchanged(clock);
  const next: Clock = { phase: 'paused', pauses: [...clock.pauses, { reason, since: at }] };
  return { clock: next, effect: clock.phase === 'running' ? { type: 'clock.pause', at, reason } : null };
}

/** Lifts one reason to pause; the clock runs again only when no reason is left. `restart` counts from zero. */
export function resumeClock(clock: Clock, reason: PauseReason, at: number, restart = false): ClockChange {
  if (!clock.pauses.some((p) => p.reason === reason)) return unchanged(clock);
  const pauses = clock.pauses.filter((p) => p.reason !== reason);
  const next: Clock = { phase: pauses.length > 0 ? 'paused' : 'running', pauses };
  if (restart) return { clock: next, effect: { type: 'clock.restart', at } };
  return { clock: next, effect: pauses.length > 0 ? null : { type: 'clock.resume', at, reason } };
}

export function stopClock(clock: Clock, at: number): ClockChange {
  if (clock.phase === 'idle' || clock.phase === 'stopped') return unchanged(clock);
  return { clock: { phase: 'stopped', pauses: [] }, effect: { type: 'clock.stop', at } };
}

/** Structural rules every reachable state keeps; used by the property tests and by the service on load. */
export function stateProblems(def: WorkflowDefinition, state: DossierState): string[] {
  const problems: string[] = [];
  const step = def.steps.find((s) => s.id === state.step);
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  expect(state.workflow.code === def.code && state.workflow.version === def.version, 'khác phiên bản quy trình');
  if (!step) return [...problems, `bước "${state.step}" không có trong quy trình`];
  expect(MACRO_STATUSES.includes(state.status), `trạng thái "${state.status}" không tồn tại`);
  expect(state.status === statusOf(def, state), `trạng thái "${state.status}" không khớp với bước và tình trạng chờ`);
  expect(!step.terminal || state.closed?.as === step.status, 'ở bước kết thúc nhưng hồ sơ chưa đóng');
  expect(state.closed === null || isEndStatus(state.closed.as), 'đóng với trạng thái không phải kết thúc');
  expect(state.closed === null || state.hold === null, 'hồ sơ đã đóng vẫn còn đang chờ');
  expect(state.closed === null || state.clock.phase !== 'running', 'hồ sơ đã đóng mà đồng hồ vẫn chạy');
  expect((state.clock.phase === 'paused') === state.clock.pauses.length > 0, 'đồng hồ dừng không rõ lý do');
  expect(new Set(state.clock.pauses.map((p) => p.reason)).size === state.clock.pauses.length, 'lý do dừng lặp');
  expect(state.agencies[0] === state.receivingUnit, 'cơ quan đầu tiên không phải nơi tiếp nhận');
  expect(holdMatchesClock(state), 'tình trạng chờ không khớp với đồng hồ');
  expect(state.hold === null || (step.allows ?? []).includes(allowanceOf(state.hold)), 'bước không cho phép chờ');
  return problems;
}

function holdMatchesClock(state: DossierState): boolean {
  const paused = (reason: PauseReason) => state.clock.pauses.some((p) => p.reason === reason);
  const counting = state.clock.phase === 'running' || state.clock.phase === 'paused';
  if (state.hold?.kind === 'supplement') return paused('supplement') === counting;
  if (state.hold?.kind === 'suspension') return paused('suspension') === counting;
  return !paused('supplement') && !paused('suspension');
}

const ALLOWANCES: Record<Hold['kind'], StepAllowance> = {
  supplement: 'supplement',
  suspension: 'suspend',
  handed_off: 'hand_off',
};

/** The permission a step must give for the dossier to wait there this way. */
export const allowanceOf = (hold: Hold): StepAllowance => ALLOWANCES[hold.kind];

export const HOLD_NAMES: Record<Hold['kind'], string> = {
  supplement: 'chờ người nộp bổ sung hồ sơ',
  suspension: 'tạm dừng xử lý',
  handed_off: 'ở cơ quan khác (liên thông)',
};
