// The current workflow state is a projection of the dossier's ordered history: replaying the accepted actions
// through the engine from the opening gives it back. The service stores the state for queries; tests (and an
// operator's consistency check) compare it with the replay.

import type { WorkflowDefinition } from './definition.ts';
import { type ActionInput, applyAction } from './engine.ts';
import { type MigrationEntry, migrateState } from './migration.ts';
import { type Actor, type DossierOpening, type DossierState, openDossier } from './state.ts';

export interface ActionEntry {
  kind: 'action';
  action: string;
  actor: Actor;
  at: number;
  input: ActionInput;
}

export type HistoryEntry = ActionEntry | MigrationEntry;

export interface DossierHistory {
  /** The workflow version the dossier was opened under. */
  version: number;
  opening: DossierOpening;
  entries: readonly HistoryEntry[];
}

/**
 * The state after the whole history. `definitions` holds every version the history passes through (one is enough
 * for a dossier never migrated). A history entry the engine refuses means the history is corrupt: it throws.
 */
export function replay(
  definitions: WorkflowDefinition | readonly WorkflowDefinition[],
  history: DossierHistory,
): DossierState {
  const versions = Array.isArray(definitions) ? definitions : [definitions];
  const version = (n: number): WorkflowDefinition => {
    const def = versions.find((d) => d.version === n);
    if (!def) throw new Error(`Thiếu quy trình phiên bản ${n} để dựng lại hồ sơ.`);
    return def;
  };
  return history.entries.reduce(
    (state, entry, i) => {
      if (entry.kind === 'migration') return migrateState(version(entry.toVersion), state, entry);
      const outcome = applyAction(
        version(state.workflow.version),
        state,
        entry.action,
        entry.actor,
        entry.at,
        entry.input,
      );
      if (!outcome.ok) throw new Error(`Lịch sử hồ sơ không hợp lệ ở mục ${i} (${entry.action}): ${outcome.reason}`);
      return outcome.state;
    },
    openDossier(version(history.version), history.opening),
  );
}
