// The applicant's side of a dossier (the portal, docs/dossiers.md "Applicant API"): opening an online dossier filled
// from their account, saving the draft's e-form as they type, submitting it once complete, supplementing or
// withdrawing it, and following it on a timeline that shows what concerns them. Every read is of their own
// dossiers only (in SQL): another applicant's dossier is not found.
import type { AppContext } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import { type CursorKey, decodeCursor, limitOf, type PageQueryT, toPage } from '../../platform/http/paging.ts';
import { conflict, type FieldError, invalid, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import type { ComponentT } from '../catalog/model.ts';
import { getVersion, versionForReceipt } from '../catalog/service.ts';
import type { MacroStatus } from '../workflow/definition.ts';
import { actionName } from '../workflow/dossier-actions.ts';
import { workflowVersion } from '../workflow/service.ts';
import { MACRO_STATUS_NAMES } from '../workflow/statuses.ts';
import { listComponents } from './components.ts';
import { eformErrors } from './eform.ts';
import { INTERNAL_ACTIONS } from './public.ts';
import { isRatable } from './rating.ts';
import { ratingView } from './ratings.ts';
import {
  type ActionRequest,
  type Answer,
  type Applicant,
  act,
  type DossierRequester,
  getDossier,
  openDossierFor,
  readable,
} from './service.ts';
import * as store from './store.ts';

export type ApplicantRequester = Extract<DossierRequester, { applicant: unknown }>;

/** The workflow actions an applicant takes through the portal; discarding a draft is DELETE (the `cancel` action). */
export const APPLICANT_ACTIONS = ['submit', 'supplement', 'withdraw'] as const;
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

// ---------- the view ----------

type DossierView = Awaited<ReturnType<typeof getDossier>>;

/**
 * What the applicant sees of the dossier: no staff ids, no internal history (the timeline is separate). A pure map
 * of the service's view, so a replayed answer (Idempotency-Key) maps to the same body as the first.
 */
export function applicantView(v: DossierView) {
  const hold = v.hold;
  return {
    id: v.id,
    code: v.code,
    status: v.status,
    statusName: v.statusName,
    stepName: v.stepName,
    procedure: v.procedure,
    channel: v.channel,
    receivingUnitId: v.receivingUnitId,
    resolvingAgencyId: v.resolvingAgencyId,
    applicant: v.applicant,
    eform: v.eform,
    openedAt: v.openedAt,
    receivedAt: v.receivedAt,
    dueAt: v.dueAt,
    originalDueAt: v.originalDueAt,
    extendedDueAt: v.extendedDueAt,
    returnedAt: v.returnedAt,
    outcome: v.outcome,
    dueState: v.dueState,
    hold: hold
      ? { kind: hold.kind, since: new Date(hold.since).toISOString(), reason: 'reason' in hold ? hold.reason : null }
      : null,
    version: v.version,
    availableActions: v.availableActions
      .filter((a) => (APPLICANT_ACTIONS as readonly string[]).includes(a.id))
      .map((a) => ({ id: a.id as ApplicantAction, name: a.name, to: a.to, needs: [...a.needs] })),
  };
}

const mapAnswer = (answer: Answer): Answer => ({ ...answer, body: applicantView(answer.body as DossierView) });

/** Actions whose reason is told to the applicant anyway (Forms 02, 03, 04, notices); others stay internal. */
const TOLD_REASONS: ReadonlySet<string> = new Set([
  'request_supplement',
  'refuse',
  'extend',
  'suspend',
  'withdraw',
  'cancel',
]);

/** The dossier's timeline for its applicant: what was done and when, with the reasons they are told. */
export async function timeline(ctx: AppContext, who: ApplicantRequester, dossierId: string) {
  const row = await readable(ctx, who, dossierId);
  const db = ctx.database.db;
  const def = await workflowVersion(db, row.workflow_code, row.workflow_version);
  const events = await store.historyOf(db, row.id);
  return {
    items: events
      .filter((e) => !INTERNAL_ACTIONS.has(e.action))
      .map((e) => {
        const input = e.input as { reason?: string; newDate?: number };
        const told = TOLD_REASONS.has(e.action);
        return {
          seq: e.seq,
          at: e.at.toISOString(),
          action: e.action,
          name: actionName(def, e.action) ?? e.action,
          reason: told ? (input.reason ?? null) : null,
          newDate: told && typeof input.newDate === 'number' ? new Date(input.newDate).toISOString() : null,
        };
      }),
  };
}

/** The dossier with its components and files, its timeline and its rating. */
export async function dossierDetail(ctx: AppContext, who: ApplicantRequester, dossierId: string) {
  const view = applicantView(await getDossier(ctx, who, dossierId));
  const [components, events, rating] = await Promise.all([
    listComponents(ctx, who, dossierId),
    timeline(ctx, who, dossierId),
    store.ratingOf(ctx.database.db, dossierId),
  ]);
  return {
    ...view,
    components: components.items,
    timeline: events.items,
    rating: rating ? ratingView(rating) : null,
    ratable: !rating && isRatable(view.status),
  };
}

// ---------- my dossiers ----------

export interface MineQuery extends PageQueryT {
  status?: MacroStatus;
}

export async function myDossiers(ctx: AppContext, who: ApplicantRequester, query: MineQuery) {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await store.ownDossiers(ctx.database.db, who.applicant.accountId, query.status, after, limit + 1);
  return toPage(rows, limit, (r): CursorKey => [r.sort_key, r.id], mineItem);
}

function mineItem(r: store.OwnDossierRow) {
  return {
    id: r.id,
    code: r.code,
    procedure: { code: r.procedure_code, name: r.procedure_name },
    status: r.status,
    statusName: MACRO_STATUS_NAMES[r.status as MacroStatus] ?? r.status,
    openedAt: r.opened_at.toISOString(),
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    dueState: r.due_state,
    returnedAt: iso(r.returned_at),
    outcome: r.outcome,
    ratable: !r.rated && isRatable(r.status),
    updatedAt: r.updated_at.toISOString(),
  };
}

// ---------- opening and the draft ----------

export interface OnlineOpening {
  procedureCode: string;
  receivingUnitId: string;
  resolvingAgencyId?: string;
  applicant?: Partial<Applicant>;
  eform?: Record<string, unknown>;
  draft?: boolean;
}

/** Opens an online dossier: the applicant's details come from their account where the request leaves them out. */
export async function openOnline(
  ctx: AppContext,
  who: ApplicantRequester,
  profile: { [K in keyof Applicant]?: Applicant[K] | null },
  input: OnlineOpening,
  idempotencyKey: string,
): Promise<Answer> {
  const given = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== null && v !== undefined));
  const applicant = { ...given, ...input.applicant };
  if (!applicant.name?.trim()) {
    throw invalidField('applicant.name', 'Cần họ tên người nộp hồ sơ (hoặc cập nhật họ tên trong tài khoản).');
  }
  if (!input.draft) await assertNeedsNoFiles(ctx, input);
  const opening = { ...input, channel: 'online' as const, applicant: { ...applicant, name: applicant.name } };
  return mapAnswer(await openDossierFor(ctx, who, { ...opening, eform: input.eform ?? {} }, idempotencyKey));
}

/** Submitting at once leaves no time to attach files: only a procedure whose components are all optional allows it. */
async function assertNeedsNoFiles(ctx: AppContext, input: OnlineOpening): Promise<void> {
  // A procedure not offered at the unit is refused by the opening itself, with the field it names.
  const offered = await versionForReceipt(ctx, input.procedureCode, input.receivingUnitId).catch((error) => {
    if (error instanceof Problem && error.status === 404) return null;
    throw error;
  });
  const missing = missingComponents(offered?.content.components ?? [], new Set());
  if (missing.length) {
    throw invalid(missing, 'Thủ tục cần đính kèm thành phần hồ sơ: hãy lưu bản nháp, đính kèm tệp rồi nộp.');
  }
}

function missingComponents(components: ComponentT[], attached: ReadonlySet<number>): FieldError[] {
  return components.flatMap((c, i) =>
    c.required && !attached.has(i + 1)
      ? [{ field: `components.${i + 1}`, message: `Cần đính kèm thành phần hồ sơ "${c.name}".` }]
      : [],
  );
}

const staleDraft = (current: number, sent: number) =>
  new Problem(
    412,
    'stale-version',
    'Bản nháp vừa được lưu từ một cửa sổ hoặc thiết bị khác. Nội dung bạn đang nhập chưa được lưu và vẫn còn trên màn hình: hãy tải bản mới nhất rồi nhập lại phần thay đổi.',
    `Phiên bản hiện tại là ${current}, không phải ${sent}.`,
  );

const notDraft = () => conflict('Hồ sơ đã được nộp, không sửa hay hủy như bản nháp được nữa.');

export interface DraftPatch {
  eform?: Record<string, unknown>;
  applicant?: Applicant;
}

/** Saves the draft's e-form (what is typed must be right; what is missing may come later) if `version` is current. */
export async function saveDraft(
  ctx: AppContext,
  who: ApplicantRequester,
  dossierId: string,
  version: number,
  patch: DraftPatch,
) {
  const row = await readable(ctx, who, dossierId);
  if (patch.eform) {
    const { content } = await getVersion(ctx, row.procedure_version_id);
    const errors = eformErrors(row.procedure_version_id, content.eform.schema, patch.eform, true);
    if (errors.length) throw invalid(errors, 'Tờ khai điện tử chưa hợp lệ.');
  }
  const a = patch.applicant;
  await runChange(ctx, { actor: null, requestId: who.requestId }, async ({ trx, audit }) => {
    const locked = await store.lockDossier(trx, row.id);
    if (!locked) throw notFound('hồ sơ');
    if (locked.status !== 'draft') throw notDraft();
    if (locked.version !== version) throw staleDraft(locked.version, version);
    await trx
      .updateTable('dossier')
      .set({
        ...(patch.eform ? { eform: JSON.stringify(patch.eform) } : {}),
        ...(a
          ? {
              applicant: JSON.stringify(a),
              applicant_name: a.name,
              applicant_identity: a.identityNumber ?? null,
              applicant_phone: a.phone ?? null,
              applicant_email: a.email ?? null,
            }
          : {}),
        version: locked.version + 1,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', row.id)
      .execute();
    audit('dossier.draft_saved', 'dossier', row.id, {
      applicant: who.applicant.accountId,
      fields: Object.keys(patch),
      version: locked.version + 1,
    });
  });
  return applicantView(await getDossier(ctx, who, dossierId));
}

/**
 * Discards a draft: the workflow's `cancel`, which the applicant may take only on a draft. Discarding it again
 * (a retry) is done already.
 */
export async function discardDraft(ctx: AppContext, who: ApplicantRequester, dossierId: string, version: number) {
  const row = await readable(ctx, who, dossierId);
  if (row.status === 'cancelled' && row.step === 'draft') return;
  if (row.status !== 'draft') throw notDraft();
  if (row.version !== version) throw staleDraft(row.version, version);
  await act(ctx, who, dossierId, 'cancel', { reason: 'Người nộp hủy bản nháp.' }, `discard-${dossierId}`, version);
}

// ---------- actions ----------

/** Before a draft is submitted: the e-form in full, and a file for every required component. */
async function assertComplete(ctx: AppContext, row: store.DossierRow): Promise<void> {
  const { content } = await getVersion(ctx, row.procedure_version_id);
  const errors: FieldError[] = eformErrors(row.procedure_version_id, content.eform.schema, row.eform);
  errors.push(...missingComponents(content.components, await store.componentsWithFiles(ctx.database.db, row.id)));
  if (errors.length) throw invalid(errors, 'Hồ sơ chưa đủ để nộp: hãy hoàn thiện các mục được nêu.');
}

/**
 * An applicant's action: `submit` (a complete draft), `supplement` (when asked), `withdraw` (while the workflow
 * allows it; 409 with the engine's reason otherwise). A retry with the same Idempotency-Key gets the first answer.
 */
export async function applicantAct(
  ctx: AppContext,
  who: ApplicantRequester,
  dossierId: string,
  action: ApplicantAction,
  request: Pick<ActionRequest, 'reason' | 'note'>,
  idempotencyKey: string,
  expectedVersion?: number,
): Promise<Answer> {
  const row = await readable(ctx, who, dossierId);
  // Only a draft is checked: a replayed submit finds it submitted, and gets its first answer from `act`.
  if (action === 'submit' && row.status === 'draft') await assertComplete(ctx, row);
  return mapAnswer(await act(ctx, who, dossierId, action, request, idempotencyKey, expectedVersion));
}
