import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/auth/roles.ts';
import { DOSSIER_ACTION_IDS, type WorkflowDefinition } from './definition.ts';
import { DELIVERIES } from './effects.ts';
import { type ActionInput, type AvailableAction, applyAction, availableActions } from './engine.ts';
import { type ActionEntry, replay } from './reducer.ts';
import { SEEDED_WORKFLOWS } from './seeds.ts';
import { type Actor, type DossierState, openDossier, stateProblems } from './state.ts';

const ACTORS: Actor[] = [
  { kind: 'applicant', id: 'citizen-1' },
  { kind: 'system' },
  ...ROLES.map((role): Actor => ({ kind: 'staff', staffId: `staff-${role}`, roles: [role] })),
];
const OPENING = { at: Date.UTC(2025, 6, 1, 2), receivingUnit: 'unit-a', resolvingAgency: 'agency-b' };

/** An input that meets every need of the action. */
function inputFor(action: AvailableAction, now: number, pick: number): ActionInput {
  const input: ActionInput = {};
  for (const need of action.needs) {
    if (need === 'opinion') input.opinion = 'Ý kiến';
    if (need === 'reason') input.reason = 'Lý do';
    if (need === 'documents') input.documents = [`doc-${pick % 3}`];
    if (need === 'signature') input.signedDocumentId = `signed-${now}`;
    if (need === 'payment') input.paymentRef = `pay-${now}`;
    if (need === 'delivery') input.delivery = DELIVERIES[pick % DELIVERIES.length];
    if (need === 'assignee') input.assignee = `staff-${pick % 5}`;
    if (need === 'agency') input.agencyId = `agency-${pick % 4}`;
    if (need === 'new_date') input.newDate = now + 10 * 86_400_000;
  }
  return input;
}

const completeInput = (now: number, pick: number) =>
  inputFor(
    {
      id: '',
      name: '',
      to: null,
      needs: ['opinion', 'reason', 'documents', 'signature', 'payment', 'delivery', 'assignee', 'agency', 'new_date'],
    },
    now,
    pick,
  );

const moves = fc.array(
  fc.record({
    choice: fc.nat(),
    stepFirst: fc.boolean(),
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    probe: fc.nat(),
    pick: fc.nat(),
  }),
  { maxLength: 40, size: 'large' },
);

interface Offer {
  actor: Actor;
  action: AvailableAction;
}

const offers = (def: WorkflowDefinition, state: DossierState): Offer[] =>
  ACTORS.flatMap((actor) => availableActions(def, state, actor).map((action) => ({ actor, action })));

/** One of the offers; half the time one of the step's own, so that runs get past the first steps. */
function choose(offered: Offer[], choice: number, stepFirst: boolean): Offer {
  const own = offered.filter((o) => o.action.to !== null);
  const pool = stepFirst && own.length > 0 ? own : offered;
  return pool[choice % pool.length]!;
}

function allActionIds(def: WorkflowDefinition): string[] {
  return [...new Set([...def.steps.flatMap((s) => s.actions.map((a) => a.id)), ...DOSSIER_ACTION_IDS])];
}

describe.each(SEEDED_WORKFLOWS.map((def) => [def.code, def] as const))('workflow %s', (_code, def) => {
  it('random sequences of allowed actions never reach an invalid state, and replaying the history gives the state', () => {
    const ids = allActionIds(def);
    fc.assert(
      fc.property(moves, (sequence) => {
        let state = openDossier(def, OPENING);
        let now = OPENING.at;
        const entries: ActionEntry[] = [];
        for (const { choice, stepFirst, minutes, probe, pick } of sequence) {
          now += minutes * 60_000;
          const offered = offers(def, state);
          // Whatever is not offered to an actor is refused, and leaves the state alone.
          const probeActor = ACTORS[probe % ACTORS.length]!;
          const probeId = ids[Math.floor(probe / ACTORS.length) % ids.length]!;
          if (!offered.some((o) => o.actor === probeActor && o.action.id === probeId)) {
            expect(applyAction(def, state, probeId, probeActor, now, completeInput(now, pick)).ok).toBe(false);
          }
          if (offered.length === 0) {
            expect(state.closed).not.toBeNull();
            break;
          }
          const { actor, action } = choose(offered, choice, stepFirst);
          const input = inputFor(action, now, pick);
          const outcome = applyAction(def, state, action.id, actor, now, input);
          if (!outcome.ok) throw new Error(`${action.id} offered but refused: ${outcome.reason}`);
          state = outcome.state;
          entries.push({ kind: 'action', action: action.id, actor, at: now, input });
          expect(stateProblems(def, state)).toEqual([]);
        }
        expect(replay(def, { version: def.version, opening: OPENING, entries })).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('every step can be reached by some random run (the generator explores the whole workflow)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(moves, (sequence) => {
        let state = openDossier(def, OPENING);
        seen.add(state.step);
        for (const { choice, stepFirst, pick } of sequence) {
          const offered = offers(def, state);
          if (offered.length === 0) break;
          const { actor, action } = choose(offered, choice, stepFirst);
          const outcome = applyAction(def, state, action.id, actor, OPENING.at, inputFor(action, OPENING.at, pick));
          if (outcome.ok) state = outcome.state;
          seen.add(state.step);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen].sort()).toEqual(def.steps.map((s) => s.id).sort());
  });
});

describe('replay', () => {
  it('throws on a history the engine would not accept', () => {
    const def = SEEDED_WORKFLOWS[1]!;
    const entries: ActionEntry[] = [{ kind: 'action', action: 'accept', actor: ACTORS[2]!, at: OPENING.at, input: {} }];
    expect(() => replay(def, { version: 1, opening: OPENING, entries })).toThrow(/mục 0 \(accept\)/);
  });
});
