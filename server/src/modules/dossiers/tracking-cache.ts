// Recent public tracking answers, kept in each server process. Citizens look up the same few dossiers again and
// again (the receipt's QR code, a refreshed page, an SMS link), and each answer costs a database round trip that a
// 2-core server can only do about 1,800 times a second (bench/dossiers.ts). An answer leaves the cache when the
// database says its dossier changed (NOTIFY from the trigger of migration 0016, heard by every process), and in any
// case after `ttlMs`; while the listening connection is down nothing is kept or served from here.

export interface TrackingEntry<View> {
  /** The hash the given secret is checked against (tracking.ts); the cache never holds a secret. */
  secretHash: string | null;
  view: View;
}

interface Stored<View> extends TrackingEntry<View> {
  storedAt: number;
}

export interface TrackingCacheOptions {
  maxEntries: number;
  ttlMs: number;
  now: () => number;
}

// Every cache of this process, so that a change made here is forgotten here at commit: the database's notice takes
// a moment to come back, and the officer who re-issued a secret must see the old one refused at once.
const caches = new Set<TrackingCache<unknown>>();

/** A dossier with this code changed in this process (call after commit: Change.afterCommit). */
export function dossierChangedHere(code: string | null): void {
  if (code === null) return;
  for (const cache of caches) cache.changed(code);
}

export class TrackingCache<View> {
  readonly #entries = new Map<string, Stored<View>>();
  #listening = false;
  // Bumped by every notice: an answer read from the database before a notice may predate the change it announces,
  // so it is not kept (the next lookup reads again).
  #generation = 0;

  constructor(private readonly options: TrackingCacheOptions) {}

  /** Taken before reading the database; `put` keeps the answer only if nothing changed meanwhile. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(code: string): TrackingEntry<View> | undefined {
    if (!this.#listening) return undefined;
    const entry = this.#entries.get(code);
    if (!entry) return undefined;
    if (this.options.now() - entry.storedAt >= this.options.ttlMs) {
      this.#entries.delete(code);
      return undefined;
    }
    return entry;
  }

  put(code: string, entry: TrackingEntry<View>, generationAtRead: number): void {
    if (!this.#listening || generationAtRead !== this.#generation) return;
    // Oldest first out: a Map keeps insertion order.
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(code, { ...entry, storedAt: this.options.now() });
  }

  /** A dossier with this code changed somewhere. */
  changed(code: string): void {
    this.#generation++;
    this.#entries.delete(code);
  }

  /** Whether changes are being heard; when they may have been missed, everything kept is forgotten. */
  listening(live: boolean): void {
    this.#generation++;
    this.#listening = live;
    if (live) caches.add(this as TrackingCache<unknown>);
    else {
      caches.delete(this as TrackingCache<unknown>);
      this.#entries.clear();
    }
  }
}
