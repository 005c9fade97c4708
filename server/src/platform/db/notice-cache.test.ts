import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedHere, NoticeCache } from './notice-cache.ts';

const TTL = 1000;

function cacheAt(clock: { t: number }, maxEntries = 100) {
  const cache = new NoticeCache<{ read: number }>('test', { maxEntries, ttlMs: TTL, now: () => clock.t });
  cache.listening(true);
  return cache;
}

const entry = (read: number) => ({ read });

describe('notice cache', () => {
  it('never serves an answer read before a change it was told of, nor one older than the TTL', () => {
    const codes = ['A', 'B', 'C'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('begin' as const), code: fc.constantFrom(...codes) }),
      fc.record({ kind: fc.constant('finish' as const), code: fc.constantFrom(...codes) }),
      fc.record({ kind: fc.constant('change' as const), code: fc.constantFrom(...codes) }),
      fc.record({ kind: fc.constant('change' as const), code: fc.constant('') }),
      fc.record({ kind: fc.constant('listening' as const), live: fc.boolean() }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 700 }) }),
      fc.record({ kind: fc.constant('get' as const), code: fc.constantFrom(...codes) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const clock = { t: 0 };
        const cache = cacheAt(clock);
        // For each code: the step of its last change (or of a lost listening), and the reads in flight.
        const changedAt = new Map<string, number>();
        let lostAt = -1;
        const reading = new Map<string, { step: number; generation: number }>();
        const storedAt = new Map<number, number>();
        ops.forEach((o, step) => {
          if (o.kind === 'begin') reading.set(o.code, { step, generation: cache.generation });
          if (o.kind === 'finish') {
            const r = reading.get(o.code);
            if (r) {
              cache.put(o.code, entry(r.step), r.generation);
              storedAt.set(r.step, clock.t);
              reading.delete(o.code);
            }
          }
          if (o.kind === 'change') {
            cache.notice(o.code);
            for (const code of o.code === '' ? codes : [o.code]) changedAt.set(code, step);
          }
          if (o.kind === 'listening') {
            cache.listening(o.live);
            if (!o.live) lostAt = step;
          }
          if (o.kind === 'tick') clock.t += o.ms;
          if (o.kind === 'get') {
            const got = cache.get(o.code);
            if (got) {
              const read = got.read;
              expect(read).toBeGreaterThan(changedAt.get(o.code) ?? -1);
              expect(read).toBeGreaterThan(lostAt);
              expect(clock.t - storedAt.get(read)!).toBeLessThan(TTL);
            }
          }
        });
      }),
    );
  });

  it('keeps nothing while changes are not heard', () => {
    const clock = { t: 0 };
    const cache = new NoticeCache<{ read: number }>('test', { maxEntries: 10, ttlMs: TTL, now: () => clock.t });
    cache.put('A', entry(1), cache.generation);
    expect(cache.get('A')).toBeUndefined();
    cache.listening(true);
    cache.put('A', entry(2), cache.generation);
    expect(cache.get('A')?.read).toBe(2);
    cache.listening(false);
    expect(cache.size).toBe(0);
  });

  it('trusts itself while one of its listening connections is up, and forgets all when one is lost', () => {
    const cache = cacheAt({ t: 0 });
    cache.listening(true);
    cache.put('A', entry(1), cache.generation);
    cache.listening(false);
    expect(cache.get('A')).toBeUndefined();
    cache.put('A', entry(2), cache.generation);
    expect(cache.get('A')?.read).toBe(2);
    cache.listening(false);
    cache.put('A', entry(3), cache.generation);
    expect(cache.get('A')).toBeUndefined();
  });

  it('forgets the oldest answer when full', () => {
    const cache = cacheAt({ t: 0 }, 2);
    for (const [i, code] of ['A', 'B', 'C'].entries()) cache.put(code, entry(i), cache.generation);
    expect(cache.get('A')).toBeUndefined();
    expect(cache.get('B')?.read).toBe(1);
    expect(cache.get('C')?.read).toBe(2);
  });

  it('forgets a key changed in this process in every listening cache of its channel', () => {
    const [one, two] = [cacheAt({ t: 0 }), cacheAt({ t: 0 })];
    for (const cache of [one, two]) cache.put('A', entry(1), cache.generation);
    changedHere('test', 'A');
    expect(one.get('A')).toBeUndefined();
    expect(two.get('A')).toBeUndefined();
    one.listening(false);
    two.listening(false);
  });
});
