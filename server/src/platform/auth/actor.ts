// The signed-in staff member of a request and the agencies each of their permissions reaches.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forbidden } from '../http/problem.ts';
import { GLOBAL_ROLES, type Permission, ROLE_PERMISSIONS, type Role, SUBTREE_ROLES } from './roles.ts';

export interface Grant {
  role: Role;
  agencyId: string;
}

/** Where a permission reaches: everywhere, or some agencies (each alone or with its subtree). */
export type Scope = { all: true } | { all: false; agencies: string[]; subtrees: string[] };

export class Actor {
  constructor(
    readonly staffId: string,
    readonly username: string,
    readonly fullName: string,
    readonly grants: readonly Grant[],
  ) {}

  get label(): string {
    return `${this.username} (${this.fullName})`;
  }

  scope(permission: Permission): Scope {
    const holding = this.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
    if (holding.some((g) => GLOBAL_ROLES.has(g.role))) return { all: true };
    return {
      all: false,
      agencies: holding.filter((g) => !SUBTREE_ROLES.has(g.role)).map((g) => g.agencyId),
      subtrees: holding.filter((g) => SUBTREE_ROLES.has(g.role)).map((g) => g.agencyId),
    };
  }

  holdsAnywhere(permission: Permission): boolean {
    const s = this.scope(permission);
    return s.all || s.agencies.length + s.subtrees.length > 0;
  }
}

/**
 * A SQL condition: `column` names an agency within the actor's scope for `permission`. Used by every list query,
 * so that scope is enforced by the database and not by filtering in memory.
 */
export function inScope(actor: Actor, permission: Permission, column: string) {
  const scope = actor.scope(permission);
  // Generic in the query's tables, so that it also fits queries over aliased tables and joins.
  return <D, T extends keyof D>(eb: ExpressionBuilder<D, T>) => {
    if (scope.all) return sql<boolean>`true`;
    const col = sql.ref(column);
    const direct = scope.agencies.length ? sql<boolean>`${col} = ANY(${scope.agencies}::uuid[])` : sql<boolean>`false`;
    if (!scope.subtrees.length) return direct;
    return eb.or([
      direct,
      sql<boolean>`${col} IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ANY(${scope.subtrees}::uuid[]))`,
    ]);
  };
}

/** Throws 403 unless `permission` reaches `agencyId` for this actor. */
export async function assertCan(db: Kysely<DB>, actor: Actor, permission: Permission, agencyId: string): Promise<void> {
  const scope = actor.scope(permission);
  if (scope.all || scope.agencies.includes(agencyId)) return;
  if (scope.subtrees.length) {
    const found = await db
      .selectFrom('agency_closure')
      .select('depth')
      .where('descendant_id', '=', agencyId)
      .where('ancestor_id', 'in', scope.subtrees)
      .executeTakeFirst();
    if (found) return;
  }
  throw forbidden('Cơ quan này nằm ngoài phạm vi được phân quyền của bạn.');
}
