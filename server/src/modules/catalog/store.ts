// Queries of the catalogue. Search is hand-written SQL: its ranking is clearer in SQL than in a builder, and the
// benchmark runs the very same text straight through the driver (bench/catalog-search.ts).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export interface SearchFilter {
  /** The query as typed; null lists the whole catalogue in name order. */
  q: string | null;
  field?: string | undefined;
  /** An agency's id or QCVN 102 identifier: procedures offered there. */
  agency?: string | undefined;
  level?: string | undefined;
  onlineLevel?: string | undefined;
  applicant?: string | undefined;
}

/** The sort key of the last row of a page: rank tier, similarity score, Vietnamese name key, id. */
export type SearchCursor = [tier: number, score: number, sortKey: string, id: string];

export interface SearchRow {
  id: string;
  code: string;
  name: string;
  field_code: string;
  field_name: string;
  levels: string[];
  applicant_types: string[];
  online_level: string;
  sort_key: string;
  tier: number;
  score: number;
}

export interface FacetRow {
  facet: 'total' | 'field' | 'level' | 'applicant' | 'onlineLevel';
  value: string;
  label: string;
  n: number;
}

/** Letters, digits and spaces only: punctuation never helps to find a name, and LIKE patterns need no escaping. */
export const searchWords = (q: string) =>
  q
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** At most this many words take part in "every word appears": a query is a few words, not a paragraph. */
const MAX_WORDS = 8;

// Each part of the query is folded by the same IMMUTABLE function as the stored names, so PostgreSQL folds it
// once when planning. `t` is the alias of the procedure table the conditions apply to.
function queryParts(q: string, t: string) {
  const name = sql.ref(`${t}.name_folded`);
  const words = searchWords(q);
  const holds = words
    .split(' ')
    .slice(0, MAX_WORDS)
    .map((w) => sql`${name} LIKE catalog_fold(${`%${w}%`})`);
  return {
    isCode: sql`${sql.ref(`${t}.code`)} = ${q.trim()}`,
    startsWith: sql`${name} LIKE catalog_fold(${`${words}%`})`,
    everyWord: sql`(${sql.join(holds, sql` AND `)})`,
    // A mistyped letter spoils one word: the others must still be there (a cheap test that spares most names the
    // costly one below).
    allButOneWord: sql`(${sql.join(
      holds.map((h) => sql`(${h})::int`),
      sql` + `,
    )}) >= ${holds.length - 1}`,
    // pg_trgm's word_similarity above pg_trgm.word_similarity_threshold (0.6).
    resembles: sql`catalog_fold(${words}) <% ${name}`,
    similarity: sql`similarity(${name}, catalog_fold(${words}))`,
  };
}

function filters(f: SearchFilter, t: string): RawBuilder<unknown>[] {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const where = [sql`${col('current_version_id')} IS NOT NULL`];
  if (f.field) where.push(sql`${col('field_code')} = ${f.field}`);
  if (f.level) where.push(sql`${f.level} = ANY (${col('levels')})`);
  if (f.applicant) where.push(sql`${f.applicant} = ANY (${col('applicant_types')})`);
  if (f.onlineLevel) where.push(sql`${col('online_level')} = ${f.onlineLevel}`);
  if (f.agency) {
    const agency = sql`ARRAY(SELECT id FROM agency WHERE identifier = ${f.agency} OR id::text = ${f.agency})`;
    where.push(sql`${col('offered_at')} && ${agency}`);
  }
  return where;
}

/**
 * A procedure matches when its code is the query, or its name holds every word of the query. Only when nothing
 * matches that way does the name merely have to resemble the query (a mistyped letter). Trigram similarity is
 * the costly test, and the planner, which prices it like a comparison, runs it over every row rather than use
 * the trigram index; so it is kept for the searches that need it, and for names that hold all the query's words
 * but one. The EXISTS is uncorrelated: PostgreSQL evaluates it once.
 */
function conditions(f: SearchFilter): RawBuilder<unknown>[] {
  const where = filters(f, 'p');
  if (f.q) {
    const q = queryParts(f.q, 'p');
    const x = queryParts(f.q, 'x');
    const exact = sql.join([...filters(f, 'x'), sql`(${x.isCode} OR ${x.everyWord})`], sql` AND `);
    where.push(
      sql`(${q.isCode} OR ${q.everyWord} OR (NOT EXISTS (SELECT 1 FROM procedure x WHERE ${exact})
        AND ${q.allButOneWord} AND ${q.resembles}))`,
    );
  }
  return where;
}

const where = (f: SearchFilter) => sql`FROM procedure p WHERE ${sql.join(conditions(f), sql` AND `)}`;

/**
 * One page of results. Ranking: the exact code first, then names starting with the query, then names holding
 * every word, then names that only resemble it; within a tier, the closer the whole name (trigram similarity),
 * the higher; then Vietnamese name order.
 */
export function searchQuery(f: SearchFilter, after: SearchCursor | null, limit: number): RawBuilder<SearchRow> {
  const q = f.q ? queryParts(f.q, 'p') : null;
  const rank = q
    ? sql`CASE WHEN ${q.isCode} THEN 0 WHEN ${q.startsWith} THEN 1 WHEN ${q.everyWord} THEN 2 ELSE 3 END AS tier,
        round(${q.similarity} * 1000)::int AS score`
    : sql`0 AS tier, 0 AS score`;
  const seek = after
    ? sql`WHERE (s.tier, -s.score, s.sort_key, s.id) > (${after[0]}::int, ${-after[1]}::int, ${after[2]}::text COLLATE "C", ${after[3]}::uuid)`
    : sql``;
  return sql<SearchRow>`SELECT s.* FROM (
      SELECT p.id, p.code, p.name, p.field_code, p.field_name, p.levels, p.applicant_types, p.online_level,
        p.sort_key, ${rank}
      ${where(f)}
    ) s ${seek}
    ORDER BY s.tier, s.score DESC, s.sort_key, s.id
    LIMIT ${limit}`;
}

/** How many procedures match, split by field, level, applicant type and online level. */
export function facetQuery(f: SearchFilter): RawBuilder<FacetRow> {
  return sql<FacetRow>`WITH m AS (
      SELECT p.field_code, p.field_name, p.levels, p.applicant_types, p.online_level ${where(f)})
    SELECT 'total' AS facet, '' AS value, '' AS label, count(*)::int AS n FROM m
    UNION ALL SELECT 'field', field_code, min(field_name), count(*)::int FROM m GROUP BY field_code
    UNION ALL SELECT 'level', l, l, count(*)::int FROM m, unnest(m.levels) AS l GROUP BY l
    UNION ALL SELECT 'applicant', a, a, count(*)::int FROM m, unnest(m.applicant_types) AS a GROUP BY a
    UNION ALL SELECT 'onlineLevel', online_level, online_level, count(*)::int FROM m GROUP BY online_level`;
}

export function findProcedure(db: Kysely<DB>, code: string) {
  return db.selectFrom('procedure').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findVersion(db: Kysely<DB>, procedureId: string, status: 'draft' | 'published') {
  return db
    .selectFrom('procedure_version')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .where('status', '=', status)
    .executeTakeFirst();
}

export function versionsOf(db: Kysely<DB>, procedureId: string) {
  return db
    .selectFrom('procedure_version')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('number', 'desc')
    .execute();
}

export function offeringsOf(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom('procedure_offering as o')
    .innerJoin('agency as a', 'a.id', 'o.agency_id')
    .select(['a.id', 'a.identifier', 'a.name', 'a.address', 'a.phone', 'o.workflow_code'])
    .where('o.version_id', '=', versionId)
    .orderBy('o.position')
    .execute();
}

/** Agency ids by QCVN 102 identifier. */
export async function agencyIds(db: Kysely<DB>, identifiers: string[]): Promise<Map<string, string>> {
  if (identifiers.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'identifier'])
    .where('identifier', 'in', [...new Set(identifiers)])
    .execute();
  return new Map(rows.map((r) => [r.identifier, r.id]));
}

/** The workflows among `codes` that have a published version (a new dossier must find one). */
export async function publishedWorkflowCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('workflow_definition')
    .select('code')
    .where('code', 'in', [...new Set(codes)])
    .where('status', '=', 'published')
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** The content types of the stored templates among `hashes`. */
export async function templateTypes(db: Kysely<DB>, hashes: string[]): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('catalog_template')
    .select(['sha256', 'content_type'])
    .where('sha256', 'in', [...new Set(hashes)])
    .execute();
  return new Map(rows.map((r) => [r.sha256, r.content_type]));
}
