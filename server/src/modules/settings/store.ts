// Queries of the settings: one row per setting an administrator has changed at least once.
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB>;

export type SettingRow = Awaited<ReturnType<typeof listSettings>>[number];

export const listSettings = (db: Db) => db.selectFrom('setting').selectAll().execute();

export const findSetting = (db: Db, key: string) =>
  db.selectFrom('setting').selectAll().where('key', '=', key).executeTakeFirst();

export const lockSetting = (db: Db, key: string) =>
  db.selectFrom('setting').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();

export interface SettingWrite {
  key: string;
  /** Null: back to the default. */
  value: unknown;
  updatedBy: string;
  updatedByLabel: string;
  at: Date;
}

/**
 * Writes version `expected + 1` of the setting. Answers undefined when another writer got there first: the row
 * was created meanwhile (expected 0) or is no longer at `expected`.
 */
export async function writeSetting(db: Db, expected: number, write: SettingWrite): Promise<SettingRow | undefined> {
  const columns = {
    value: write.value === null ? null : JSON.stringify(write.value),
    version: expected + 1,
    updated_by: write.updatedBy,
    updated_by_label: write.updatedByLabel,
    updated_at: write.at,
  };
  if (expected === 0) {
    return db
      .insertInto('setting')
      .values({ key: write.key, ...columns })
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  return db
    .updateTable('setting')
    .set(columns)
    .where('key', '=', write.key)
    .where('version', '=', expected)
    .returningAll()
    .executeTakeFirst();
}
