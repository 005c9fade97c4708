// The six seeded workflows (a)–(f), published as version 1 and shared by the whole province.
import { type AppContext, runChange } from '../../platform/context.ts';
import { SEEDED_WORKFLOWS } from './seeds.ts';

export async function seedDemoWorkflows(ctx: AppContext): Promise<boolean> {
  const present = await ctx.database.db.selectFrom('workflow_definition').select('code').limit(1).executeTakeFirst();
  if (present) return false;
  await runChange(ctx, { actor: null, requestId: null }, async ({ trx, audit }) => {
    for (const def of SEEDED_WORKFLOWS) {
      await trx
        .insertInto('workflow_definition')
        .values({
          code: def.code,
          version: def.version,
          name: def.name,
          status: 'published',
          definition: JSON.stringify(def),
          published_at: ctx.clock.now(),
        })
        .execute();
    }
    audit('seed.demo_workflows', 'system', null, { workflows: SEEDED_WORKFLOWS.map((d) => d.code) });
  });
  return true;
}
