// The outbox and the job bus: side effects leave only with their transaction, survive failures with retries and
// backoff, end in a dead-letter queue an operator can replay, and outlive a worker that dies mid-job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/platform/context.ts';
import { runChange } from '../src/platform/context.ts';
import { deadQueueOf, EventBus, type EventHandler, queueOf } from '../src/platform/events/bus.ts';
import { testContext } from './harness.ts';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.database.close());

const FAST = { relayIntervalMs: 100, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 };

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, seconds = 30): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const emit = (topic: string, payload: Record<string, unknown>) =>
  runChange(ctx, { actor: null, requestId: 'test' }, ({ publish }) => publish(topic, payload));

describe('outbox', () => {
  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      runChange(ctx, { actor: null, requestId: 'test' }, async ({ publish }) => {
        await publish('test.rolled_back', { n: 1 });
        throw new Error('the change fails after publishing');
      }),
    ).rejects.toThrow('the change fails');
    const rows = await ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'test.rolled_back')
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('event bus', () => {
  it('delivers after a handler fails several times, once per event, nothing lost', async () => {
    const attempts = new Map<number, number>();
    const delivered: number[] = [];
    const flaky: EventHandler = {
      name: 'flaky',
      topics: ['test.flaky'],
      retryDelaySeconds: 1,
      async handle(payload, { outboxId }) {
        const n = (attempts.get(outboxId) ?? 0) + 1;
        attempts.set(outboxId, n);
        if (n <= 2) throw new Error(`remote down (attempt ${n})`);
        delivered.push(payload.n as number);
      },
    };
    const bus = new EventBus(ctx.database, [flaky], FAST);
    await bus.start();
    try {
      for (let n = 1; n <= 5; n++) await emit('test.flaky', { n });
      await until('five deliveries', async () => delivered.length === 5, 60);
      expect(delivered.sort()).toEqual([1, 2, 3, 4, 5]);
      expect([...attempts.values()]).toEqual([3, 3, 3, 3, 3]);
      const pending = await ctx.database.db
        .selectFrom('outbox')
        .select('id')
        .where('topic', '=', 'test.flaky')
        .where('dispatched_at', 'is', null)
        .execute();
      expect(pending).toEqual([]);
    } finally {
      await bus.stop();
    }
  });

  it('puts an event whose retries are exhausted in the dead-letter queue, and replays it', async () => {
    let remoteUp = false;
    const seen: string[] = [];
    const handler: EventHandler = {
      name: 'mailer',
      topics: ['test.mail'],
      retryLimit: 1,
      retryDelaySeconds: 1,
      async handle(payload) {
        if (!remoteUp) throw new Error('mail server unreachable');
        seen.push(payload.to as string);
      },
    };
    const bus = new EventBus(ctx.database, [handler], FAST);
    await bus.start();
    try {
      await emit('test.mail', { to: 'nguoidan@example.vn' });
      await until('a dead letter', async () => (await bus.boss.getQueueSize(deadQueueOf(handler))) === 1, 60);
      expect(seen).toEqual([]);
      remoteUp = true;
      expect(await bus.replayDeadLetters('mailer')).toBe(1);
      await until('delivery after replay', async () => seen.length === 1, 30);
      expect(seen).toEqual(['nguoidan@example.vn']);
      expect(await bus.boss.getQueueSize(deadQueueOf(handler))).toBe(0);
    } finally {
      await bus.stop();
    }
  });

  it('takes up again the job of a worker that died in the middle of it', async () => {
    const done: number[] = [];
    let firstWorkerStarted = false;
    const dying: EventHandler = {
      name: 'sync',
      topics: ['test.sync'],
      expireInSeconds: 1,
      retryDelaySeconds: 1,
      // The first worker takes the job and never finishes: what a killed process leaves behind.
      handle: () => {
        firstWorkerStarted = true;
        return new Promise<void>(() => {});
      },
    };
    const first = new EventBus(ctx.database, [dying], FAST);
    await first.start();
    await emit('test.sync', { n: 42 });
    await until('the first worker to take the job', async () => firstWorkerStarted, 30);
    await first.boss.stop({ graceful: false, wait: false });

    const healthy: EventHandler = { ...dying, handle: async (payload) => void done.push(payload.n as number) };
    const second = new EventBus(ctx.database, [healthy], FAST);
    await second.start();
    try {
      await until('the second worker to finish the job', async () => done.length === 1, 60);
      expect(done).toEqual([42]);
      const jobs = async () =>
        (
          await ctx.database.executeSql<{ state: string; retry_count: number }>(
            `SELECT state, retry_count FROM pgboss.job WHERE name = $1`,
            [queueOf(healthy)],
          )
        ).rows;
      // pg-boss records the completion once the handler has returned: a moment after `done` is filled.
      await until('the job to be recorded as completed', async () => (await jobs())[0]?.state === 'completed');
      expect(await jobs()).toEqual([{ state: 'completed', retry_count: 1 }]);
    } finally {
      await second.stop();
    }
  });
});
