// Queries of the signing module: keys, signature records, and the few facts about a staff member that a
// signature shows (name, position, agency).
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { inScope } from '../../platform/auth/actor.ts';
import type { DB, SignatureRecordTable, SigningKeyTable } from '../../platform/db/schema.ts';

export type KeyRow = Selectable<SigningKeyTable>;

/** The columns an administrator may see: never the PKCS#12 file or its sealed password. */
const PUBLIC_COLUMNS = [
  'id',
  'owner_kind',
  'staff_id',
  'agency_id',
  'backend',
  'remote_url',
  'remote_key_id',
  'subject',
  'issuer',
  'serial',
  'not_before',
  'not_after',
  'status',
  'created_at',
  'retired_at',
] as const;

export type KeySummary = Pick<KeyRow, (typeof PUBLIC_COLUMNS)[number]> & { has_image: boolean };

export async function listKeys(db: Kysely<DB>, actor: Actor): Promise<KeySummary[]> {
  return db
    .selectFrom('signing_key')
    .select(PUBLIC_COLUMNS)
    .select((eb) => eb('image', 'is not', null).$castTo<boolean>().as('has_image'))
    .where(inScope(actor, 'signing.manage', 'signing_key.agency_id'))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function findKeySummary(db: Kysely<DB>, id: string): Promise<KeySummary | undefined> {
  return db
    .selectFrom('signing_key')
    .select(PUBLIC_COLUMNS)
    .select((eb) => eb('image', 'is not', null).$castTo<boolean>().as('has_image'))
    .where('id', '=', id)
    .executeTakeFirst();
}

export type Owner = { kind: 'staff'; staffId: string } | { kind: 'agency'; agencyId: string };

export async function activeKey(db: Kysely<DB>, owner: Owner): Promise<KeyRow | undefined> {
  const q = db.selectFrom('signing_key').selectAll().where('status', '=', 'active');
  return (
    owner.kind === 'staff'
      ? q.where('owner_kind', '=', 'staff').where('staff_id', '=', owner.staffId)
      : q.where('owner_kind', '=', 'agency').where('agency_id', '=', owner.agencyId)
  ).executeTakeFirst();
}

/** Retires the owner's active key, if any, and returns its id. */
export async function retireActive(db: Kysely<DB>, owner: Owner, at: Date): Promise<string | null> {
  const key = await activeKey(db, owner);
  if (!key) return null;
  await retire(db, key.id, at);
  return key.id;
}

export async function retire(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db.updateTable('signing_key').set({ status: 'retired', retired_at: at }).where('id', '=', id).execute();
}

export async function insertKey(db: Kysely<DB>, row: Insertable<SigningKeyTable>): Promise<void> {
  await db.insertInto('signing_key').values(row).execute();
}

export async function insertSignature(db: Kysely<DB>, row: Insertable<SignatureRecordTable>): Promise<void> {
  await db.insertInto('signature_record').values(row).execute();
}

export async function findSignature(db: Kysely<DB>, id: string) {
  return db.selectFrom('signature_record').selectAll().where('id', '=', id).executeTakeFirst();
}
