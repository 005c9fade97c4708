// What a server process keeps in memory of rows that change rarely but are read on every request (a dossier's
// public tracking answer, an agency's calendar chain), each answer costing a database round trip otherwise. An
// entry leaves when the database says its rows changed (NOTIFY on the cache's channel, sent at commit by a trigger
// and heard by every process) and in any case after `ttlMs`; while the listening connection is down nothing is
// kept or served from here. A notice's payload names the key that changed; an empty payload means every key.
import type { Database } from './connection.ts';

export interface NoticeCacheOptions {
  maxEntries: number;
  /** A backstop, not the rule: how long an entry may be served even if no change was heard. */
  ttlMs: number;
  now: () => number;
}

interface Stored<V> {
  value: V;
  storedAt: number;
}

// Every cache of this process by channel, so that a change made here is forgotten here at commit: the database's
// notice takes a moment to come back, and the next request (an officer's, a test's) must already see the change.
const caches = new Map<string, Set<NoticeCache<unknown>>>();

/** Rows behind `key` (every key when omitted) changed in this process: call after commit (Change.afterCommit). */
export function changedHere(channel: string, key = ''): void {
  for (const cache of caches.get(channel) ?? []) cache.notice(key);
}

export class NoticeCache<V> {
  readonly #entries = new Map<string, Stored<V>>();
  #live = 0;
  // Bumped by every notice: a value read from the database before a notice may predate the change it announces,
  // so it is not kept (the next lookup reads again).
  #generation = 0;

  constructor(
    readonly channel: string,
    private readonly options: NoticeCacheOptions,
  ) {}

  /** Taken before reading the database; `put` keeps the value only if nothing changed meanwhile. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    if (this.#live === 0) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.options.now() - entry.storedAt >= this.options.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  put(key: string, value: V, generationAtRead: number): void {
    if (this.#live === 0 || generationAtRead !== this.#generation) return;
    // Oldest first out: a Map keeps insertion order.
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, storedAt: this.options.now() });
  }

  /** The rows behind `key` changed somewhere ('' : rows behind any key). */
  notice(key: string): void {
    this.#generation++;
    if (key === '') this.#entries.clear();
    else this.#entries.delete(key);
  }

  /**
   * One listening connection started (true) or was lost (false). Several may feed one cache (two apps on one
   * database in a test); it trusts itself while one is up, and forgets everything whenever one is lost, as that one
   * may have been the first to hear a notice.
   */
  listening(live: boolean): void {
    this.#generation++;
    this.#live = Math.max(0, this.#live + (live ? 1 : -1));
    if (!live) this.#entries.clear();
    const registered = caches.get(this.channel) ?? new Set();
    caches.set(this.channel, registered);
    if (this.#live > 0) registered.add(this as NoticeCache<unknown>);
    else registered.delete(this as NoticeCache<unknown>);
  }

  /** Listening on the cache's channel for as long as the app runs: `start` when it is ready, `stop` when it closes. */
  listener(database: Database): { start(): Promise<void>; stop(): Promise<void> } {
    let unlisten: (() => Promise<void>) | undefined;
    return {
      start: async () => {
        unlisten = await database.listen(this.channel, {
          notice: (key) => this.notice(key),
          live: (live) => this.listening(live),
        });
      },
      stop: async () => {
        await unlisten?.();
        unlisten = undefined;
      },
    };
  }
}
