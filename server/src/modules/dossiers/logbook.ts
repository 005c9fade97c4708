// Form 06, the desk's log book (sổ theo dõi hồ sơ): the dossiers received at a unit over a period, in the order of
// receipt (index `dossier_receiving`), as JSON rows, as the A4 PDF and as a workbook. The same rows give the same
// bytes: the PDF's dates come from the data and the workbook's zip entries carry one fixed time.
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fixZipTimestamps } from '../../platform/files/zip-time.ts';
import { invalidField } from '../../platform/http/problem.ts';
import { formatIsoDate, formatVnDate, parseIsoDate, vnMidnight } from '../calendar/vn-time.ts';
import { formIssuer, getAgency } from '../org/service.ts';
import { formSetOn } from '../paperwork/form-sets.ts';
import type { LogbookRow } from '../paperwork/forms.ts';
import type { WorkflowDefinition } from '../workflow/definition.ts';
import type { Effect } from '../workflow/effects.ts';
import { workflowVersion } from '../workflow/service.ts';

export interface LogbookQuery {
  unit: string;
  from: string;
  to: string;
}

const MAX_DAYS = 366;

function period(q: LogbookQuery) {
  const day = (field: 'from' | 'to', text: string) => {
    try {
      return parseIsoDate(text);
    } catch {
      throw invalidField(field, 'Ngày phải có dạng YYYY-MM-DD.');
    }
  };
  const from = day('from', q.from);
  const to = day('to', q.to);
  if (to < from) throw invalidField('to', 'Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ.');
  if (to - from >= MAX_DAYS) throw invalidField('to', `Mỗi lần xem sổ tối đa ${MAX_DAYS} ngày.`);
  return { from, to, start: new Date(vnMidnight(from)), end: new Date(vnMidnight(to + 1)) };
}

type Def = WorkflowDefinition;

/** When the desk handed the dossier on, and when the result came back (the first step showing `resolved`). */
function milestones(events: { at: Date; to_step: string; effects: unknown }[], def: Def) {
  const resolvedSteps = new Set(def.steps.filter((s) => s.status === 'resolved').map((s) => s.id));
  const handover = events.find((e) => (e.effects as Effect[]).some((f) => f.type === 'handover.record'));
  const resolved = events.find((e) => resolvedSteps.has(e.to_step));
  return { transferredAt: handover?.at.getTime() ?? null, resultReceivedAt: resolved?.at.getTime() ?? null };
}

export async function logbookRows(ctx: AppContext, actor: Actor, q: LogbookQuery) {
  const db = ctx.database.db;
  await assertCan(db, actor, 'dossier.read', q.unit);
  const p = period(q);
  const dossiers = await db
    .selectFrom('dossier as d')
    .innerJoin('agency as a', 'a.id', 'd.resolving_agency_id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_name',
      'd.applicant_name',
      'd.applicant',
      'd.applicant_phone',
      'd.received_at',
      'd.original_due_at',
      'd.returned_at',
      'd.status',
      'd.workflow_code',
      'd.workflow_version',
      'a.name as resolving_name',
    ])
    .where('d.receiving_unit_id', '=', q.unit)
    .where('d.received_at', '>=', p.start)
    .where('d.received_at', '<', p.end)
    .orderBy('d.received_at')
    .orderBy('d.code')
    .execute();
  const ids = dossiers.map((d) => d.id);
  const events = ids.length
    ? await db
        .selectFrom('dossier_event')
        .select(['dossier_id', 'at', 'to_step', 'effects'])
        .where('dossier_id', 'in', ids)
        .orderBy('dossier_id')
        .orderBy('seq')
        .execute()
    : [];
  const defs = new Map<string, Def>();
  const rows: LogbookRow[] = [];
  for (const d of dossiers) {
    const key = `${d.workflow_code}@${d.workflow_version}`;
    if (!defs.has(key)) defs.set(key, await workflowVersion(db, d.workflow_code, d.workflow_version));
    const address = (d.applicant as { address?: string | null }).address;
    rows.push({
      dossierCode: d.code ?? '',
      procedure: d.procedure_name,
      sets: 1,
      applicant: d.applicant_name,
      contact: [address, d.applicant_phone].filter(Boolean).join(', '),
      resolvingAgency: d.resolving_name,
      receivedAt: d.received_at!.getTime(),
      dueAt: (d.original_due_at ?? d.received_at!).getTime(),
      ...milestones(
        events.filter((e) => e.dossier_id === d.id),
        defs.get(key)!,
      ),
      returnedAt: d.returned_at?.getTime() ?? null,
      ...(d.status === 'refused' || d.status === 'withdrawn' || d.status === 'cancelled'
        ? { note: d.status === 'refused' ? 'Từ chối' : d.status === 'withdrawn' ? 'Rút hồ sơ' : 'Hủy' }
        : {}),
    });
  }
  return { period: `Từ ngày ${formatVnDate(p.from)} đến ngày ${formatVnDate(p.to)}`, end: p.end.getTime(), rows };
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export async function logbookJson(ctx: AppContext, actor: Actor, q: LogbookQuery) {
  const { period: label, rows } = await logbookRows(ctx, actor, q);
  const unit = await getAgency(ctx, q.unit);
  return {
    unit: { id: unit.id, name: unit.name },
    period: label,
    items: rows.map((r) => ({
      ...r,
      receivedAt: iso(r.receivedAt),
      dueAt: iso(r.dueAt),
      transferredAt: iso(r.transferredAt),
      resultReceivedAt: iso(r.resultReceivedAt),
      returnedAt: iso(r.returnedAt),
      note: r.note ?? null,
    })),
  };
}

export async function logbookPdf(ctx: AppContext, actor: Actor, q: LogbookQuery): Promise<Buffer> {
  const { period: label, end, rows } = await logbookRows(ctx, actor, q);
  // Dated at the end of the period (never "now"), so that the same period prints the same bytes; in the form set
  // in force on that day.
  const form06 = formSetOn(formatIsoDate(period(q).to)).render['06'];
  return form06({ issuer: await formIssuer(ctx, q.unit), at: end - 1, period: label, rows });
}

const COLUMNS: [header: string, width: number, value: (r: LogbookRow) => string | number][] = [
  ['Mã hồ sơ', 28, (r) => r.dossierCode],
  ['Tên thủ tục hành chính', 40, (r) => r.procedure],
  ['Số lượng hồ sơ (bộ)', 10, (r) => r.sets],
  ['Tên cá nhân, tổ chức', 28, (r) => r.applicant],
  ['Địa chỉ, số điện thoại', 36, (r) => r.contact],
  ['Cơ quan chủ trì giải quyết', 30, (r) => r.resolvingAgency],
  ['Nhận hồ sơ', 18, (r) => vnText(r.receivedAt)],
  ['Hẹn trả kết quả', 18, (r) => vnText(r.dueAt)],
  ['Chuyển hồ sơ đến cơ quan giải quyết', 18, (r) => vnText(r.transferredAt)],
  ['Nhận kết quả từ cơ quan giải quyết', 18, (r) => vnText(r.resultReceivedAt)],
  ['Trả kết quả cho cá nhân, tổ chức', 18, (r) => vnText(r.returnedAt)],
  ['Ghi chú', 16, (r) => r.note ?? ''],
];

/** "dd/mm/yyyy hh:mm" in Vietnam's time, as text so that no spreadsheet shifts it by its own zone. */
function vnText(t: number | null): string {
  if (t === null) return '';
  const s = new Date(t + 7 * 3_600_000).toISOString();
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`;
}

export async function logbookXlsx(ctx: AppContext, actor: Actor, q: LogbookQuery): Promise<Buffer> {
  const { period: label, end, rows } = await logbookRows(ctx, actor, q);
  const unit = await getAgency(ctx, q.unit);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'congso';
  wb.lastModifiedBy = 'congso';
  wb.created = new Date(end);
  wb.modified = new Date(end);
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ');
  ws.addRow([`SỔ THEO DÕI HỒ SƠ — ${unit.name}`]);
  ws.addRow([label]);
  ws.addRow(['TT', ...COLUMNS.map(([h]) => h)]).font = { bold: true };
  ws.columns = [{ width: 6 }, ...COLUMNS.map(([, width]) => ({ width }))];
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...COLUMNS.map(([, , value]) => value(r))]);
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()));
}
