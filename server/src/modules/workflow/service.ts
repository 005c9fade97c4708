// Stored workflow definitions: drafts, validation, publication, diagrams. A published version is immutable; a
// dossier keeps (code, version) and the engine always reads that exact version.
import type { Kysely } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { conflict, forbidden, invalid, notFound, preconditionFailed } from '../../platform/http/problem.ts';
import { type DefinitionProblem, validateDefinition, type WorkflowDefinition } from './definition.ts';
import { toMermaid, toSvg } from './diagram.ts';
import * as store from './store.ts';

type Staffer = Requester & { actor: Actor };

// Published versions never change, so every node may keep them for the life of the process.
const publishedCache = new Map<string, WorkflowDefinition>();

/** The definition a dossier runs under; throws when that version does not exist. */
export async function workflowVersion(db: Kysely<DB>, code: string, version: number): Promise<WorkflowDefinition> {
  const key = `${code}@${version}`;
  const cached = publishedCache.get(key);
  if (cached) return cached;
  const row = await store.findVersion(db, code, version);
  if (!row) throw notFound(`quy trình ${code} phiên bản ${version}`);
  const def = row.definition as unknown as WorkflowDefinition;
  if (row.status !== 'draft') publishedCache.set(key, def);
  return def;
}

/** The version new dossiers of a workflow start under, or undefined when it has none published. */
export async function publishedWorkflow(db: Kysely<DB>, code: string): Promise<WorkflowDefinition | undefined> {
  const row = await store.findByStatus(db, code, 'published');
  return row ? workflowVersion(db, code, row.version) : undefined;
}

export async function listWorkflows(ctx: AppContext, q: PageQueryT) {
  const limit = limitOf(q);
  const rows = await store.listLatest(ctx.database.db, decodeCursor(q.cursor, 1), limit);
  return toPage(
    rows,
    limit,
    (r) => [r.code],
    (r) => ({
      code: r.code,
      name: r.name,
      latestVersion: r.version,
      latestStatus: r.status,
      ownerAgencyId: r.owner_agency_id,
    }),
  );
}

export async function getWorkflow(ctx: AppContext, code: string) {
  const versions = await store.versionsOf(ctx.database.db, code);
  const newest = versions[0];
  if (!newest) throw notFound(`quy trình ${code}`);
  return {
    code,
    name: newest.name,
    ownerAgencyId: newest.owner_agency_id,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      revision: v.revision,
      publishedAt: v.published_at?.toISOString() ?? null,
    })),
  };
}

export async function getVersion(ctx: AppContext, code: string, version: number) {
  const row = await store.findVersion(ctx.database.db, code, version);
  if (!row) throw notFound(`quy trình ${code} phiên bản ${version}`);
  return {
    code: row.code,
    version: row.version,
    status: row.status,
    revision: row.revision,
    definition: row.definition,
  };
}

export async function diagram(ctx: AppContext, code: string, version: number, format: 'svg' | 'mermaid') {
  const def = await workflowVersion(ctx.database.db, code, version);
  return format === 'svg' ? toSvg(def) : toMermaid(def);
}

const problemsOf = (problems: DefinitionProblem[]) =>
  problems.map((p) => ({ field: `definition.${p.path}`.replace(/\.$/, ''), message: p.message }));

/** Throws 400 naming each problem of the definition; the problems' paths are inside `definition`. */
function assertValid(definition: unknown): WorkflowDefinition {
  const problems = validateDefinition(definition);
  if (problems.length) throw invalid(problemsOf(problems), 'Quy trình chưa hợp lệ.');
  return definition as WorkflowDefinition;
}

export function checkDefinition(definition: unknown) {
  return { problems: problemsOf(validateDefinition(definition)) };
}

/** Province-wide workflows belong to the system administrator; an agency's own to its administrators. */
async function assertOwner(db: Kysely<DB>, actor: Actor, ownerAgencyId: string | null): Promise<void> {
  if (ownerAgencyId) return assertCan(db, actor, 'workflow.manage', ownerAgencyId);
  if (!actor.scope('workflow.manage').all)
    throw forbidden('Chỉ quản trị hệ thống được sửa quy trình dùng chung của tỉnh.');
}

/** Refuses an actor who may not manage workflow `code` (its owner agency's, or the province's shared ones). */
export async function assertManages(db: Kysely<DB>, actor: Actor, code: string): Promise<void> {
  const newest = (await store.versionsOf(db, code))[0];
  if (!newest) throw notFound(`quy trình ${code}`);
  await assertOwner(db, actor, newest.owner_agency_id);
}

/** A stored version's definition and status (draft, published, retired), or undefined. */
export async function storedVersion(db: Kysely<DB>, code: string, version: number) {
  const row = await store.findVersion(db, code, version);
  return row ? { definition: row.definition as unknown as WorkflowDefinition, status: row.status } : undefined;
}

export async function createWorkflow(
  ctx: AppContext,
  who: Staffer,
  input: { definition: Record<string, unknown>; ownerAgencyId?: string | null },
) {
  const owner = input.ownerAgencyId ?? null;
  await assertOwner(ctx.database.db, who.actor, owner);
  const def = assertValid({ ...input.definition, version: 1 });
  return runChange(ctx, who, async ({ trx, audit }) => {
    if (await store.latestVersionNumber(trx, def.code)) throw conflict(`Đã có quy trình mã ${def.code}.`);
    await trx
      .insertInto('workflow_definition')
      .values({
        code: def.code,
        version: 1,
        name: def.name,
        status: 'draft',
        definition: JSON.stringify(def),
        owner_agency_id: owner,
        created_by: who.actor.staffId,
      })
      .execute();
    audit('workflow.created', 'workflow', def.code, { version: 1, name: def.name });
    return { code: def.code, version: 1, status: 'draft' as const, revision: 1 };
  });
}

/**
 * Saves the draft of a workflow: replaces the existing draft (If-Match: its revision), or starts the next version
 * from scratch (If-Match: "0"). The body's code must be the workflow's; its version is set here.
 */
export async function saveDraft(
  ctx: AppContext,
  who: Staffer,
  code: string,
  revision: number,
  definition: Record<string, unknown>,
) {
  const versions = await store.versionsOf(ctx.database.db, code);
  if (!versions[0]) throw notFound(`quy trình ${code}`);
  await assertOwner(ctx.database.db, who.actor, versions[0].owner_agency_id);
  const draft = versions.find((v) => v.status === 'draft');
  const version = draft?.version ?? versions[0].version + 1;
  if (definition.code !== code) throw invalid([{ field: 'definition.code', message: `Mã quy trình phải là ${code}.` }]);
  const def = assertValid({ ...definition, version });
  return runChange(ctx, who, async ({ trx, audit }) => {
    if (draft) {
      const updated = await trx
        .updateTable('workflow_definition')
        .set({ definition: JSON.stringify(def), name: def.name, revision: revision + 1 })
        .where('code', '=', code)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .where('revision', '=', revision)
        .returning('revision')
        .executeTakeFirst();
      if (!updated) throw preconditionFailed();
    } else {
      if (revision !== 0) throw preconditionFailed();
      await trx
        .insertInto('workflow_definition')
        .values({
          code,
          version,
          name: def.name,
          status: 'draft',
          definition: JSON.stringify(def),
          owner_agency_id: versions[0]!.owner_agency_id,
          created_by: who.actor.staffId,
        })
        .execute();
    }
    audit('workflow.draft_saved', 'workflow', code, { version });
    return { code, version, status: 'draft' as const, revision: draft ? revision + 1 : 1 };
  });
}

/** Publishes the draft (If-Match: its revision); the version published until now is retired. */
export async function publish(ctx: AppContext, who: Staffer, code: string, revision: number) {
  const draft = await store.findByStatus(ctx.database.db, code, 'draft');
  if (!draft) throw conflict(`Quy trình ${code} không có bản nháp để công bố.`);
  await assertOwner(ctx.database.db, who.actor, draft.owner_agency_id);
  assertValid(draft.definition);
  return runChange(ctx, who, async ({ trx, audit, publish: emit }) => {
    await trx
      .updateTable('workflow_definition')
      .set({ status: 'retired' })
      .where('code', '=', code)
      .where('status', '=', 'published')
      .execute();
    const published = await trx
      .updateTable('workflow_definition')
      .set({ status: 'published', published_at: ctx.clock.now(), published_by: who.actor.staffId })
      .where('code', '=', code)
      .where('version', '=', draft.version)
      .where('status', '=', 'draft')
      .where('revision', '=', revision)
      .returning('version')
      .executeTakeFirst();
    if (!published) throw preconditionFailed();
    audit('workflow.published', 'workflow', code, { version: draft.version });
    await emit('workflow.published', { code, version: draft.version });
    return { code, version: draft.version, status: 'published' as const, revision };
  });
}
