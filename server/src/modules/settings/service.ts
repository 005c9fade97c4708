// Use cases of the operational settings: list them with their effective values, change one or put it back to its
// default (If-Match on the setting's version, one transaction, audited), and the public portal notice. Settings are
// province-wide: only a system-wide grant of settings.manage changes them.
import type { Actor } from '../../platform/auth/actor.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import { forbidden, invalid, notFound, preconditionFailed } from '../../platform/http/problem.ts';
import { effective, forgetSetting, REFRESH_MS, settingValue } from './cache.ts';
import { processConfiguration } from './process-config.ts';
import { definitionOf, isSettingKey, SETTING_KEYS, type SettingKey, settingProblems } from './registry.ts';
import * as store from './store.ts';

type Staffer = Requester & { actor: Actor };

function assertManages(actor: Actor, key: SettingKey): void {
  if (!actor.scope(definitionOf(key).permission).all) {
    throw forbidden('Chỉ quản trị hệ thống được thay đổi cài đặt của toàn tỉnh.');
  }
}

function knownKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw notFound(`cài đặt "${key}"`);
  return key;
}

function settingView(ctx: AppContext, key: SettingKey, row: store.SettingRow | undefined) {
  const definition = definitionOf(key);
  const stored = row?.value ?? null;
  return {
    key,
    label: definition.label,
    help: definition.help,
    schema: definition.schema as unknown as Record<string, unknown>,
    value: effective(ctx, key, stored) as unknown,
    default: definition.defaultOf(ctx.config) as unknown,
    source: stored === null ? ('default' as const) : ('database' as const),
    variable: definition.variable,
    public: definition.public,
    version: row?.version ?? 0,
    updatedBy: row?.updated_by_label ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

export type SettingView = ReturnType<typeof settingView>;

export async function listSettings(ctx: AppContext) {
  const rows = new Map((await store.listSettings(ctx.database.db)).map((r) => [r.key, r]));
  return {
    refreshSeconds: REFRESH_MS / 1000,
    items: SETTING_KEYS.map((key) => settingView(ctx, key, rows.get(key))),
  };
}

/** A stored value, or null to put the setting back to its default. */
async function write(ctx: AppContext, who: Staffer, key: SettingKey, expected: number, value: unknown) {
  assertManages(who.actor, key);
  const view = await runChange(ctx, who, async ({ trx, audit }) => {
    const before = await store.lockSetting(trx, key);
    if ((before?.version ?? 0) !== expected) throw preconditionFailed();
    const after = await store.writeSetting(trx, expected, {
      key,
      value,
      updatedBy: who.actor.staffId,
      updatedByLabel: who.actor.label,
      at: ctx.clock.now(),
    });
    if (!after) throw preconditionFailed(); // created by someone else since we looked
    audit(value === null ? 'settings.reset' : 'settings.changed', 'setting', key, {
      from: effective(ctx, key, before?.value ?? null),
      to: effective(ctx, key, after.value),
      version: after.version,
    });
    return settingView(ctx, key, after);
  });
  // After the commit: this node sees the change at once, the others within REFRESH_MS.
  forgetSetting(ctx, key);
  return view;
}

export function changeSetting(ctx: AppContext, who: Staffer, rawKey: string, expected: number, value: unknown) {
  const key = knownKey(rawKey);
  // null included: a reset is asked for with DELETE, and as a value null has the wrong type.
  const problems = settingProblems(key, value);
  if (problems.length) throw invalid(problems);
  return write(ctx, who, key, expected, value);
}

export const resetSetting = (ctx: AppContext, who: Staffer, rawKey: string, expected: number) =>
  write(ctx, who, knownKey(rawKey), expected, null);

export function processVariables(ctx: AppContext) {
  return processConfiguration(ctx.config, ctx.config.setVariables);
}

/** What the portal's home page shows on top; null when there is nothing to say. */
export async function portalNotice(ctx: AppContext) {
  const text = (await settingValue(ctx, 'portal.notice')).trim();
  return { text: text === '' ? null : text };
}
