// Workflow definitions (quy trình điện tử): the versioned JSON an administrator edits, its JSON Schema, and the
// checks that keep a definition from stranding dossiers (unknown steps or roles, unreachable steps, dead ends).

import { Ajv, type ErrorObject } from 'ajv';
import { isRole, type Role } from '../../platform/auth/roles.ts';

/** Shared macro-statuses (DESIGN.md "Core model"); each step shows one of them to the applicant. */
export const MACRO_STATUSES = [
  'draft',
  'waiting_receipt',
  'supplement_requested',
  'processing',
  'waiting_payment',
  'waiting_other_agency',
  'resolved',
  'returned',
  'refused',
  'withdrawn',
  'cancelled',
] as const;
export type MacroStatus = (typeof MACRO_STATUSES)[number];

/** Statuses that end a dossier: no action is possible afterwards. */
export const END_STATUSES = ['returned', 'refused', 'withdrawn', 'cancelled'] as const;
export type EndStatus = (typeof END_STATUSES)[number];
export const isEndStatus = (status: MacroStatus): status is EndStatus =>
  (END_STATUSES as readonly string[]).includes(status);

/**
 * What an action needs from the actor: an opinion, result documents (given now or attached earlier), a digitally
 * signed result, proof of payment, a reason (refusals), the way the result is handed over.
 */
export const REQUIREMENTS = ['opinion', 'documents', 'signature', 'payment', 'reason', 'delivery'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** Effects an action of the definition has on the dossier, besides moving it to the target step. */
export const DECLARED_EFFECTS = [
  'clock.start',
  'clock.pause',
  'clock.resume',
  'code.assign',
  'appointment.set',
  'payment.require',
  'result.require_signature',
  'agency.handOff',
  'agency.takeBack',
  'notify.applicant',
] as const;
export type DeclaredEffect = (typeof DECLARED_EFFECTS)[number];

/** Interruptions a step permits; each returns the dossier to the same step (see dossier-actions.ts). */
export const STEP_ALLOWANCES = ['supplement', 'suspend', 'hand_off'] as const;
export type StepAllowance = (typeof STEP_ALLOWANCES)[number];

/** Who may take an action: a staff role at the dossier's current agency, the applicant, or the system (timers, callbacks). */
export type ActorRule = Role | 'applicant' | 'system';

/** A processing time; the same shape as the calendar module's Duration, so it can be handed to it unchanged. */
export interface StepTime {
  unit: 'working_days' | 'working_hours';
  amount: number;
}

export interface ActionDefinition {
  id: string;
  name: string;
  to: string;
  by: ActorRule[];
  requires?: Requirement[];
  effects?: DeclaredEffect[];
}

export interface StepDefinition {
  id: string;
  name: string;
  status: MacroStatus;
  /** The role responsible for the step; the dossier waits in this role's queue. */
  role?: Role;
  /** Department code within the acting agency (phòng chuyên môn, bộ phận một cửa…), resolved by the org module. */
  department?: string;
  timeAllowed?: StepTime;
  terminal?: boolean;
  allows?: StepAllowance[];
  actions: ActionDefinition[];
}

export interface WorkflowSettings {
  /**
   * Decree 61 (DOMAIN.md §4): after a supplement requested during processing, counting restarts from zero (?)
   * or resumes where it stopped. A setting because the rule is not confirmed.
   */
  supplementClock: 'restart' | 'resume';
}

export interface WorkflowDefinition {
  /** Stable across versions (a procedure offering names it); a dossier keeps `code` and `version`. */
  code: string;
  version: number;
  name: string;
  description?: string;
  start: string;
  settings: WorkflowSettings;
  steps: StepDefinition[];
}

/** Ids of the actions every dossier has whatever its workflow; a definition may not reuse them. */
export const DOSSIER_ACTION_IDS = [
  'assign',
  'add_opinion',
  'attach_result',
  'extend',
  'request_supplement',
  'supplement',
  'suspend',
  'resume',
  'hand_off',
  'take_back',
  'withdraw',
  'cancel',
] as const;
export type DossierActionId = (typeof DOSSIER_ACTION_IDS)[number];

// Ids end up in Mermaid text and SVG ids: keep them to lower-case letters, digits and underscores.
const ID_PATTERN = '^[a-z][a-z0-9_]*$';
const CODE_PATTERN = '^[a-z][a-z0-9_-]*$';
const text = { type: 'string', minLength: 1, maxLength: 200 } as const;
const idOf = { type: 'string', pattern: ID_PATTERN, maxLength: 64 } as const;

/** JSON Schema (draft-07, Ajv 8) of a workflow definition. Roles are checked by name in `validateDefinition`. */
export const WORKFLOW_DEFINITION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'version', 'name', 'start', 'settings', 'steps'],
  properties: {
    code: { type: 'string', pattern: CODE_PATTERN, maxLength: 64 },
    version: { type: 'integer', minimum: 1 },
    name: text,
    description: { type: 'string', maxLength: 2000 },
    start: idOf,
    settings: {
      type: 'object',
      additionalProperties: false,
      required: ['supplementClock'],
      properties: { supplementClock: { enum: ['restart', 'resume'] } },
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'status', 'actions'],
        properties: {
          id: idOf,
          name: text,
          status: { enum: [...MACRO_STATUSES] },
          role: { type: 'string', minLength: 1 },
          department: { type: 'string', minLength: 1, maxLength: 64 },
          timeAllowed: {
            type: 'object',
            additionalProperties: false,
            required: ['unit', 'amount'],
            properties: {
              unit: { enum: ['working_days', 'working_hours'] },
              amount: { type: 'number', exclusiveMinimum: 0 },
            },
          },
          terminal: { type: 'boolean' },
          allows: { type: 'array', uniqueItems: true, items: { enum: [...STEP_ALLOWANCES] } },
          actions: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'to', 'by'],
              properties: {
                id: idOf,
                name: text,
                to: idOf,
                by: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
                requires: { type: 'array', uniqueItems: true, items: { enum: [...REQUIREMENTS] } },
                effects: { type: 'array', uniqueItems: true, items: { enum: [...DECLARED_EFFECTS] } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** A problem found in a definition: where (`steps[2].actions[0].to`) and what, in Vietnamese. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true });
const matchesSchema = ajv.compile(WORKFLOW_DEFINITION_SCHEMA);

/** Every problem of a definition; an empty list means it can be published. */
export function validateDefinition(candidate: unknown): DefinitionProblem[] {
  if (!matchesSchema(candidate)) return schemaProblems(matchesSchema.errors ?? []);
  const def = candidate as WorkflowDefinition;
  const problems = [...duplicateIds(def), ...unknownReferences(def), ...terminalProblems(def)];
  // Reachability only means something once every reference resolves.
  return problems.length > 0
    ? problems
    : [...refusalsWithoutReason(def), ...unreachableSteps(def), ...stepsWithoutEnd(def)];
}

function schemaProblems(errors: readonly ErrorObject[]): DefinitionProblem[] {
  return errors.map((error) => {
    const base = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '');
    const missing = error.params.missingProperty ?? error.params.additionalProperty;
    const path = [base, missing].filter(Boolean).join('.') || '(toàn bộ)';
    return { path, message: schemaMessage(error, path) };
  });
}

function schemaMessage(error: ErrorObject, path: string): string {
  switch (error.keyword) {
    case 'required':
      return `Thiếu trường bắt buộc "${path}".`;
    case 'additionalProperties':
      return `Trường "${path}" không có trong định dạng quy trình.`;
    case 'type':
      return `Trường "${path}" phải có kiểu ${String(error.params.type)}.`;
    case 'enum':
      return `Giá trị của "${path}" phải là một trong: ${(error.params.allowedValues as unknown[]).join(', ')}.`;
    case 'pattern':
      return `"${path}" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ.`;
    case 'uniqueItems':
      return `Danh sách "${path}" có phần tử lặp lại.`;
    case 'minItems':
      return `Danh sách "${path}" phải có ít nhất ${String(error.params.limit)} phần tử.`;
    default:
      return `Giá trị của "${path}" không hợp lệ (${error.message ?? error.keyword}).`;
  }
}

function duplicateIds(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const stepAt = new Map<string, number>();
  def.steps.forEach((step, i) => {
    const first = stepAt.get(step.id);
    if (first === undefined) stepAt.set(step.id, i);
    else problems.push({ path: `steps[${i}].id`, message: `Mã bước "${step.id}" bị trùng với steps[${first}].` });
    const actionAt = new Map<string, number>();
    step.actions.forEach((action, j) => {
      const path = `steps[${i}].actions[${j}].id`;
      const earlier = actionAt.get(action.id);
      if (earlier !== undefined) {
        problems.push({ path, message: `Mã thao tác "${action.id}" bị trùng với steps[${i}].actions[${earlier}].` });
      } else actionAt.set(action.id, j);
      if ((DOSSIER_ACTION_IDS as readonly string[]).includes(action.id)) {
        problems.push({ path, message: `Mã thao tác "${action.id}" trùng với một thao tác chung của mọi hồ sơ.` });
      }
    });
  });
  return problems;
}

function unknownReferences(def: WorkflowDefinition): DefinitionProblem[] {
  const ids = new Set(def.steps.map((s) => s.id));
  const problems: DefinitionProblem[] = [];
  if (!ids.has(def.start)) problems.push({ path: 'start', message: `Bước bắt đầu "${def.start}" không tồn tại.` });
  def.steps.forEach((step, i) => {
    if (step.role !== undefined && !isRole(step.role)) {
      problems.push({ path: `steps[${i}].role`, message: `Vai trò "${step.role}" không tồn tại.` });
    }
    step.actions.forEach((action, j) => {
      const path = `steps[${i}].actions[${j}]`;
      if (!ids.has(action.to))
        problems.push({ path: `${path}.to`, message: `Bước đích "${action.to}" không tồn tại.` });
      action.by.forEach((rule, k) => {
        if (rule !== 'applicant' && rule !== 'system' && !isRole(rule)) {
          problems.push({ path: `${path}.by[${k}]`, message: `Vai trò "${rule}" không tồn tại.` });
        }
      });
    });
  });
  return problems;
}

function terminalProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  def.steps.forEach((step, i) => {
    const path = `steps[${i}]`;
    if (step.terminal && !isEndStatus(step.status)) {
      problems.push({
        path: `${path}.status`,
        message: `Bước kết thúc "${step.name}" phải có trạng thái kết thúc (${END_STATUSES.join(', ')}), không phải "${step.status}".`,
      });
    }
    if (!step.terminal && isEndStatus(step.status)) {
      problems.push({
        path: `${path}.terminal`,
        message: `Bước "${step.name}" có trạng thái kết thúc "${step.status}" nên phải là bước kết thúc.`,
      });
    }
    if (step.terminal && step.actions.length > 0) {
      problems.push({ path: `${path}.actions`, message: `Bước kết thúc "${step.name}" không được có thao tác.` });
    }
    if (step.terminal && step.allows?.length) {
      problems.push({ path: `${path}.allows`, message: `Bước kết thúc "${step.name}" không cho phép gián đoạn nào.` });
    }
    if (!step.terminal && step.actions.length === 0) {
      problems.push({
        path: `${path}.actions`,
        message: `Bước "${step.name}" không có thao tác nào để đi tiếp nhưng không phải bước kết thúc.`,
      });
    }
  });
  return problems;
}

/** Form 03 states why a dossier is refused, so every way into a refusal asks for the reason. */
function refusalsWithoutReason(def: WorkflowDefinition): DefinitionProblem[] {
  return def.steps.flatMap((step, i) =>
    step.actions.flatMap((action, j) =>
      stepOf(def, action.to).status === 'refused' && !action.requires?.includes('reason')
        ? [
            {
              path: `steps[${i}].actions[${j}].requires`,
              message: `Thao tác "${action.name}" dẫn tới từ chối nên phải yêu cầu lý do ("reason").`,
            },
          ]
        : [],
    ),
  );
}

function unreachableSteps(def: WorkflowDefinition): DefinitionProblem[] {
  const seen = reachableFrom(def, [def.start], (step) => step.actions.map((a) => a.to));
  return def.steps.flatMap((step, i) =>
    seen.has(step.id)
      ? []
      : [{ path: `steps[${i}]`, message: `Bước "${step.name}" không thể đến được từ bước bắt đầu "${def.start}".` }],
  );
}

/** A step from which no terminal step can be reached traps its dossiers (a cycle with no way out). */
function stepsWithoutEnd(def: WorkflowDefinition): DefinitionProblem[] {
  const incoming = new Map<string, string[]>();
  for (const step of def.steps) {
    for (const action of step.actions) incoming.set(action.to, [...(incoming.get(action.to) ?? []), step.id]);
  }
  const terminals = def.steps.filter((s) => s.terminal).map((s) => s.id);
  const canEnd = reachableFrom(def, terminals, (step) => incoming.get(step.id) ?? []);
  return def.steps.flatMap((step, i) =>
    canEnd.has(step.id)
      ? []
      : [{ path: `steps[${i}]`, message: `Từ bước "${step.name}" không thể đi tới bước kết thúc nào.` }],
  );
}

function reachableFrom(
  def: WorkflowDefinition,
  origins: readonly string[],
  next: (step: StepDefinition) => readonly string[],
): Set<string> {
  const seen = new Set<string>(origins);
  const queue = [...origins];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = findStep(def, id);
    for (const to of step ? next(step) : []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

export const findStep = (def: WorkflowDefinition, id: string): StepDefinition | undefined =>
  def.steps.find((s) => s.id === id);

/** The step a valid definition is known to contain; a missing one means the state and definition disagree. */
export function stepOf(def: WorkflowDefinition, id: string): StepDefinition {
  const step = findStep(def, id);
  if (!step) throw new Error(`Quy trình "${def.code}" phiên bản ${def.version} không có bước "${id}".`);
  return step;
}
