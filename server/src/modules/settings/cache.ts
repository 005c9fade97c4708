// The one way consumers read a setting: an in-process cache per key that answers without the database most of
// the time (the receipt action reads two settings, and it is benchmarked). An entry older than REFRESH_MS is read
// again, so a change made on another node is seen within that interval; the node that made the change drops its
// entry at once (`forgetSetting`). Age is measured with ctx.clock, so tests move time instead of sleeping.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { definitionOf, isValidSetting, type SettingKey, type SettingValue } from './registry.ts';
import * as store from './store.ts';

/** How stale a setting may be on a node that did not change it. Documented in docs/operations.md. */
export const REFRESH_MS = 5_000;

interface Entry {
  value: unknown;
  loadedAt: number;
}

interface Cache {
  entries: Map<SettingKey, Entry>;
  /** Bumped when a key is forgotten, so that a read begun before the change cannot store what it read. */
  generations: Map<SettingKey, number>;
}

// One cache per application context, i.e. per node: a second context on the same database is another node.
const caches = new WeakMap<AppContext, Cache>();

function cacheOf(ctx: AppContext): Cache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = { entries: new Map(), generations: new Map() };
    caches.set(ctx, cache);
  }
  return cache;
}

// A clock set back (tests do it) makes an entry stale as well: its age is then unknown.
const isFresh = (entry: Entry, now: number) => now >= entry.loadedAt && now - entry.loadedAt < REFRESH_MS;

/**
 * The effective value of a setting: the stored one, else the default from the process configuration. Inside a
 * transaction pass it as `db`: on PGlite's single connection a read beside it would wait for it to end.
 */
export async function settingValue<K extends SettingKey>(
  ctx: AppContext,
  key: K,
  db: Kysely<DB> = ctx.database.db,
): Promise<SettingValue<K>> {
  const cache = cacheOf(ctx);
  const now = ctx.clock.now().getTime();
  const hit = cache.entries.get(key);
  if (hit && isFresh(hit, now)) return hit.value as SettingValue<K>;
  const generation = cache.generations.get(key) ?? 0;
  const value = effective(ctx, key, (await store.findSetting(db, key))?.value ?? null);
  if ((cache.generations.get(key) ?? 0) === generation) cache.entries.set(key, { value, loadedAt: now });
  return value;
}

/** Called by the node that changed the setting, once the change is committed. */
export function forgetSetting(ctx: AppContext, key: SettingKey): void {
  const cache = cacheOf(ctx);
  cache.entries.delete(key);
  cache.generations.set(key, (cache.generations.get(key) ?? 0) + 1);
}

/** A stored value the registry no longer accepts (a narrower schema in a newer release) gives way to the default. */
export function effective<K extends SettingKey>(ctx: AppContext, key: K, stored: unknown): SettingValue<K> {
  const fallback = definitionOf(key).defaultOf(ctx.config) as SettingValue<K>;
  if (stored === null) return fallback;
  if (isValidSetting(key, stored)) return stored as SettingValue<K>;
  ctx.log.warn({ key }, 'stored setting no longer valid; using its default');
  return fallback;
}
