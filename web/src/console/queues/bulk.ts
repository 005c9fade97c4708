// Safe bulk actions: the same action on several dossiers is several requests, one per dossier, each read first
// (its version for If-Match, and whether the action is still allowed), each with its own Idempotency-Key, so a
// dossier someone else moved meanwhile is refused on its own and reported, and the others go through.
import { ProblemError } from '../../api/client.ts';
import { type ActionBody, actionRequest, type DossierView, fetchDossier, takeAction } from '../api/dossiers.ts';

/** The dossiers as they stand now: what the person decides on. */
export const readAll = (ids: string[]) => Promise.all(ids.map((id) => fetchDossier(id)));

export type BulkOutcome =
  | { id: string; status: 'pending' }
  | { id: string; status: 'done'; view: DossierView }
  | { id: string; status: 'failed'; problem: string };

/** Actions that move a dossier to another step and need nothing but an opinion, a reason or a note. */
const SIMPLE_NEEDS = new Set(['opinion', 'reason']);

export interface CommonMove {
  id: string;
  name: string;
  needs: string[];
}

/** The moves every one of the dossiers allows now: what a bulk "move" can offer. */
export function commonMoves(views: DossierView[]): CommonMove[] {
  const [first, ...rest] = views;
  if (!first) return [];
  return first.availableActions
    .filter((a) => a.to !== null && a.needs.every((n) => SIMPLE_NEEDS.has(n)))
    .filter((a) => rest.every((v) => v.availableActions.some((b) => b.id === a.id)))
    .map((a) => ({ id: a.id, name: a.name, needs: [...a.needs] }));
}

/**
 * Takes `action` on each dossier in turn, with If-Match set to the version the person saw when deciding (`seen`),
 * reporting each outcome as it comes.
 */
export async function runBulk(
  seen: DossierView[],
  action: string,
  body: ActionBody,
  report: (outcome: BulkOutcome) => void,
  notAllowed: (view: DossierView) => string,
): Promise<void> {
  for (const view of seen) {
    const id = view.id;
    try {
      if (!view.availableActions.some((a) => a.id === action)) {
        report({ id, status: 'failed', problem: notAllowed(view) });
        continue;
      }
      report({ id, status: 'done', view: await takeAction(actionRequest(view, action, body)) });
    } catch (error) {
      report({ id, status: 'failed', problem: error instanceof ProblemError ? error.title : String(error) });
    }
  }
}
