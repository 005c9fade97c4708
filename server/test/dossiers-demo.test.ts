// The demo dossiers: seeded through the real service on a fresh test database, in every state the desk shows,
// each stored state equal to the replay of its history, codes unique, and seeded once only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { seedDemoDossiers } from '../src/modules/dossiers/demo.ts';
import { storedHistory } from '../src/modules/dossiers/service.ts';
import { replay } from '../src/modules/workflow/reducer.ts';
import { stateProblems } from '../src/modules/workflow/state.ts';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import { fixedClock } from '../src/platform/clock.ts';
import type { AppContext } from '../src/platform/context.ts';
import { testContext } from './harness.ts';

// A Wednesday afternoon, so that the result does not depend on the day the test runs.
const NOW = vnInstant('2025-11-26', '15:00');
let ctx: AppContext;
let seeded = 0;

// Seeding renders and signs about 230 result documents besides driving the dossiers: minutes on a loaded machine.
beforeAll(async () => {
  ctx = await testContext({ clock: fixedClock(new Date(NOW)) });
  seeded = await seedDemoDossiers(ctx);
}, 300_000);
afterAll(() => ctx.database.close());

const rows = () =>
  ctx.database.db
    .selectFrom('dossier')
    .select(['id', 'code', 'status', 'outcome', 'due_state', 'received_at', 'receiving_unit_id', 'version'])
    .orderBy('id')
    .execute();

describe('demo dossiers', () => {
  it('cover every state the desk shows', async () => {
    const all = await rows();
    expect(all.length).toBe(seeded);
    const tally = new Map<string, number>();
    for (const d of all) {
      const key = `${d.receiving_unit_id.slice(0, 4)} ${d.status} ${d.outcome ?? ''} ${d.due_state ?? ''}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    if (process.env.DEMO_TALLY) console.log([...tally].sort().join('\n'));
    expect(seeded).toBeGreaterThanOrEqual(200);
    const today = new Date(vnInstant('2025-11-26', '00:00'));
    const open = all.filter((d) => !['returned', 'refused', 'withdrawn', 'cancelled'].includes(d.status));
    expect(all.filter((d) => d.received_at && d.received_at >= today).length, 'received today').toBeGreaterThan(0);
    expect(
      open.filter((d) => d.status === 'processing' && d.due_state !== 'overdue').length,
      'in progress',
    ).toBeGreaterThan(0);
    expect(all.filter((d) => d.status === 'supplement_requested').length, 'supplement').toBeGreaterThan(0);
    expect(open.filter((d) => d.due_state === 'overdue').length, 'overdue').toBeGreaterThan(0);
    for (const outcome of ['early', 'on_time', 'late']) {
      expect(all.filter((d) => d.status === 'returned' && d.outcome === outcome).length, outcome).toBeGreaterThan(0);
    }
    expect(new Set(all.map((d) => d.receiving_unit_id)).size).toBe(3);
  });

  it('give every received dossier a unique code', async () => {
    const codes = (await rows()).map((d) => d.code).filter((c) => c !== null);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('store the state their history replays to', async () => {
    const all = await rows();
    for (const d of all.filter((_, i) => i % 7 === 0)) {
      const { definitions, history, state } = await storedHistory(ctx, d.id);
      expect(replay(definitions, history)).toEqual(state);
      expect(stateProblems(definitions.at(-1)!, state)).toEqual([]);
    }
  });

  it('give every resolved or returned dossier a result document signed with a demo key', async () => {
    const db = ctx.database.db;
    const done = await db
      .selectFrom('dossier')
      .select(['id', 'state'])
      .where('status', 'in', ['waiting_payment', 'resolved', 'returned'])
      .execute();
    expect(done.length).toBeGreaterThan(100);
    for (const d of done) {
      const named = (d.state as { resultDocuments: string[] }).resultDocuments;
      expect(named.length, d.id).toBeGreaterThan(0);
      const signed = await db
        .selectFrom('result_revision')
        .select('result_id')
        .where('result_id', 'in', named)
        .where('signature_id', 'is not', null)
        .execute();
      expect(signed.length, d.id).toBeGreaterThan(0);
    }
  });

  it('leave an audit chain that verifies, with an entry for each action', async () => {
    const report = await verifyAuditChain(ctx.database.db);
    expect(report.firstBreak).toBeNull();
    const history = await ctx.database.db
      .selectFrom('dossier_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(report.checked).toBeGreaterThan(Number(history.n));
  });

  it('are seeded once: a second call changes nothing', async () => {
    const before = await rows();
    expect(await seedDemoDossiers(ctx)).toBe(0);
    expect(await rows()).toEqual(before);
  });
});
