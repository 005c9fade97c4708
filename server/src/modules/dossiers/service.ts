// Use cases of the dossier (hồ sơ): opening it at the desk, by post or online; every action of its workflow, each in
// one transaction that locks the dossier, asks the workflow engine, appends the history, updates the deadlines
// through the calendar, writes the outbox events and the audit entry; reading it with its history.
import type { Kysely } from 'kysely';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { GLOBAL_ROLES, type Role, SUBTREE_ROLES } from '../../platform/auth/roles.ts';
import { type AppContext, type Change, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import type { Duration } from '../calendar/deadline.ts';
import type { EffectiveCalendar } from '../calendar/effective.ts';
import { effectiveCalendar } from '../calendar/service.ts';
import { parseIsoInstant } from '../calendar/vn-time.ts';
import type { ProcedureContentT } from '../catalog/model.ts';
import { versionForReceipt } from '../catalog/service.ts';
import { agencyIdentifier, getAgency } from '../org/service.ts';
import { checkResultReferences } from '../results/references.ts';
import { settingValue } from '../settings/cache.ts';
import { stepOf, type WorkflowDefinition } from '../workflow/definition.ts';
import { type ActionInput, applyAction, availableActions, type InputNeed } from '../workflow/engine.ts';
import type { DossierHistory, HistoryEntry } from '../workflow/reducer.ts';
import { publishedWorkflow, workflowVersion } from '../workflow/service.ts';
import { currentAgency, type DossierState, type Actor as EngineActor, openDossier } from '../workflow/state.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { type CodePattern, counterPeriod, formatCode, parseCodePattern } from './code.ts';
import { type Calendars, currentDue, dueStateAt, initialSchedule, type Schedule, scheduleAfter } from './deadlines.ts';
import { eformErrors } from './eform.ts';
import { claim, claimWith, rememberWrite, requestHash, type StoredResponse } from './idempotency.ts';
import { MIGRATION_ACTION } from './migration.ts';
import { dueEvent, eventsOf, projectRow } from './projection.ts';
import { stepColumns } from './queues.ts';
import type { DossierRow } from './store.ts';
import * as store from './store.ts';
import { dossierChangedHere, hashSecret, newTrackingSecret } from './tracking.ts';

export type Channel = 'online' | 'desk' | 'post';

/** A staff member through the console, or a citizen through the portal (who only sees their own dossiers). */
export type DossierRequester =
  | { actor: Actor; requestId: string | null }
  | { applicant: { accountId: string; name: string }; requestId: string | null };

export interface Applicant {
  name: string;
  identityNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface OpeningInput {
  procedureCode: string;
  channel: Channel;
  /** Defaults to the one desk where the officer receives dossiers; required for online dossiers. */
  receivingUnitId?: string;
  /** Required when the workflow hands the dossier to another agency; otherwise the receiving unit resolves it. */
  resolvingAgencyId?: string;
  applicant: Applicant;
  eform: Record<string, unknown>;
  /** Keep it as a draft (the scan is not finished) instead of submitting it at once. */
  draft?: boolean;
}

/** What an action's body may carry; `newDate` is ISO 8601 here and epoch milliseconds in the engine. */
export interface ActionRequest {
  note?: string;
  reason?: string;
  opinion?: string;
  documents?: string[];
  signedDocumentId?: string;
  paymentRef?: string;
  delivery?: 'desk' | 'post' | 'electronic';
  assignee?: string;
  agencyId?: string;
  newDate?: string;
}

export interface Answer extends StoredResponse {
  /** The answer was given before to the same request with the same idempotency key. */
  replayed: boolean;
}

// ---------- who acts ----------

const requesterOf = (who: DossierRequester): Requester => ({
  actor: 'actor' in who ? who.actor : null,
  requestId: who.requestId,
});
const actorKeyOf = (who: DossierRequester) =>
  'actor' in who ? `staff:${who.actor.staffId}` : `applicant:${who.applicant.accountId}`;

// Operational roles act only at the agency where they are granted (a province leader does not sign for a commune);
// administrators, who cancel dossiers entered by mistake, act as far as their grant reaches.
const ADMINISTRATORS: ReadonlySet<Role> = new Set(['agency_admin', 'system_admin']);

async function rolesAt(db: Kysely<DB>, actor: Actor, agencyId: string): Promise<Role[]> {
  const roles = new Set<Role>();
  for (const grant of actor.grants) {
    const reaches =
      grant.agencyId === agencyId ||
      (ADMINISTRATORS.has(grant.role) &&
        (GLOBAL_ROLES.has(grant.role) ||
          (SUBTREE_ROLES.has(grant.role) && (await store.isWithin(db, agencyId, grant.agencyId)))));
    if (reaches) roles.add(grant.role);
  }
  return [...roles];
}

/** The engine's actor for a dossier, once the requester is known to reach it. */
async function engineActor(db: Kysely<DB>, who: DossierRequester, row: DossierRow): Promise<EngineActor> {
  if ('applicant' in who) {
    if (row.applicant_account !== who.applicant.accountId) throw notFound('hồ sơ');
    return { kind: 'applicant', id: who.applicant.accountId };
  }
  const roles = await rolesAt(db, who.actor, currentAgency(row.state as DossierState));
  if (roles.length === 0) throw forbidden('Hồ sơ đang ở cơ quan nằm ngoài phạm vi được phân quyền của bạn.');
  return { kind: 'staff', staffId: who.actor.staffId, roles };
}

/** How the history remembers who acted: the engine's actor (so that replay gives the same result) and a label. */
interface StoredActor {
  kind: EngineActor['kind'];
  id: string | null;
  label: string;
  roles?: readonly Role[];
}

function historyActor(who: DossierRequester, actor: EngineActor): StoredActor {
  if (actor.kind === 'staff' && 'actor' in who) {
    return { kind: 'staff', id: actor.staffId, label: who.actor.label, roles: actor.roles };
  }
  return 'applicant' in who
    ? { kind: 'applicant', id: who.applicant.accountId, label: who.applicant.name }
    : { kind: 'system', id: null, label: 'hệ thống' };
}

function engineActorOf(stored: StoredActor): EngineActor {
  if (stored.kind === 'staff') return { kind: 'staff', staffId: stored.id ?? '', roles: stored.roles ?? [] };
  return stored.kind === 'applicant' ? { kind: 'applicant', id: stored.id ?? '' } : { kind: 'system' };
}

/** Staff read a dossier when their `dossier.read` scope reaches an agency it has been at. */
async function assertReads(db: Kysely<DB>, actor: Actor, row: DossierRow): Promise<void> {
  for (const agencyId of new Set([...row.agency_ids, row.resolving_agency_id])) {
    try {
      await assertCan(db, actor, 'dossier.read', agencyId);
      return;
    } catch (error) {
      if (!(error instanceof Problem && error.status === 403)) throw error;
    }
  }
  throw forbidden('Hồ sơ thuộc cơ quan nằm ngoài phạm vi được phân quyền của bạn.');
}

// ---------- what an action needs from outside its transaction ----------

/**
 * The workflow version, the calendars of the agencies the action may touch, the receiving unit's identifier, and
 * the settings the action applies (the due soon threshold, the code pattern).
 */
interface Prepared {
  def: WorkflowDefinition;
  calendars: Map<string, EffectiveCalendar>;
  unitIdentifier: string;
  dueSoonHours: number;
  codePattern: string;
}

// Each kept in memory (calendars until a change is heard, identifiers for good, settings for a few seconds), so
// that an action mostly reads nothing here. `db` is the transaction of a caller inside one: on PGlite's single
// connection a read beside it would wait for it.
async function prepare(ctx: AppContext, db: Kysely<DB>, def: WorkflowDefinition, agencyIds: string[], unitId: string) {
  const ids = [...new Set(agencyIds)];
  const calendars = new Map<string, EffectiveCalendar>();
  for (const id of ids) calendars.set(id, await effectiveCalendar(ctx, id, db));
  return {
    def,
    calendars,
    unitIdentifier: await agencyIdentifier(ctx, unitId, db),
    dueSoonHours: await settingValue(ctx, 'dossier.dueSoonHours', db),
    codePattern: await settingValue(ctx, 'dossier.codePattern', db),
  } satisfies Prepared;
}

function calendarOf(p: Prepared, agencyId: string): EffectiveCalendar {
  const calendar = p.calendars.get(agencyId);
  // Prepared for every agency the action may reach: never missing, unless the engine and prepare disagree.
  if (!calendar) throw new Error(`no calendar prepared for agency ${agencyId}`);
  return calendar;
}

let codePattern: { source: string; pattern: CodePattern } | undefined;

/** The parsed pattern, parsed again only when the setting changed. */
function patternOf(source: string): CodePattern {
  if (codePattern?.source !== source) {
    const parsed = parseCodePattern(source);
    if (typeof parsed === 'string') throw new Error(parsed); // loadConfig and the settings refuse such a pattern
    codePattern = { source, pattern: parsed };
  }
  return codePattern.pattern;
}

// ---------- one action, inside the caller's transaction ----------

const NEED_FIELDS: Record<InputNeed, keyof ActionRequest> = {
  opinion: 'opinion',
  documents: 'documents',
  signature: 'signedDocumentId',
  payment: 'paymentRef',
  reason: 'reason',
  delivery: 'delivery',
  assignee: 'assignee',
  agency: 'agencyId',
  new_date: 'newDate',
};

const blank = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && !value.length);

/** The field a refused action lacks: the first of its needs left blank, else the first need (e.g. a past date). */
function missingField(
  def: WorkflowDefinition,
  state: DossierState,
  actor: EngineActor,
  action: string,
  input: ActionInput,
) {
  const needs = availableActions(def, state, actor).find((a) => a.id === action)?.needs ?? [];
  const need = needs.find((n) => blank(input[NEED_FIELDS[n] as keyof ActionInput])) ?? needs[0];
  return need ? NEED_FIELDS[need] : '(toàn bộ)';
}

async function takeAction(
  ctx: AppContext,
  change: Change,
  who: DossierRequester,
  row: DossierRow,
  p: Prepared,
  action: string,
  input: ActionInput,
  lastSeq: number,
): Promise<{ row: DossierRow; trackingSecret: string | null; event: store.EventRow; actor: EngineActor }> {
  const { trx, audit, publish, writeLast, afterCommit } = change;
  const before = row.state as DossierState;
  const actor = await engineActor(trx, who, row);
  const now = ctx.clock.now().getTime();
  const outcome = applyAction(p.def, before, action, actor, now, input);
  if (!outcome.ok) {
    if (outcome.code === 'forbidden') throw forbidden(outcome.reason);
    if (outcome.code === 'missing_input')
      throw invalidField(missingField(p.def, before, actor, action, input), outcome.reason);
    throw new Problem(409, 'action-not-allowed', outcome.reason, `Mã lý do: ${outcome.code}.`);
  }
  const { state, effects } = outcome;
  const appointmentCalendar = calendarOf(p, row.receiving_unit_id);
  const calendars: Calendars = {
    appointment: appointmentCalendar.compiled,
    step: calendarOf(p, currentAgency(state)).compiled,
  };
  const schedule = scheduleAfter(row.schedule as Schedule, effects, state, calendars);
  const dueState = dueStateAt(schedule, state.clock.phase, row.due_state, calendars.appointment, now, p.dueSoonHours);
  // Numbered after the last event the caller read with the dossier locked: nobody else appends meanwhile.
  const event: store.EventRow = {
    dossier_id: row.id,
    seq: lastSeq + 1,
    at: new Date(now),
    actor: historyActor(who, actor),
    action,
    input: { ...input },
    from_step: before.step,
    to_step: state.step,
    note: input.note ?? input.opinion ?? input.reason ?? null,
    effects,
  };
  const { seq } = event;
  // Numbered as late as possible: the counter row stays locked until commit, and receipts at the unit queue on it.
  const assigning = effects.some((e) => e.type === 'code.assign');
  const code = assigning ? await allocateCode(change, row.receiving_unit_id, p, now) : row.code;
  // The public tracking secret is made with the code; only its hash is kept (tracking.ts).
  const trackingSecret = assigning && code ? newTrackingSecret() : null;
  const changed = {
    ...projectRow(state, schedule),
    ...stepColumns(p.def, state),
    code,
    tracking_secret_hash: trackingSecret && code ? hashSecret(code, trackingSecret) : row.tracking_secret_hash,
    due_state: dueState,
    received_at: assigning ? new Date(now) : row.received_at,
    calendar_version: effects.some((e) => e.type === 'appointment.set')
      ? appointmentCalendar.key
      : row.calendar_version,
    version: row.version + 1,
    updated_at: new Date(now),
  };
  // Written in the change's last statement (one round trip while the counter is locked); the row as it will be is
  // known here, and nothing else in the change writes it.
  writeLast(store.insertEvent(trx, event));
  writeLast(
    trx
      .updateTable('dossier')
      .set({ ...changed, state: JSON.stringify(state), schedule: JSON.stringify(schedule) })
      .where('id', '=', row.id),
  );
  const updated: DossierRow = { ...row, ...changed, state, schedule };
  afterCommit(() => dossierChangedHere(code));
  const ref = { dossierId: row.id, code, at: now };
  for (const event of eventsOf(ref, before, state, effects, schedule)) await publish(event.topic, event.payload);
  const due = dueEvent(ref, row.due_state, dueState, currentDue(schedule));
  if (due) await publish(due.topic, due.payload);
  audit(`dossier.${action}`, 'dossier', row.id, {
    code,
    seq,
    fromStep: before.step,
    toStep: state.step,
    status: state.status,
    ...('applicant' in who ? { applicant: who.applicant.accountId } : {}),
  });
  return { row: updated, trackingSecret, event, actor };
}

/** The receipt's code; its counter row and the audit chain's head stay locked until commit (Change.withAuditHeadLocked). */
async function allocateCode(change: Change, unitId: string, p: Prepared, at: number) {
  const pattern = patternOf(p.codePattern);
  const claimed = await change.withAuditHeadLocked(
    store.claimNextNumber(change.trx, unitId, counterPeriod(pattern, at)),
  );
  return formatCode(pattern, p.unitIdentifier, at, claimed.last);
}

/** What a change answers; `once` (the tracking secret) goes to this request only: a replay does not get it back. */
type Answering = StoredResponse & { once?: Record<string, unknown> };

/** One transaction, with the idempotency key claimed first when the client sent one. */
async function idempotent(
  ctx: AppContext,
  who: DossierRequester,
  key: string | undefined,
  request: unknown,
  work: (change: Change) => Promise<Answering>,
): Promise<Answer> {
  return runChange(ctx, requesterOf(who), async (change) => {
    const stored = key ? await claim(change.trx, actorKeyOf(who), key, requestHash(request)) : null;
    return stored ? { ...stored, replayed: true } : answered(change, who, key, await work(change));
  });
}

/** The same for a change to one dossier: the key claimed and the dossier locked in one statement (404 without it). */
async function idempotentOn(
  ctx: AppContext,
  who: DossierRequester,
  key: string | undefined,
  request: unknown,
  dossierId: string,
  work: (change: Change, row: DossierRow) => Promise<Answering>,
): Promise<Answer> {
  return runChange(ctx, requesterOf(who), async (change) => {
    const lock = store.lockDossierQuery(change.trx, dossierId);
    const { stored, row } =
      key !== undefined
        ? await claimWith(change.trx, actorKeyOf(who), key, requestHash(request), lock)
        : { stored: null, row: await lock.executeTakeFirst() };
    if (stored) return { ...stored, replayed: true };
    if (!row) throw notFound('hồ sơ');
    return answered(change, who, key, await work(change, row));
  });
}

/** The answer, kept under the idempotency key (in the change's last statement) for a replay. */
function answered(change: Change, who: DossierRequester, key: string | undefined, { once, ...response }: Answering) {
  if (key) change.writeLast(rememberWrite(change.trx, actorKeyOf(who), key, response));
  const body = once ? { ...(response.body as Record<string, unknown>), ...once } : response.body;
  return { ...response, body, replayed: false };
}

// ---------- opening a dossier ----------

async function receivingUnitOf(ctx: AppContext, who: DossierRequester, input: OpeningInput): Promise<string> {
  if ('applicant' in who) {
    if (!input.receivingUnitId) throw invalidField('receivingUnitId', 'Cần chọn nơi nộp hồ sơ.');
    return input.receivingUnitId;
  }
  const scope = who.actor.scope('dossier.receive');
  const desks = scope.all ? [] : [...scope.agencies, ...scope.subtrees];
  const unitId = input.receivingUnitId ?? (desks.length === 1 ? desks[0] : undefined);
  if (!unitId) {
    throw invalidField('receivingUnitId', 'Bạn tiếp nhận hồ sơ tại nhiều nơi: cần chọn nơi tiếp nhận.');
  }
  await assertCan(ctx.database.db, who.actor, 'dossier.receive', unitId);
  return unitId;
}

async function existingAgency(ctx: AppContext, id: string, field: string, db?: Kysely<DB>) {
  try {
    return await getAgency(ctx, id, db);
  } catch (error) {
    if (error instanceof Problem && error.status === 404) throw invalidField(field, 'Không tìm thấy cơ quan này.');
    throw error;
  }
}

/** The procedure's processing time for the channel, or the one for every channel. */
function processingTimeFor(content: ProcedureContentT, channel: Channel): Duration | null {
  const times = content.processingTimes;
  const time = times.find((t) => t.channel === channel) ?? times.find((t) => t.channel === 'any');
  return time ? { unit: time.unit, amount: time.value } : null;
}

const handsOff = (def: WorkflowDefinition) =>
  def.steps.some((s) => s.actions.some((a) => a.effects?.includes('agency.handOff')));

/**
 * Who resolves a dossier when the opening does not say: the receiving unit itself, unless its workflow hands the
 * dossier on. A public administrative service centre (Decree 118/2025) receives for the agency that manages the
 * procedure, so an applicant applying online there need not know it; elsewhere (a commune receiving for a district)
 * the officer names the agency.
 */
function defaultResolver(def: WorkflowDefinition, unit: { kind: string }, unitId: string, managingAgencyId: string) {
  if (!handsOff(def)) return unitId;
  return unit.kind === 'service_centre' ? managingAgencyId : undefined;
}

/** What the catalogue and the workflow say about receiving this procedure at this unit, checked. */
async function receipt(ctx: AppContext, input: OpeningInput, unitId: string) {
  const unit = await existingAgency(ctx, unitId, 'receivingUnitId');
  let offered: Awaited<ReturnType<typeof versionForReceipt>>;
  try {
    offered = await versionForReceipt(ctx, input.procedureCode, unitId);
  } catch (error) {
    if (!(error instanceof Problem && error.status === 404)) throw error;
    throw invalidField('procedureCode', `Thủ tục ${input.procedureCode} không được cung cấp tại ${unit.name}.`);
  }
  const { content } = offered;
  if (!(content.receiptChannels as string[]).includes(input.channel)) {
    throw invalidField('channel', 'Thủ tục này không tiếp nhận hồ sơ qua kênh đã chọn.');
  }
  const workflowCode = content.offerings.find((o) => o.agency === unit.identifier)?.workflow;
  const def = workflowCode ? await publishedWorkflow(ctx.database.db, workflowCode) : undefined;
  if (!def) {
    throw conflict(`Thủ tục ${input.procedureCode} chưa được gắn quy trình điện tử đang áp dụng tại ${unit.name}.`);
  }
  // An applicant's draft is saved as they type; it is checked in full when they submit it (applicant.ts).
  const partial = input.draft === true && input.channel === 'online';
  const errors = eformErrors(offered.versionId, content.eform.schema, input.eform, partial);
  if (errors.length) throw invalid(errors, 'Tờ khai điện tử chưa hợp lệ.');
  const resolvingAgencyId = input.resolvingAgencyId ?? defaultResolver(def, unit, unitId, offered.managingAgencyId);
  if (!resolvingAgencyId) {
    throw invalidField('resolvingAgencyId', 'Quy trình này chuyển hồ sơ sang cơ quan giải quyết: cần chọn cơ quan đó.');
  }
  await existingAgency(ctx, resolvingAgencyId, 'resolvingAgencyId');
  return { offered, def, resolvingAgencyId, processingTime: processingTimeFor(content, input.channel) };
}

/**
 * Opens a dossier: a desk or post dossier entered by an officer for the applicant, or an online one by the
 * applicant through the portal. Unless kept as a draft it is submitted in the same transaction, and waits at the
 * reception step for the officer to accept it (Form 01), ask for a supplement (Form 02) or refuse it (Form 03).
 */
export async function openDossierFor(
  ctx: AppContext,
  who: DossierRequester,
  input: OpeningInput,
  idempotencyKey?: string,
): Promise<Answer> {
  if ('applicant' in who !== (input.channel === 'online')) {
    throw invalidField(
      'channel',
      'Hồ sơ trực tuyến do người nộp gửi qua cổng; cán bộ nhập hồ sơ trực tiếp hoặc qua bưu chính.',
    );
  }
  const unitId = await receivingUnitOf(ctx, who, input);
  const { offered, def, resolvingAgencyId, processingTime } = await receipt(ctx, input, unitId);
  const p = await prepare(ctx, ctx.database.db, def, [unitId, resolvingAgencyId], unitId);
  return idempotent(ctx, who, idempotencyKey, { open: input }, async (change) => {
    const now = ctx.clock.now();
    const state = openDossier(def, { at: now.getTime(), receivingUnit: unitId, resolvingAgency: resolvingAgencyId });
    const schedule = initialSchedule(input.channel, processingTime, state);
    const a = input.applicant;
    const row = await change.trx
      .insertInto('dossier')
      .values({
        ...projectRow(state, schedule),
        receiving_unit_id: unitId,
        resolving_agency_id: resolvingAgencyId,
        procedure_version_id: offered.versionId,
        procedure_code: input.procedureCode,
        procedure_name: offered.content.name,
        workflow_code: def.code,
        workflow_version: def.version,
        channel: input.channel,
        applicant: JSON.stringify(a),
        applicant_name: a.name,
        applicant_identity: a.identityNumber ?? null,
        applicant_phone: a.phone ?? null,
        applicant_email: a.email ?? null,
        applicant_account: 'applicant' in who ? who.applicant.accountId : null,
        eform: JSON.stringify(input.eform),
        state: JSON.stringify(state),
        schedule: JSON.stringify(schedule),
        opened_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    change.audit('dossier.opened', 'dossier', row.id, {
      procedure: input.procedureCode,
      channel: input.channel,
      receivingUnitId: unitId,
      workflow: `${def.code}@${def.version}`,
    });
    await change.publish('dossier.opened', { dossierId: row.id, channel: input.channel, at: now.toISOString() });
    const result = input.draft ? row : (await takeAction(ctx, change, who, row, p, 'submit', {}, 0)).row;
    return { status: 201, body: await dossierView(change.trx, who, result, def) };
  });
}

// ---------- actions ----------

/** The engine's input from the request: fields that name something are checked to exist first. */
async function engineInput(
  ctx: AppContext,
  db: Kysely<DB>,
  row: DossierRow,
  request: ActionRequest,
): Promise<ActionInput> {
  const { newDate, ...rest } = request;
  const input: ActionInput = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (newDate !== undefined) {
    const instant = parseIsoInstant(newDate);
    if (instant === null) {
      throw invalidField(
        'newDate',
        'Ngày hẹn mới phải là thời điểm ISO 8601 có múi giờ, ví dụ 2025-02-14T16:00:00+07:00.',
      );
    }
    input.newDate = instant;
  }
  if (request.agencyId) await existingAgency(ctx, request.agencyId, 'agencyId', db);
  if (request.assignee) {
    const agencies = [...new Set([...row.agency_ids, row.resolving_agency_id])];
    const works = await Promise.all(agencies.map((a) => store.worksAt(db, request.assignee!, a)));
    if (!works.includes(true)) {
      throw invalidField('assignee', 'Người được phân công phải là cán bộ của cơ quan đang giải quyết hồ sơ.');
    }
  }
  // Result documents are those of this dossier; a signature requirement takes only a validly signed one.
  await checkResultReferences(ctx, row.id, request, db);
  return input;
}

/**
 * Takes an action on a dossier. The dossier is locked for the whole transaction, so of two officers acting at once
 * the second sees the first's result: its action is refused with 409 when no longer allowed. `expectedVersion`
 * (If-Match) refuses with 409 when the dossier changed since the client read it.
 */
export async function act(
  ctx: AppContext,
  who: DossierRequester,
  dossierId: string,
  action: string,
  request: ActionRequest,
  /** Sent by every client (the route requires it); only the demo's seeding acts without one. */
  idempotencyKey: string | undefined,
  expectedVersion?: number,
): Promise<Answer> {
  const asked = { dossierId, action, request, expectedVersion };
  return idempotentOn(ctx, who, idempotencyKey, asked, dossierId, async (change, row) => {
    const { trx } = change;
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new Problem(
        409,
        'stale-version',
        'Hồ sơ đã được người khác xử lý trong lúc bạn thao tác. Hãy tải lại hồ sơ rồi thử lại.',
        `Phiên bản hiện tại là ${row.version}, không phải ${expectedVersion}.`,
      );
    }
    // Everything read before acting: acting may take the receiving unit's code counter, locked until commit.
    const input = await engineInput(ctx, trx, row, request);
    const def = await workflowVersion(trx, row.workflow_code, row.workflow_version);
    const agencies = [row.receiving_unit_id, row.resolving_agency_id, ...(row.state as DossierState).agencies];
    const p = await prepare(
      ctx,
      trx,
      def,
      [...agencies, ...(input.agencyId ? [input.agencyId] : [])],
      row.receiving_unit_id,
    );
    const history = await store.historyOf(trx, dossierId);
    const taken = await takeAction(ctx, change, who, row, p, action, input, history.at(-1)?.seq ?? 0);
    const once = taken.trackingSecret ? { trackingSecret: taken.trackingSecret } : undefined;
    const known = { actor: taken.actor, history: [...history, taken.event] };
    return { status: 200, body: await dossierView(change.trx, who, taken.row, def, known), once };
  });
}

// ---------- reading ----------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function eventView(e: store.EventRow) {
  const actor = e.actor as StoredActor;
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { kind: actor.kind, id: actor.id, label: actor.label },
    action: e.action,
    fromStep: e.from_step,
    toStep: e.to_step,
    note: e.note,
    input: e.input,
    effects: e.effects,
  };
}

/** The dossier as its reader sees it; `known` is what the caller has just read or written itself. */
async function dossierView(
  db: Kysely<DB>,
  who: DossierRequester,
  row: DossierRow,
  def: WorkflowDefinition,
  known?: { actor: EngineActor; history: store.EventRow[] },
) {
  const state = row.state as DossierState;
  const actor = known?.actor ?? (await engineActor(db, who, row).catch(() => null));
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    statusName: MACRO_STATUS_NAMES[state.status],
    step: row.step,
    stepName: stepOf(def, state.step).name,
    procedure: { code: row.procedure_code, name: row.procedure_name, versionId: row.procedure_version_id },
    workflow: { code: row.workflow_code, version: row.workflow_version },
    channel: row.channel,
    receivingUnitId: row.receiving_unit_id,
    resolvingAgencyId: row.resolving_agency_id,
    currentAgencyId: row.current_agency_id,
    applicant: row.applicant,
    eform: row.eform,
    assigneeId: row.assignee_id,
    openedAt: row.opened_at.toISOString(),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    originalDueAt: iso(row.original_due_at),
    extendedDueAt: iso(row.extended_due_at),
    stepDueAt: iso(row.step_due_at),
    returnedAt: iso(row.returned_at),
    outcome: row.outcome,
    dueState: row.due_state,
    clock: state.clock.phase,
    hold: state.hold,
    resultDocuments: state.resultDocuments,
    version: row.version,
    availableActions: actor ? availableActions(def, state, actor) : [],
    history: (known?.history ?? (await store.historyOf(db, row.id))).map(eventView),
  };
}

/** The dossier if the requester may read it: staff within scope (403 outside), an applicant only their own (404). */
export async function readable(ctx: AppContext, who: DossierRequester, dossierId: string) {
  const db = ctx.database.db;
  const row =
    'actor' in who
      ? await store.findDossier(db, dossierId)
      : await store.findOwnDossier(db, dossierId, who.applicant.accountId);
  if (!row) throw notFound('hồ sơ');
  if ('actor' in who) await assertReads(db, who.actor, row);
  return row;
}

/** The dossier with the actions this requester may take now and its history. */
export async function getDossier(ctx: AppContext, who: DossierRequester, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  const def = await workflowVersion(ctx.database.db, row.workflow_code, row.workflow_version);
  return dossierView(ctx.database.db, who, row, def);
}

export async function getHistory(ctx: AppContext, who: DossierRequester, dossierId: string) {
  await readable(ctx, who, dossierId);
  return { items: (await store.historyOf(ctx.database.db, dossierId)).map(eventView) };
}

/**
 * The stored state with what the reducer needs to rebuild it: the operator's (and the tests') consistency check.
 * Migrations move one version at a time, so the dossier opened under its version less the migrations it went
 * through, and the reducer gets every version from there.
 */
export async function storedHistory(ctx: AppContext, dossierId: string) {
  const db = ctx.database.db;
  const row = await store.findDossier(db, dossierId);
  if (!row) throw notFound('hồ sơ');
  const events = await store.historyOf(db, dossierId);
  const entries = events.map((e): HistoryEntry => {
    if (e.action === MIGRATION_ACTION) {
      const input = e.input as { toVersion: number; step: string };
      return { kind: 'migration', at: e.at.getTime(), toVersion: input.toVersion, step: input.step };
    }
    const actor = engineActorOf(e.actor as StoredActor);
    return { kind: 'action', action: e.action, actor, at: e.at.getTime(), input: e.input as ActionInput };
  });
  const opened = row.workflow_version - entries.filter((e) => e.kind === 'migration').length;
  const history: DossierHistory = {
    version: opened,
    opening: {
      at: row.opened_at.getTime(),
      receivingUnit: row.receiving_unit_id,
      resolvingAgency: row.resolving_agency_id,
    },
    entries,
  };
  const definitions: WorkflowDefinition[] = [];
  for (let v = opened; v <= row.workflow_version; v++)
    definitions.push(await workflowVersion(db, row.workflow_code, v));
  return { definitions, history, state: row.state as DossierState, row };
}

// ---------- a lost tracking secret ----------

/**
 * Issues a new public tracking secret for a received dossier whose applicant lost Form 01, at the desk of the unit
 * that received it. The old secret stops working; the new one is answered once (a replay of the same request with
 * the same idempotency key does not get it again) and can be printed on a new Form 01 with `?secret=`.
 */
export async function reissueTrackingSecret(
  ctx: AppContext,
  who: { actor: Actor; requestId: string | null },
  dossierId: string,
  idempotencyKey: string,
): Promise<Answer> {
  const found = await store.findDossier(ctx.database.db, dossierId);
  if (!found) throw notFound('hồ sơ');
  await assertCan(ctx.database.db, who.actor, 'dossier.receive', found.receiving_unit_id);
  return idempotentOn(
    ctx,
    who,
    idempotencyKey,
    { dossierId, reissue: 'tracking-secret' },
    dossierId,
    async ({ trx, audit, publish, afterCommit }, row) => {
      if (!row.code) throw conflict('Hồ sơ chưa được tiếp nhận nên chưa có mã tra cứu.');
      afterCommit(() => dossierChangedHere(row.code));
      const trackingSecret = newTrackingSecret();
      await trx
        .updateTable('dossier')
        .set({ tracking_secret_hash: hashSecret(row.code, trackingSecret) })
        .where('id', '=', row.id)
        .execute();
      audit('dossier.tracking_secret_reissued', 'dossier', row.id, { code: row.code });
      await publish('dossier.tracking_secret_reissued', { dossierId: row.id, code: row.code });
      return { status: 200, body: { id: row.id, code: row.code }, once: { trackingSecret } };
    },
  );
}
