// The common shape of an action the engine can offer: who may take it, whether the dossier allows it now, what
// input it needs, and what it does. Actions of the definition and actions every dossier has both take this shape.

import { ROLE_NAMES } from '../../platform/auth/roles.ts';
import type { ActorRule, Requirement, StepDefinition, WorkflowDefinition } from './definition.ts';
import { DELIVERIES, type Delivery, type Effect } from './effects.ts';
import type { Actor, DossierState } from './state.ts';

/** Data the actor sends with an action; which fields matter depends on the action's needs. */
export interface ActionInput {
  note?: string;
  reason?: string;
  opinion?: string;
  /** Result documents (file ids) attached with the action. */
  documents?: readonly string[];
  /** The digitally signed result (file id), for actions that require a signature. */
  signedDocumentId?: string;
  /** Reference of the payment (payment platform transaction or receipt number). */
  paymentRef?: string;
  delivery?: Delivery;
  /** Staff member the dossier is assigned to. */
  assignee?: string;
  /** Agency the dossier is handed to. */
  agencyId?: string;
  /** Form 04: the new appointment (epoch ms). */
  newDate?: number;
}

/** Input an action needs: the definition's requirements plus those of the actions every dossier has. */
export type InputNeed = Requirement | 'assignee' | 'agency' | 'new_date';

export type RefusalCode =
  | 'closed'
  | 'unknown_action'
  | 'not_allowed_now'
  | 'forbidden'
  | 'missing_input'
  | 'extension_used';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

export const refuse = (code: RefusalCode, reason: string): Refusal => ({ ok: false, code, reason });

export interface Context {
  def: WorkflowDefinition;
  state: DossierState;
  step: StepDefinition;
  actor: Actor;
  now: number;
  input: ActionInput;
}

export interface Applied {
  state: DossierState;
  effects: Effect[];
}

export interface Candidate {
  id: string;
  name: string;
  /** Target step for actions of the definition; null for actions that keep the dossier at its step. */
  to: string | null;
  by: readonly ActorRule[];
  needs: readonly InputNeed[];
  /** Why the dossier does not allow the action now, or null. */
  blockedBy: Refusal | null;
  apply: (ctx: Context) => Applied;
}

export function mayAct(rules: readonly ActorRule[], actor: Actor): boolean {
  return actor.kind === 'staff' ? actor.roles.some((role) => rules.includes(role)) : rules.includes(actor.kind);
}

const ACTOR_NAMES: Record<'applicant' | 'system', string> = { applicant: 'người nộp hồ sơ', system: 'hệ thống' };

export const actorNames = (rules: readonly ActorRule[]): string =>
  rules.map((rule) => (rule === 'applicant' || rule === 'system' ? ACTOR_NAMES[rule] : ROLE_NAMES[rule])).join(', ');

const NEED_MESSAGES: Record<InputNeed, string> = {
  opinion: 'Cần nhập ý kiến xử lý.',
  documents: 'Cần đính kèm văn bản kết quả.',
  signature: 'Cần văn bản kết quả đã được ký số.',
  payment: 'Cần chứng từ đã nộp phí, lệ phí.',
  reason: 'Cần nêu lý do.',
  delivery: 'Cần chọn hình thức trả kết quả: tại bộ phận một cửa, qua bưu chính hoặc trực tuyến.',
  assignee: 'Cần chọn người được phân công.',
  agency: 'Cần chọn cơ quan nhận hồ sơ.',
  new_date: 'Cần ngày hẹn trả kết quả mới, sau thời điểm hiện tại.',
};

const filled = (value: string | undefined) => value !== undefined && value.trim() !== '';

function hasNeed(need: InputNeed, input: ActionInput, state: DossierState, now: number): boolean {
  switch (need) {
    case 'opinion':
      return filled(input.opinion);
    case 'documents':
      return (input.documents?.length ?? 0) > 0 || state.resultDocuments.length > 0;
    case 'signature':
      return filled(input.signedDocumentId);
    case 'payment':
      return filled(input.paymentRef);
    case 'reason':
      return filled(input.reason);
    case 'delivery':
      return input.delivery !== undefined && DELIVERIES.includes(input.delivery);
    case 'assignee':
      return filled(input.assignee);
    case 'agency':
      return filled(input.agencyId);
    case 'new_date':
      return input.newDate !== undefined && Number.isFinite(input.newDate) && input.newDate > now;
  }
}

/** The first input the action needs and did not get, as a refusal. */
export function missingInput(
  needs: readonly InputNeed[],
  input: ActionInput,
  state: DossierState,
  now: number,
): Refusal | null {
  const missing = needs.find((need) => !hasNeed(need, input, state, now));
  return missing ? refuse('missing_input', NEED_MESSAGES[missing]) : null;
}

export const addDocuments = (documents: readonly string[], more: readonly string[]): string[] => [
  ...documents,
  ...more.filter((id, i) => !documents.includes(id) && more.indexOf(id) === i),
];
