// Property: random sequences of the actions the API offers, taken through HTTP by the commune's staff at random
// moments, never reach an invalid state, and the stored state always equals the reducer applied to the history.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { storedHistory } from '../src/modules/dossiers/service.ts';
import type { InputNeed } from '../src/modules/workflow/engine.ts';
import { replay } from '../src/modules/workflow/reducer.ts';
import { stateProblems } from '../src/modules/workflow/state.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';
import { makePki } from './signing-fixtures.ts';

const clock = fixedClock(new Date(vnInstant('2025-01-20', '08:00')));
let t: TestApp;
let desk: Desk;
const STAFF = ['motcua.p1', 'chuyenvien.p1', 'lanhdao.p1', 'quantri.tpbl'];
const PROCEDURES = { '9.910001': 'commune-standard', '9.910002': 'with-fee', '9.910003': 'commune-on-the-spot' };
let inputFor: (need: InputNeed, dossierId: string) => Promise<Record<string, unknown>>;

beforeAll(async () => {
  t = await testApp({
    clock,
    env: { LOGIN_RATE_PER_MINUTE: '100000', SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720' },
  });
  desk = new Desk(t);
  for (const [code, workflow] of Object.entries(PROCEDURES)) await desk.procedure(code, [[AGENCY.p1, workflow]]);
  // The chairman signs results with a key of the test PKI, valid since before the test's clock.
  await desk.signingKeys(await makePki(new Date('2024-01-01')), ['lanhdao.p1']);
  const specialist = await desk.staffId('chuyenvien.p1');
  const sxd = await desk.agencyId(AGENCY.sxd);
  const inputs: Partial<Record<InputNeed, Record<string, unknown>>> = {
    opinion: { opinion: 'Ý kiến xử lý.' },
    payment: { paymentRef: 'BL-1' },
    reason: { reason: 'Lý do.' },
    delivery: { delivery: 'desk' },
    assignee: { assignee: specialist },
    agency: { agencyId: sxd },
  };
  // Result documents are the dossier's own: drafted by the specialist, and signed by the chairman for a signature.
  inputFor = async (need, dossierId) => {
    if (need === 'documents') return { documents: [await desk.result('chuyenvien.p1', dossierId)] };
    if (need === 'signature') {
      return { signedDocumentId: await desk.signedResult('chuyenvien.p1', 'lanhdao.p1', dossierId) };
    }
    if (need === 'new_date') return { newDate: new Date(clock.now().getTime() + 30 * 86_400_000).toISOString() };
    return inputs[need] ?? {};
  };
}, 120_000);
afterAll(() => t.close());

type Offered = { id: string; needs: InputNeed[] };

/** Every (staff member, action) pair the API offers now, in a fixed order. */
async function offered(id: string): Promise<[string, Offered][]> {
  const pairs: [string, Offered][] = [];
  for (const username of STAFF) {
    const view = await desk.get(username, id);
    for (const action of view.availableActions as Offered[]) pairs.push([username, action]);
  }
  return pairs;
}

async function assertConsistent(id: string) {
  const { definitions, history, state } = await storedHistory(t.ctx, id);
  expect(replay(definitions, history)).toEqual(state);
  expect(stateProblems(definitions.at(-1)!, state)).toEqual([]);
}

describe('random walks through the seeded workflows', () => {
  it('keep the stored state equal to the replayed history, with no broken invariant', async () => {
    const walk = fc.record({
      procedure: fc.constantFrom(...Object.keys(PROCEDURES)),
      moves: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 20 })), { minLength: 3, maxLength: 14 }),
    });
    await fc.assert(
      fc.asyncProperty(walk, async ({ procedure, moves }) => {
        desk.forgetSessions();
        const { id } = await desk.open('motcua.p1', { procedureCode: procedure });
        await assertConsistent(id);
        for (const [pick, hours] of moves) {
          clock.advance(hours * 3_600_000); // within the sessions' idle limit
          const choices = await offered(id);
          if (choices.length === 0) break; // closed
          const [username, action] = choices[pick % choices.length]!;
          const body = {};
          for (const need of action.needs) Object.assign(body, await inputFor(need, id));
          await desk.act(username, id, action.id, body);
          await assertConsistent(id);
        }
      }),
      { numRuns: 25 },
    );
  });
});
