// The catalogue as a workbook for officers who work in Excel: one sheet of procedures, one of dossier components,
// one of fees and charges (column layout in docs/catalog.md). Writing is deterministic (fixed dates inside the
// file and in the zip), so export → import → export gives the same bytes. Reading turns rows back into exchange
// records and remembers which cell each field came from, so that every error names its sheet, row and column.
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../../platform/files/zip-time.ts';
import {
  APPLICANT_TYPES,
  CHANNELS,
  COMPONENT_FORMS,
  type ComponentT,
  FEE_KINDS,
  type FeeT,
  LEVELS,
  ONLINE_LEVELS,
  type ProcedureRecordT,
  RESULT_KINDS,
  type Vocabulary,
} from './model.ts';
import { formatProcessingTimes, parseProcessingTimes } from './processing-time.ts';

export const SHEETS = { procedures: 'Thủ tục', components: 'Thành phần hồ sơ', fees: 'Phí, lệ phí' } as const;
/** Excel's limit on the text of one cell. */
const CELL_LIMIT = 32_767;
/** The workbook's creation and modification date, fixed so that the file does not depend on when it was made. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

type Cell = string | number;
type Read = { ok: true; value: unknown } | { ok: false; message: string };

/** A column: its header, the record field it holds, and how a value is written to and read from a cell. */
interface Column<R> {
  header: string;
  path: string;
  width: number;
  write(r: R): Cell;
  read(text: string, cell: ExcelJS.CellValue): Read;
}

const ok = (value: unknown): Read => ({ ok: true, value });
const fail = (message: string): Read => ({ ok: false, message });
const YES = 'Có';
const NO = 'Không';
const LIST = '; ';

const text =
  (optional = false) =>
  (t: string) =>
    t === '' ? (optional ? ok(null) : fail('Ô này không được để trống.')) : ok(t);
const yesNo = (t: string) => {
  const v = t.toLowerCase();
  return v === YES.toLowerCase() ? ok(true) : v === NO.toLowerCase() ? ok(false) : fail(`Cần "${YES}" hoặc "${NO}".`);
};
const integer = (t: string) => (/^-?\d+$/.test(t) ? ok(Number(t)) : fail('Cần một số nguyên.'));
const oneLabel =
  <C extends string>(v: Vocabulary<C>) =>
  (t: string) => {
    const code = v.codeOf(t);
    return code ? ok(code) : fail(`"${t}" không phải là ${v.name} hợp lệ (${v.codes.map(v.label).join(', ')}).`);
  };
const labels =
  <C extends string>(v: Vocabulary<C>) =>
  (t: string) => {
    const parts = t
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean);
    const codes = parts.map((p) => v.codeOf(p));
    const bad = parts.find((_, i) => !codes[i]);
    if (bad !== undefined) return fail(`"${bad}" không phải là ${v.name} hợp lệ (${v.codes.map(v.label).join(', ')}).`);
    return ok(codes);
  };
const lines = (t: string) =>
  ok(
    t
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );

/** Dates are written dd/mm/yyyy as Vietnamese readers expect; a cell Excel turned into a date is read too. */
const formatDate = (iso: string) => iso.split('-').reverse().join('/');
function readDate(t: string, cell: ExcelJS.CellValue): Read {
  if (cell instanceof Date) return ok(cell.toISOString().slice(0, 10));
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  return m ? ok(`${m[3]}-${m[2]}-${m[1]}`) : fail('Cần một ngày dạng dd/mm/yyyy.');
}

/** A procedure code Excel has turned into a number (1.00119 from "1.001190") is given back its six decimals. */
const readCode = (t: string, cell: ExcelJS.CellValue) => ok(typeof cell === 'number' ? cell.toFixed(6) : t);

function readOfferings(t: string): Read {
  const entries = t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return ok(
    entries.map((e) => {
      const [agency, workflow] = e.split(':').map((p) => p.trim());
      return { agency, workflow: workflow || null };
    }),
  );
}

function readJson(t: string): Read {
  try {
    return ok(JSON.parse(t));
  } catch {
    return fail('Ô này phải chứa JSON hợp lệ.');
  }
}

const PROCEDURE_COLUMNS: Column<ProcedureRecordT>[] = [
  { header: 'Mã thủ tục', path: 'code', width: 12, write: (r) => r.code, read: readCode },
  { header: 'Tên thủ tục', path: 'name', width: 60, write: (r) => r.name, read: text() },
  { header: 'Mã lĩnh vực', path: 'field.code', width: 12, write: (r) => r.field.code, read: text() },
  { header: 'Tên lĩnh vực', path: 'field.name', width: 30, write: (r) => r.field.name, read: text() },
  { header: 'Cơ quan quản lý', path: 'managingAgency', width: 16, write: (r) => r.managingAgency, read: text() },
  {
    header: 'Cấp thực hiện',
    path: 'levels',
    width: 16,
    write: (r) => r.levels.map(LEVELS.label).join(LIST),
    read: labels(LEVELS),
  },
  {
    header: 'Đối tượng thực hiện',
    path: 'applicantTypes',
    width: 30,
    write: (r) => r.applicantTypes.map(APPLICANT_TYPES.label).join(LIST),
    read: labels(APPLICANT_TYPES),
  },
  {
    header: 'Thời hạn giải quyết',
    path: 'processingTimes',
    width: 30,
    write: (r) => formatProcessingTimes(r.processingTimes),
    read: (t) => {
      const parsed = parseProcessingTimes(t);
      return parsed.ok ? ok(parsed.value) : fail(parsed.message);
    },
  },
  {
    header: 'Mức độ',
    path: 'onlineLevel',
    width: 12,
    write: (r) => ONLINE_LEVELS.label(r.onlineLevel),
    read: oneLabel(ONLINE_LEVELS),
  },
  { header: 'Mức độ cũ (2, 3, 4)', path: 'legacyLevel', width: 10, write: (r) => r.legacyLevel, read: integer },
  {
    header: 'Kênh tiếp nhận',
    path: 'receiptChannels',
    width: 30,
    write: (r) => r.receiptChannels.map(CHANNELS.label).join(LIST),
    read: labels(CHANNELS),
  },
  { header: 'Tên kết quả', path: 'result.name', width: 30, write: (r) => r.result.name, read: text() },
  {
    header: 'Loại kết quả',
    path: 'result.kind',
    width: 16,
    write: (r) => RESULT_KINDS.label(r.result.kind),
    read: oneLabel(RESULT_KINDS),
  },
  {
    header: 'Kết quả điện tử',
    path: 'result.electronic',
    width: 10,
    write: (r) => (r.result.electronic ? YES : NO),
    read: yesNo,
  },
  { header: 'Căn cứ pháp lý', path: 'legalBasis', width: 50, write: (r) => r.legalBasis.join('\n'), read: lines },
  { header: 'Điều kiện thực hiện', path: 'conditions', width: 40, write: (r) => r.conditions ?? '', read: text(true) },
  {
    header: 'Cung cấp trên Cổng DVCQG',
    path: 'nationalPortal.offered',
    width: 10,
    write: (r) => (r.nationalPortal.offered ? YES : NO),
    read: yesNo,
  },
  {
    header: 'Mã trên Cổng DVCQG',
    path: 'nationalPortal.code',
    width: 24,
    write: (r) => r.nationalPortal.code ?? '',
    read: text(true),
  },
  {
    header: 'Nơi thực hiện (mã cơ quan: mã quy trình)',
    path: 'offerings',
    width: 30,
    write: (r) => r.offerings.map((o) => (o.workflow ? `${o.agency}: ${o.workflow}` : o.agency)).join('\n'),
    read: readOfferings,
  },
  { header: 'Hiệu lực từ', path: 'validFrom', width: 12, write: (r) => formatDate(r.validFrom), read: readDate },
  {
    header: 'Biểu mẫu điện tử (JSON)',
    path: 'eform',
    width: 40,
    write: (r) => JSON.stringify(r.eform),
    read: readJson,
  },
];

type Item<T> = { code: string; n: number; item: T };

const CODE_COLUMN = { header: 'Mã thủ tục', path: '#code', width: 12, read: readCode };
const ORDER_COLUMN = { header: 'STT', path: '#n', width: 6, read: integer };
const COMPONENT_COLUMNS: Column<Item<ComponentT>>[] = [
  { ...CODE_COLUMN, write: (r) => r.code },
  { ...ORDER_COLUMN, write: (r) => r.n },
  { header: 'Tên thành phần', path: 'name', width: 60, write: (r) => r.item.name, read: text() },
  {
    header: 'Hình thức',
    path: 'form',
    width: 20,
    write: (r) => COMPONENT_FORMS.label(r.item.form),
    read: oneLabel(COMPONENT_FORMS),
  },
  { header: 'Số bản', path: 'copies', width: 8, write: (r) => r.item.copies, read: integer },
  { header: 'Bắt buộc', path: 'required', width: 10, write: (r) => (r.item.required ? YES : NO), read: yesNo },
  {
    header: 'Tệp mẫu',
    path: 'template.fileName',
    width: 30,
    write: (r) => r.item.template?.fileName ?? '',
    read: text(true),
  },
  {
    header: 'Mã băm tệp mẫu (SHA-256)',
    path: 'template.sha256',
    width: 20,
    write: (r) => r.item.template?.sha256 ?? '',
    read: text(true),
  },
  {
    header: 'Định dạng chấp nhận',
    path: 'acceptedTypes',
    width: 20,
    write: (r) => r.item.acceptedTypes.join(LIST),
    read: (t) =>
      ok(
        t
          .split(';')
          .map((p) => p.trim().toLowerCase())
          .filter(Boolean),
      ),
  },
  { header: 'Dung lượng tối đa (MB)', path: 'maxSizeMb', width: 10, write: (r) => r.item.maxSizeMb, read: integer },
];

const FEE_COLUMNS: Column<Item<FeeT>>[] = [
  { ...CODE_COLUMN, write: (r) => r.code },
  { ...ORDER_COLUMN, write: (r) => r.n },
  { header: 'Loại', path: 'kind', width: 10, write: (r) => FEE_KINDS.label(r.item.kind), read: oneLabel(FEE_KINDS) },
  { header: 'Tên phí, lệ phí', path: 'name', width: 40, write: (r) => r.item.name, read: text() },
  { header: 'Mức thu (đồng)', path: 'amount', width: 14, write: (r) => r.item.amount, read: integer },
  { header: 'Điều kiện áp dụng', path: 'condition', width: 40, write: (r) => r.item.condition ?? '', read: text(true) },
];

// ---------- writing ----------

function addSheet<R>(wb: ExcelJS.Workbook, name: string, columns: Column<R>[], rows: R[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const values = columns.map((c) => c.write(r));
    const tooLong = values.findIndex((v) => typeof v === 'string' && v.length > CELL_LIMIT);
    if (tooLong >= 0) {
      throw new Error(`Ô "${columns[tooLong]!.header}" của ${name} vượt quá ${CELL_LIMIT} ký tự mà Excel cho phép.`);
    }
    ws.addRow(values);
  }
}

const itemsOf = <T>(records: ProcedureRecordT[], pick: (r: ProcedureRecordT) => T[]): Item<T>[] =>
  records.flatMap((r) => pick(r).map((item, i) => ({ code: r.code, n: i + 1, item })));

export async function writeWorkbook(records: ProcedureRecordT[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'congso';
  wb.lastModifiedBy = 'congso';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  addSheet(wb, SHEETS.procedures, PROCEDURE_COLUMNS, records);
  addSheet(
    wb,
    SHEETS.components,
    COMPONENT_COLUMNS,
    itemsOf(records, (r) => r.components),
  );
  addSheet(
    wb,
    SHEETS.fees,
    FEE_COLUMNS,
    itemsOf(records, (r) => r.fees),
  );
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()));
}

// ---------- reading ----------

/** Where a value came from: "Thủ tục!C5", and the words that say so. */
export interface CellLocation {
  sheet: string;
  row: number;
  column: string;
  header: string;
}

export interface CellError extends CellLocation {
  message: string;
}

export interface WorkbookContent {
  /** Records as read, not yet checked: the importer checks them like records of a JSON file. */
  records: Record<string, unknown>[];
  /** The cell a field of record `index` came from (the row's code cell when no closer cell is known). */
  locate(index: number, path: string): CellLocation;
  errors: CellError[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text).trim();
  return '';
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) {
    at[k] ??= {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

interface SheetRow {
  row: number;
  values: Record<string, unknown>;
}

/** Reads a sheet's rows into objects by column path; cell errors are collected, the row is kept. */
function readSheet<R>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column<R>[],
  errors: CellError[],
): { rows: SheetRow[]; columnOf: Map<string, CellLocation> } {
  const ws = wb.getWorksheet(name);
  const columnOf = new Map<string, CellLocation>();
  if (!ws) {
    errors.push({ sheet: name, row: 1, column: 'A', header: '', message: `Tệp thiếu sheet "${name}".` });
    return { rows: [], columnOf };
  }
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell.value);
    if (h && !columns.some((c) => c.header === h)) {
      errors.push({
        sheet: name,
        row: 1,
        column: cell.address.replace(/\d+$/, ''),
        header: h,
        message: `Cột "${h}" không có trong mẫu.`,
      });
    }
    headers.set(h, col);
  });
  for (const c of columns) {
    const col = headers.get(c.header);
    if (col === undefined) {
      errors.push({ sheet: name, row: 1, column: '', header: c.header, message: `Thiếu cột "${c.header}".` });
    }
  }
  const rows: SheetRow[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, unknown> = {};
    const cells = columns.map((c) => {
      const col = headers.get(c.header);
      const cell = col === undefined ? null : row.getCell(col);
      return { c, cell, t: cell ? cellText(cell.value) : '' };
    });
    if (cells.every((x) => x.t === '')) return; // a blank line between rows is not an error
    cells.forEach(({ c, cell, t }) => {
      const where = { sheet: name, row: n, column: cell ? cell.address.replace(/\d+$/, '') : '', header: c.header };
      const read = c.read(t, cell?.value ?? null);
      if (read.ok) setPath(values, c.path, read.value);
      else errors.push({ ...where, message: read.message });
    });
    rows.push({ row: n, values });
  });
  for (const c of columns) {
    const col = headers.get(c.header);
    columnOf.set(c.path, { sheet: name, row: 0, column: col ? ws.getColumn(col).letter : '', header: c.header });
  }
  return { rows, columnOf };
}

export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookContent> {
  const wb = new ExcelJS.Workbook();
  const errors: CellError[] = [];
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      records: [],
      locate: () => ({ sheet: '', row: 0, column: '', header: '' }),
      errors: [
        {
          sheet: '',
          row: 0,
          column: '',
          header: '',
          message: 'Tệp không phải là một bảng tính Excel (.xlsx) đọc được.',
        },
      ],
    };
  }
  const procedures = readSheet(wb, SHEETS.procedures, PROCEDURE_COLUMNS, errors);
  const components = readSheet(wb, SHEETS.components, COMPONENT_COLUMNS, errors);
  const fees = readSheet(wb, SHEETS.fees, FEE_COLUMNS, errors);

  const records = procedures.rows.map((r) => ({ ...r.values, components: [], fees: [] }) as Record<string, unknown>);
  const indexOf = new Map(records.map((r, i) => [String(r.code), i]));
  // For each record: the sheet row of each of its components and fees, in STT order.
  const itemRows: { components: number[]; fees: number[] }[] = records.map(() => ({ components: [], fees: [] }));

  const attach = (kind: 'components' | 'fees', { rows, columnOf }: ReturnType<typeof readSheet>) => {
    const byRecord = new Map<number, { n: number; row: number; item: Record<string, unknown> }[]>();
    for (const r of rows) {
      const { '#code': code, '#n': n, ...item } = r.values;
      const index = indexOf.get(String(code));
      if (index === undefined) {
        const message = `Không có thủ tục mã ${String(code)} trong sheet "${SHEETS.procedures}".`;
        errors.push({ ...columnOf.get('#code')!, row: r.row, message });
        continue;
      }
      const list = byRecord.get(index) ?? [];
      if (list.some((x) => x.n === n)) {
        const message = `STT ${String(n)} bị trùng trong thủ tục ${String(code)}.`;
        errors.push({ ...columnOf.get('#n')!, row: r.row, message });
      }
      list.push({ n: Number(n), row: r.row, item: kind === 'components' ? withTemplate(item) : item });
      byRecord.set(index, list);
    }
    for (const [index, list] of byRecord) {
      list.sort((a, b) => a.n - b.n);
      records[index]![kind] = list.map((x) => x.item);
      itemRows[index]![kind] = list.map((x) => x.row);
    }
  };
  attach('components', components);
  attach('fees', fees);

  const locate = (index: number, path: string): CellLocation => {
    const item = /^(components|fees)\.(\d+)(?:\.(.*))?$/.exec(path);
    if (item) {
      const kind = item[1] as 'components' | 'fees';
      const row = itemRows[index]?.[kind][Number(item[2])];
      const columns = kind === 'components' ? components.columnOf : fees.columnOf;
      const sub = item[3] ?? '';
      const column = columns.get(sub) ?? columns.get(sub.split('.')[0]!) ?? columns.get('#code')!;
      if (row !== undefined) return { ...column, row };
    }
    const row = procedures.rows[index]?.row ?? 0;
    const parts = path.split('.');
    for (let n = parts.length; n > 0; n--) {
      const column = procedures.columnOf.get(parts.slice(0, n).join('.'));
      if (column) return { ...column, row };
    }
    return { ...procedures.columnOf.get('code')!, row };
  };
  return { records, locate, errors };
}

/** Template columns left empty mean "no template". */
function withTemplate(item: Record<string, unknown>): Record<string, unknown> {
  const template = item.template as { fileName: string | null; sha256: string | null } | undefined;
  if (!template || (!template.fileName && !template.sha256)) return { ...item, template: null };
  return { ...item, template: { fileName: template.fileName ?? '', sha256: template.sha256 ?? '' } };
}
