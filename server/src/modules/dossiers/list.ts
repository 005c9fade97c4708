// Work queues and dossier lists. Scope is a SQL condition: a queue holds the dossiers whose current step belongs to
// a role the staff member holds at the dossier's current agency (unassigned, or assigned to them); the plain list
// holds every dossier their `dossier.read` scope reaches. A queue page is read as one branch per (agency, queue), and
// per queue for the dossiers assigned to them, each walking an index in the page's order (migration 0010) and
// stopping at the page size; the branches are merged and cut to the page.
import { expressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { inScope } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { DB } from '../../platform/db/schema.ts';
import { decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { parseIsoDate, vnMidnight } from '../calendar/vn-time.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { QUEUE_NAMES, QUEUES, type Queue } from './queues.ts';

export type QueueId = Queue | 'overdue';
export const QUEUE_IDS = [...QUEUES, 'overdue'] as const;

export interface ListQuery extends PageQueryT {
  queue?: QueueId;
  procedure?: string;
  status?: string;
  /** Received on or after / on or before these Vietnam dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  overdue?: boolean;
  q?: string;
  sort?: 'due' | 'received';
  /** Resolved by this agency or one below it (the dashboard's agency filter). */
  agency?: string;
  /** Resolved by exactly this agency, and handled by this department of it, or by none ('none'). */
  resolvingAgency?: string;
  department?: string;
  /** Returned on or after / on or before these Vietnam dates, and how: the dashboard's drill-down. */
  returnedFrom?: string;
  returnedTo?: string;
  outcome?: 'early' | 'on_time' | 'late';
}

type Cond = RawBuilder<boolean>;
const TRUE: Cond = sql<boolean>`true`;
const FALSE: Cond = sql<boolean>`false`;
const and = (conds: Cond[]) => (conds.length ? sql<boolean>`(${sql.join(conds, sql` AND `)})` : TRUE);
const or = (conds: Cond[]) => (conds.length ? sql<boolean>`(${sql.join(conds, sql` OR `)})` : FALSE);

// Operational roles act at the agency where they are granted (service.ts); administrators and reporting officers
// have no queue of their own.
const OPERATIONAL: ReadonlySet<Role> = new Set([
  'one_stop_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
]);

/**
 * Where dossiers wait on `actor` in `queues`, one condition per index seek: for each queue, the queue at each agency
 * where they hold an operational role (their role's steps, unassigned or assigned to them), and the dossiers
 * assigned to them anywhere. A queue implies its macro-status (queues.ts), so none is stated.
 */
export function waitingOn(actor: Actor, queues: readonly Queue[]): Cond[] {
  const rolesAt = new Map<string, Role[]>();
  for (const g of actor.grants) {
    if (OPERATIONAL.has(g.role)) rolesAt.set(g.agencyId, [...(rolesAt.get(g.agencyId) ?? []), g.role]);
  }
  return queues.flatMap((queue) => [
    ...[...rolesAt].map(
      ([agencyId, roles]) =>
        sql<boolean>`(d.current_agency_id = ${agencyId}::uuid AND d.step_queue = ${queue} AND (d.step_role IS NULL OR d.step_role = ANY(${roles}::text[])) AND (d.assignee_id IS NULL OR d.assignee_id = ${actor.staffId}::uuid))`,
    ),
    sql<boolean>`(d.assignee_id = ${actor.staffId}::uuid AND d.step_queue = ${queue})`,
  ]);
}

/** Every dossier the actor may read: one that has been at, or is resolved by, an agency of their `dossier.read` scope. */
export function readable(actor: Actor): Cond {
  const scope = actor.scope('dossier.read');
  if (scope.all) return TRUE;
  const agencies = [...scope.agencies, ...scope.subtrees];
  const conds: Cond[] = [sql<boolean>`d.agency_ids && ${agencies}::uuid[]`];
  if (scope.subtrees.length) {
    conds.push(
      sql<boolean>`EXISTS (SELECT 1 FROM agency_closure c WHERE c.ancestor_id = ANY(${scope.subtrees}::uuid[]) AND c.descendant_id = ANY(d.agency_ids))`,
    );
  }
  conds.push(
    sql<boolean>`${inScope(actor, 'dossier.read', 'd.resolving_agency_id')(expressionBuilder<DB, 'dossier'>())}`,
  );
  return or(conds);
}

/** Resolved by `agencyId` or an agency below it. */
export const resolvedWithin = (agencyId: string): Cond =>
  sql<boolean>`d.resolving_agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ${agencyId}::uuid)`;

/**
 * The department that handled the dossier (phòng thụ lý, docs/dossiers.md): that of the last specialist or department
 * head who acted on it and belongs to a department of its resolving agency; null when none did. The history records
 * who acted, not their department, so a person's current department is used. One index seek on the history's key.
 */
export const HANDLING_DEPARTMENT = sql<string | null>`(
  SELECT s.department_id FROM dossier_event e
    JOIN staff s ON s.id = (e.actor ->> 'id')::uuid
    JOIN department p ON p.id = s.department_id AND p.agency_id = d.resolving_agency_id
  WHERE e.dossier_id = d.id AND e.actor ->> 'kind' = 'staff'
    AND e.actor -> 'roles' ?| array['specialist', 'department_head']
  ORDER BY e.seq DESC LIMIT 1)`;

const vnDay = (field: string, date: string, next: number) => {
  try {
    return new Date(vnMidnight(parseIsoDate(date) + next));
  } catch {
    throw invalidField(field, 'Ngày phải có dạng YYYY-MM-DD.');
  }
};

/** Diacritics-insensitive search: code, applicant name (folded, trigram index), identity number or phone. */
function searching(q: string): Cond {
  const text = q.trim();
  const digits = text.replace(/[^0-9]/g, '');
  const conds: Cond[] = [
    sql<boolean>`d.code ILIKE ${`%${text.replace(/[\\%_]/g, '')}%`}`,
    sql<boolean>`d.applicant_name_folded LIKE '%' || catalog_fold(${text.replace(/[\\%_]/g, '')}) || '%'`,
  ];
  if (digits.length >= 6 && digits.length === text.replace(/[\s.()+-]/g, '').length) {
    conds.push(sql<boolean>`d.applicant_identity = ${digits}`);
    conds.push(sql<boolean>`regexp_replace(d.applicant_phone, '[^0-9]', '', 'g') = ${digits}`);
  }
  return or(conds);
}

function filters(query: ListQuery): Cond[] {
  const conds: Cond[] = [];
  if (query.procedure) conds.push(sql<boolean>`d.procedure_code = ${query.procedure}`);
  if (query.status) conds.push(sql<boolean>`d.status = ${query.status}`);
  if (query.from) conds.push(sql<boolean>`d.received_at >= ${vnDay('from', query.from, 0)}`);
  if (query.to) conds.push(sql<boolean>`d.received_at < ${vnDay('to', query.to, 1)}`);
  if (query.overdue !== undefined) {
    conds.push(
      query.overdue ? sql<boolean>`d.due_state = 'overdue'` : sql<boolean>`d.due_state IS DISTINCT FROM 'overdue'`,
    );
  }
  if (query.q?.trim()) conds.push(searching(query.q));
  if (query.agency) conds.push(resolvedWithin(query.agency));
  if (query.resolvingAgency) conds.push(sql<boolean>`d.resolving_agency_id = ${query.resolvingAgency}::uuid`);
  if (query.department) {
    conds.push(
      query.department === 'none'
        ? sql<boolean>`${HANDLING_DEPARTMENT} IS NULL`
        : sql<boolean>`${HANDLING_DEPARTMENT} = ${query.department}::uuid`,
    );
  }
  if (query.returnedFrom) conds.push(sql<boolean>`d.returned_at >= ${vnDay('returnedFrom', query.returnedFrom, 0)}`);
  if (query.returnedTo) conds.push(sql<boolean>`d.returned_at < ${vnDay('returnedTo', query.returnedTo, 1)}`);
  if (query.outcome) conds.push(sql<boolean>`d.outcome = ${query.outcome}`);
  return conds;
}

/** The branches a page is read from: each queue branch alone, or the whole readable scope as one. */
function branchesOf(actor: Actor, queue: QueueId | undefined): Cond[] {
  if (!queue) return [readable(actor)];
  if (queue === 'overdue') return waitingOn(actor, QUEUES).map((b) => and([b, sql<boolean>`d.due_state = 'overdue'`]));
  return waitingOn(actor, [queue]);
}

// Sort keys never null, so that the cursor compares rows: no due date sorts last, no receipt date last.
const SORTS = {
  due: { key: sql`coalesce(d.due_at, 'infinity'::timestamptz)`, dir: 'ASC', cmp: '>' },
  received: { key: sql`coalesce(d.received_at, '-infinity'::timestamptz)`, dir: 'DESC', cmp: '<' },
} as const;

export interface ListRow {
  id: string;
  code: string | null;
  status: string;
  step: string;
  step_queue: string | null;
  procedure_code: string;
  procedure_name: string;
  applicant_name: string;
  channel: string;
  receiving_unit_id: string;
  current_agency_id: string;
  assignee_id: string | null;
  received_at: Date | null;
  due_at: Date | null;
  step_due_at: Date | null;
  due_state: string | null;
  sort_key: string;
}

const COLUMNS = sql`d.id, d.code, d.status, d.step, d.step_queue, d.procedure_code, d.procedure_name,
  d.applicant_name, d.channel, d.receiving_unit_id, d.current_agency_id, d.assignee_id, d.received_at, d.due_at,
  d.step_due_at, d.due_state`;

export async function listDossiers(db: Kysely<DB>, actor: Actor, query: ListQuery) {
  const sort = SORTS[query.sort ?? 'due'];
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const conds = filters(query);
  if (after) {
    const cmp = sql.raw(sort.cmp);
    conds.push(sql<boolean>`(${sort.key}, d.id) ${cmp} (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`);
  }
  const dir = sql.raw(sort.dir);
  const branches = branchesOf(actor, query.queue).map(
    (scope) => sql`(SELECT ${COLUMNS}, ${sort.key} AS sort_at FROM dossier d WHERE ${and([scope, ...conds])}
      ORDER BY ${sort.key} ${dir}, d.id ${dir} LIMIT ${limit + 1})`,
  );
  // UNION, not UNION ALL: a dossier assigned to the actor at their own agency is in two branches.
  const { rows } = await sql<ListRow>`
    SELECT u.*, u.sort_at::text AS sort_key FROM (${sql.join(branches, sql` UNION `)}) u
    ORDER BY u.sort_at ${dir}, u.id ${dir}
    LIMIT ${limit + 1}`.execute(db);
  return toPage(rows, limit, (r) => [r.sort_key, r.id], itemView);
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function itemView(r: ListRow) {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    statusName: MACRO_STATUS_NAMES[r.status as MacroStatus] ?? r.status,
    step: r.step,
    queue: r.step_queue,
    procedure: { code: r.procedure_code, name: r.procedure_name },
    applicantName: r.applicant_name,
    channel: r.channel,
    receivingUnitId: r.receiving_unit_id,
    currentAgencyId: r.current_agency_id,
    assigneeId: r.assignee_id,
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    stepDueAt: iso(r.step_due_at),
    dueState: r.due_state,
  };
}

/** How many dossiers wait in each of the actor's queues, in one scan of their queue branches. */
export async function queueCounts(db: Kysely<DB>, actor: Actor) {
  const counts = QUEUES.map((q) => sql`count(*) FILTER (WHERE d.step_queue = ${q})::int`);
  const { rows } = await sql<{ counts: number[] }>`
    SELECT ARRAY[${sql.join(counts)}, count(*) FILTER (WHERE d.due_state = 'overdue')::int] AS counts
    FROM dossier d WHERE ${or(waitingOn(actor, QUEUES))}`.execute(db);
  const values = rows[0]?.counts ?? [];
  return { items: QUEUE_IDS.map((id, i) => ({ id, name: QUEUE_NAMES[id], count: Number(values[i] ?? 0) })) };
}
