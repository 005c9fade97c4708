// Moving in-flight dossiers from version N of a workflow to version N+1 through an explicit step mapping. The plan
// is computed first and printed as a dry run; the service applies its moves, each recorded in the dossier's
// history as a migration entry so that the reducer can replay across versions.

import { type DefinitionProblem, findStep, validateDefinition, type WorkflowDefinition } from './definition.ts';
import { allowanceOf, type DossierState, HOLD_NAMES, withStatus } from './state.ts';
import { MACRO_STATUS_NAMES } from './statuses.ts';

/** Old step id → new step id. Steps left out cannot be migrated: their dossiers stay on version N. */
export type StepMapping = Readonly<Record<string, string>>;

export interface MigrationEntry {
  kind: 'migration';
  at: number;
  toVersion: number;
  step: string;
}

export interface InFlightDossier {
  id: string;
  state: DossierState;
}

export interface MigrationPlan {
  from: { code: string; version: number };
  to: { code: string; version: number };
  /** Problems with the mapping or the new version; while there are any, nothing moves. */
  problems: DefinitionProblem[];
  moves: { dossierId: string; fromStep: string; toStep: string; entry: MigrationEntry; state: DossierState }[];
  blocked: { dossierId: string; step: string; reason: string }[];
  /** Dossiers that are not concerned: closed, or not on version N. */
  skipped: { dossierId: string; reason: string }[];
}

export function planMigration(
  from: WorkflowDefinition,
  to: WorkflowDefinition,
  mapping: StepMapping,
  dossiers: readonly InFlightDossier[],
  now: number,
): MigrationPlan {
  const plan: MigrationPlan = {
    from: { code: from.code, version: from.version },
    to: { code: to.code, version: to.version },
    problems: mappingProblems(from, to, mapping),
    moves: [],
    blocked: [],
    skipped: [],
  };
  if (plan.problems.length > 0) return plan;
  for (const { id, state } of dossiers) {
    const skip = skipReason(from, state);
    const target = mapping[state.step];
    const block =
      target === undefined ? `Bước "${state.step}" không có trong bảng ánh xạ.` : moveProblem(from, to, state, target);
    if (skip) plan.skipped.push({ dossierId: id, reason: skip });
    else if (block !== null || target === undefined)
      plan.blocked.push({ dossierId: id, step: state.step, reason: block ?? '' });
    else {
      const entry: MigrationEntry = { kind: 'migration', at: now, toVersion: to.version, step: target };
      plan.moves.push({
        dossierId: id,
        fromStep: state.step,
        toStep: target,
        entry,
        state: migrateState(to, state, entry),
      });
    }
  }
  return plan;
}

function skipReason(from: WorkflowDefinition, state: DossierState): string | null {
  if (state.workflow.code !== from.code || state.workflow.version !== from.version) {
    return `Hồ sơ theo quy trình "${state.workflow.code}" phiên bản ${state.workflow.version}.`;
  }
  return state.closed ? 'Hồ sơ đã kết thúc, giữ phiên bản cũ.' : null;
}

function mappingProblems(from: WorkflowDefinition, to: WorkflowDefinition, mapping: StepMapping): DefinitionProblem[] {
  const problems = validateDefinition(to).map((p) => ({ path: `to.${p.path}`, message: p.message }));
  if (to.code !== from.code) {
    problems.push({ path: 'to.code', message: `Phiên bản mới phải thuộc cùng quy trình "${from.code}".` });
  }
  if (to.version !== from.version + 1) {
    problems.push({ path: 'to.version', message: `Chỉ chuyển từ phiên bản ${from.version} sang ${from.version + 1}.` });
  }
  for (const [oldStep, newStep] of Object.entries(mapping)) {
    if (!findStep(from, oldStep)) {
      problems.push({ path: `mapping.${oldStep}`, message: `Phiên bản ${from.version} không có bước "${oldStep}".` });
    }
    if (!findStep(to, newStep)) {
      problems.push({ path: `mapping.${oldStep}`, message: `Phiên bản ${to.version} không có bước "${newStep}".` });
    }
  }
  return problems;
}

/**
 * Why a dossier cannot move to `target`, or null. A migration changes the route ahead, never what the applicant
 * sees now: the macro-status must stay the same, and the new step must permit what the dossier is waiting for.
 */
function moveProblem(
  from: WorkflowDefinition,
  to: WorkflowDefinition,
  state: DossierState,
  target: string,
): string | null {
  const oldStep = findStep(from, state.step);
  const newStep = findStep(to, target);
  if (!oldStep || !newStep) return `Bước "${state.step}" không có trong phiên bản ${from.version}.`;
  if (newStep.status !== oldStep.status) {
    return `Bước mới "${newStep.name}" có trạng thái "${MACRO_STATUS_NAMES[newStep.status]}", khác trạng thái hiện tại "${MACRO_STATUS_NAMES[oldStep.status]}".`;
  }
  if (state.hold && !(newStep.allows ?? []).includes(allowanceOf(state.hold))) {
    return `Hồ sơ đang ${HOLD_NAMES[state.hold.kind]} mà bước mới "${newStep.name}" không cho phép.`;
  }
  return null;
}

/** The state after a migration entry: same dossier, new version and step; the clock and holds carry over. */
export function migrateState(to: WorkflowDefinition, state: DossierState, entry: MigrationEntry): DossierState {
  return withStatus(to, { ...state, workflow: { code: to.code, version: entry.toVersion }, step: entry.step });
}

/** The dry-run report, in Vietnamese, one line per dossier. */
export function describeMigration(plan: MigrationPlan): string {
  const head = `Chuyển quy trình "${plan.from.code}" từ phiên bản ${plan.from.version} sang ${plan.to.version} (chạy thử)`;
  if (plan.problems.length > 0) {
    return [head, 'Không thể chuyển:', ...plan.problems.map((p) => `  - ${p.path}: ${p.message}`)].join('\n');
  }
  return [
    head,
    `Chuyển được ${plan.moves.length} hồ sơ:`,
    ...plan.moves.map((m) => `  - ${m.dossierId}: ${m.fromStep} → ${m.toStep}`),
    `Không chuyển được ${plan.blocked.length} hồ sơ:`,
    ...plan.blocked.map((b) => `  - ${b.dossierId} (bước ${b.step}): ${b.reason}`),
    `Bỏ qua ${plan.skipped.length} hồ sơ:`,
    ...plan.skipped.map((s) => `  - ${s.dossierId}: ${s.reason}`),
  ].join('\n');
}
