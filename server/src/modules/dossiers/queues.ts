// Work queues (hàng đợi công việc): which queue a dossier's current step puts it in, projected onto the row at every
// action so that "what waits on me" is an indexed query. Pure.
import type { Role } from '../../platform/auth/roles.ts';
import { stepOf, type WorkflowDefinition } from '../workflow/definition.ts';
import type { DossierState } from '../workflow/state.ts';

export const QUEUES = ['receive', 'process', 'approve', 'sign', 'return'] as const;
export type Queue = (typeof QUEUES)[number];

export const QUEUE_NAMES: Record<Queue | 'overdue', string> = {
  receive: 'Chờ tiếp nhận',
  process: 'Chờ thụ lý, xử lý',
  approve: 'Chờ xem xét, phê duyệt',
  sign: 'Chờ ký duyệt',
  return: 'Chờ trả kết quả',
  overdue: 'Quá hạn',
};

const APPROVERS: ReadonlySet<Role> = new Set(['department_head', 'agency_leader']);

/** The step's role and queue: reception, return, signing (an action needs a signature), approval by a head, else processing. */
export function stepColumns(
  def: WorkflowDefinition,
  state: DossierState,
): { step_role: Role | null; step_queue: Queue | null } {
  const step = stepOf(def, state.step);
  const role = step.role ?? null;
  return { step_role: role, step_queue: queueOf(state.status, step.actions, role) };
}

function queueOf(status: string, actions: { requires?: readonly string[] }[], role: Role | null): Queue | null {
  if (status === 'waiting_receipt') return 'receive';
  if (status === 'resolved') return 'return';
  if (status !== 'processing') return null;
  if (actions.some((a) => a.requires?.includes('signature'))) return 'sign';
  return role && APPROVERS.has(role) ? 'approve' : 'process';
}
