// The one-stop forms of a dossier (Circular 01/2018): each form's data assembled from the dossier row, its history,
// the pinned procedure version, the agencies and the staff names, then rendered by the paperwork module in the
// form set in force on the dossier's date (its receipt, or its opening before that). A form exists only once the
// history has what it needs (Form 01 after acceptance, 02 after a supplement request, 03 after a refusal, 04 after
// an extension, 05 once received).
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalidField } from '../../platform/http/problem.ts';
import type { ReturnTimeliness } from '../calendar/classify.ts';
import { classifyReturn } from '../calendar/classify.ts';
import { countingStart, deadline } from '../calendar/deadline.ts';
import { effectiveCalendar } from '../calendar/service.ts';
import { civilDateOf, formatIsoDate, vnDayOf } from '../calendar/vn-time.ts';
import { COMPONENT_FORMS } from '../catalog/model.ts';
import { formatProcessingTimes } from '../catalog/processing-time.ts';
import { getVersion } from '../catalog/service.ts';
import { formIssuer, getAgency, staffCard } from '../org/service.ts';
import { type FormSet, formSetOn } from '../paperwork/form-sets.ts';
import type { Applicant, HandOver } from '../paperwork/forms.ts';
import { stepOf, type WorkflowDefinition } from '../workflow/definition.ts';
import type { Effect } from '../workflow/effects.ts';
import { workflowVersion } from '../workflow/service.ts';
import { type DossierRequester, readable } from './service.ts';
import * as store from './store.ts';
import { secretMatches } from './tracking.ts';

export const FORMS = ['01', '02', '03', '04', '05'] as const;
export type FormId = (typeof FORMS)[number];

type Row = store.DossierRow;
type Event = store.EventRow;

const notYet = ({ set }: Loaded, form: FormId, why: string) =>
  conflict(`Hồ sơ chưa có ${set.names[form]} (Mẫu ${form}): ${why}.`);

const vnYear = (d: Date) => civilDateOf(vnDayOf(d.getTime())).year;
const lastOf = (events: Event[], action: string) => events.filter((e) => e.action === action).at(-1);
const effectsOf = (e: Event) => e.effects as Effect[];
const staffIdOf = (e: Event) => (e.actor as { id: string | null }).id;
const inputOf = (e: Event) => e.input as Record<string, unknown>;

async function nameOf(ctx: AppContext, staffId: string | null | undefined): Promise<string> {
  if (!staffId) return '';
  return (await staffCard(ctx.database.db, staffId))?.full_name ?? '';
}

function applicantOf(row: Row): Applicant {
  const a = row.applicant as Record<string, string | null | undefined>;
  return {
    name: row.applicant_name,
    ...(a.address ? { address: a.address } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
}

interface Loaded {
  row: Row;
  events: Event[];
  def: WorkflowDefinition;
  set: FormSet;
}

async function load(ctx: AppContext, who: DossierRequester, id: string): Promise<Loaded> {
  const row = await readable(ctx, who, id);
  const events = await store.historyOf(ctx.database.db, id);
  const def = await workflowVersion(ctx.database.db, row.workflow_code, row.workflow_version);
  const dated = (row.received_at ?? row.opened_at).getTime();
  return { row, events, def, set: formSetOn(formatIsoDate(vnDayOf(dated))) };
}

/** Form 01 prints the tracking secret only when the client sends it (the accept answer gave it once). */
async function renderForm01(ctx: AppContext, loaded: Loaded, secret: string | undefined) {
  const { row, events, set } = loaded;
  const accept = events.find((e) => effectsOf(e).some((f) => f.type === 'code.assign'));
  if (!accept || !row.code || !row.received_at) throw notYet(loaded, '01', 'hồ sơ chưa được tiếp nhận');
  if (secret !== undefined && !secretMatches(row.code, secret, row.tracking_secret_hash)) {
    throw invalidField('secret', 'Mã tra cứu không khớp với mã đã cấp khi tiếp nhận hồ sơ.');
  }
  const { content } = await getVersion(ctx, row.procedure_version_id);
  const unit = await getAgency(ctx, row.receiving_unit_id);
  return set.render['01']({
    issuer: await formIssuer(ctx, row.receiving_unit_id),
    dossierCode: row.code,
    applicant: applicantOf(row),
    request: row.procedure_name,
    components: content.components.map((c) => ({ name: c.name, form: COMPONENT_FORMS.label(c.form) })),
    sets: 1,
    legalTime: formatProcessingTimes(content.processingTimes),
    receivedAt: row.received_at.getTime(),
    dueAt: (row.original_due_at ?? row.received_at).getTime(),
    returnPlace: `Bộ phận Tiếp nhận và Trả kết quả, ${unit.name}`,
    register: { book: `01/${vnYear(row.received_at)}`, entry: row.code.split('-').at(-1) ?? '' },
    officer: await nameOf(ctx, staffIdOf(accept)),
    trackingUrl: `${ctx.config.publicUrl}/tra-cuu`,
    trackingSecret: secret ?? '(đã cấp cho người nộp khi tiếp nhận)',
  });
}

async function renderForm02(ctx: AppContext, loaded: Loaded) {
  const { row, events, set } = loaded;
  const asked = lastOf(events, 'request_supplement');
  if (!asked) throw notYet(loaded, '02', 'chưa có yêu cầu bổ sung');
  const officer = await nameOf(ctx, staffIdOf(asked));
  const issuer = await formIssuer(ctx, row.current_agency_id);
  const reasons = String(inputOf(asked).reason ?? '')
    .split('\n')
    .filter((line) => line.trim());
  return set.render['02']({
    issuer,
    at: asked.at.getTime(),
    applicant: applicantOf(row),
    request: row.procedure_name,
    items: reasons.map((line) => ({ what: line.trim().replace(/\.$/, ''), reason: asked.note ?? line.trim() })),
    contact: { name: officer, phone: issuer.phone ?? '' },
    officer,
  });
}

async function renderForm03(ctx: AppContext, loaded: Loaded) {
  const { row, events, set } = loaded;
  const refused = lastOf(events, 'refuse');
  if (!refused) throw notYet(loaded, '03', 'hồ sơ không bị từ chối');
  return set.render['03']({
    issuer: await formIssuer(ctx, row.receiving_unit_id),
    at: refused.at.getTime(),
    applicant: applicantOf(row),
    request: row.procedure_name,
    reason: String(inputOf(refused).reason ?? ''),
    officer: await nameOf(ctx, staffIdOf(refused)),
  });
}

async function renderForm04(ctx: AppContext, loaded: Loaded) {
  const { row, events, set } = loaded;
  const extended = lastOf(events, 'extend');
  if (!extended || !row.code || !row.received_at || !row.original_due_at || !row.extended_due_at) {
    throw notYet(loaded, '04', 'chưa hẹn lại ngày trả kết quả');
  }
  const head = await staffCard(ctx.database.db, staffIdOf(extended) ?? '');
  return set.render['04']({
    issuer: await formIssuer(ctx, row.resolving_agency_id),
    at: extended.at.getTime(),
    applicant: applicantOf(row),
    request: row.procedure_name.charAt(0).toLowerCase() + row.procedure_name.slice(1),
    dossierCode: row.code,
    receivedAt: row.received_at.getTime(),
    originalDueAt: row.original_due_at.getTime(),
    reason: String(inputOf(extended).reason ?? ''),
    newDueAt: row.extended_due_at.getTime(),
    head: { title: head?.position ?? '', name: head?.full_name ?? '' },
  });
}

// ---------- Form 05: the control sheet ----------

type Handover = Extract<Effect, { type: 'handover.record' }>;
type StepDeadline = Extract<Effect, { type: 'step.deadline' }>;

/** When the step being handed over was due: its allowed time from when it started, on the agency's calendar. */
async function stepDue(ctx: AppContext, started: StepDeadline | undefined, agencyId: string) {
  if (!started) return null;
  const calendar = (await effectiveCalendar(ctx, agencyId)).compiled;
  return deadline(calendar, countingStart(calendar, started.from, 'online'), started.timeAllowed);
}

export interface ControlRow extends HandOver {
  fromAgencyId: string;
  toAgencyId: string;
  dueAt: number | null;
}

/** Every hand-over of the history with its giver, its receiver (who acted next at that step) and its timeliness. */
async function handOvers(ctx: AppContext, { events, def }: Loaded): Promise<ControlRow[]> {
  const rows: ControlRow[] = [];
  const started = new Map<string, StepDeadline>();
  for (const [i, e] of events.entries()) {
    for (const effect of effectsOf(e)) {
      if (effect.type === 'step.deadline') started.set(effect.step, effect);
      if (effect.type !== 'handover.record') continue;
      const h: Handover = effect;
      const next = events.slice(i + 1).find((n) => n.from_step === h.toStep);
      const due = await stepDue(ctx, started.get(h.fromStep), h.fromAgency);
      const result: ReturnTimeliness | null = due === null ? null : classifyReturn(h.at, due);
      rows.push({
        step: `Giao: ${stepOf(def, h.fromStep).name}. Nhận: ${stepOf(def, h.toStep).name}`,
        at: h.at,
        giver: await nameOf(ctx, h.by),
        receiver: next ? await nameOf(ctx, staffIdOf(next)) : '',
        result,
        fromAgencyId: h.fromAgency,
        toAgencyId: h.toAgency,
        dueAt: due,
      });
    }
  }
  return rows;
}

async function form05Data(ctx: AppContext, loaded: Loaded) {
  const { row } = loaded;
  if (!row.code || !row.received_at) throw notYet(loaded, '05', 'hồ sơ chưa được tiếp nhận');
  const resolving = await getAgency(ctx, row.resolving_agency_id);
  const others = row.agency_ids.filter((a) => a !== row.resolving_agency_id && a !== row.receiving_unit_id);
  return {
    issuer: await formIssuer(ctx, row.receiving_unit_id),
    at: row.received_at.getTime(),
    dossierCode: row.code,
    applicant: applicantOf(row),
    resolvingAgency: resolving.name,
    cooperatingAgencies: await Promise.all(others.map(async (a) => (await getAgency(ctx, a)).name)),
    handOvers: await handOvers(ctx, loaded),
  };
}

/** Form 05 as JSON: the hand-overs with their due times and early / on-time / late marks. */
export async function controlSheet(ctx: AppContext, who: DossierRequester, id: string) {
  const d = await form05Data(ctx, await load(ctx, who, id));
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    dossierCode: d.dossierCode,
    resolvingAgency: d.resolvingAgency,
    cooperatingAgencies: d.cooperatingAgencies,
    handOvers: d.handOvers.map((h) => ({ ...h, at: iso(h.at), dueAt: iso(h.dueAt) })),
  };
}

/** The PDF of one form of the dossier, for staff who read it. */
export async function dossierForm(
  ctx: AppContext,
  who: DossierRequester,
  id: string,
  form: FormId,
  secret?: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const loaded = await load(ctx, who, id);
  const pdf = await renderers[form](ctx, loaded, secret);
  return { pdf, filename: `mau-${form}-${loaded.row.code ?? loaded.row.id}.pdf` };
}

const renderers: Record<FormId, (ctx: AppContext, l: Loaded, secret?: string) => Promise<Buffer>> = {
  '01': renderForm01,
  '02': renderForm02,
  '03': renderForm03,
  '04': renderForm04,
  '05': async (ctx, l) => l.set.render['05'](await form05Data(ctx, l)),
};
