// The template language of result documents: a JSON list of blocks (heading, title, paragraph, field, table,
// signature), whose texts may name values of the dossier as {{placeholders}}. Nothing in it runs: a placeholder is
// a path into a fixed view of the dossier (VIEW_PATHS, and eform.<field> for the e-form fields of the template's
// procedures), checked when the template is saved and replaced by its value, once, when a result is rendered. Pure.
import { type Static, Type } from 'typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const Heading = Type.Object(
  { type: Type.Literal('heading') },
  {
    additionalProperties: false,
    description: 'Phần đầu theo Nghị định 30: tên cơ quan, số và ký hiệu, Quốc hiệu, tiêu ngữ, địa danh và ngày',
  },
);
const Title = Type.Object(
  {
    type: Type.Literal('title'),
    text: Text(500),
    lines: Type.Optional(Type.Array(Text(500), { maxItems: 5 })),
  },
  { additionalProperties: false, description: 'Tên loại văn bản (chữ in hoa, đậm) và các dòng dưới nó' },
);
const Paragraph = Type.Object(
  {
    type: Type.Literal('paragraph'),
    text: Text(4000),
    style: Type.Optional(Type.Enum(['regular', 'bold', 'italic'])),
    indent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
const Field = Type.Object(
  { type: Type.Literal('field'), label: Text(500), value: Text(1000) },
  { additionalProperties: false, description: '"Nhãn: giá trị", giá trị in đậm' },
);
const Column = Type.Object(
  {
    header: Text(200),
    width: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Phần bề rộng dòng chữ' }),
    align: Type.Optional(Type.Enum(['left', 'center', 'right'])),
  },
  { additionalProperties: false },
);
const Table = Type.Object(
  {
    type: Type.Literal('table'),
    columns: Type.Array(Column, { minItems: 1, maxItems: 12 }),
    rows: Type.Array(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 12 }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
const Signature = Type.Object(
  {
    type: Type.Literal('signature'),
    signers: Type.Array(
      Type.Object(
        { authority: Type.Optional(Text(200)) },
        { additionalProperties: false, description: 'Thẩm quyền ký, ví dụ "TM. ỦY BAN NHÂN DÂN"' },
      ),
      { minItems: 1, maxItems: 2 },
    ),
    recipients: Type.Optional(Type.Array(Text(300), { maxItems: 20, description: 'Nơi nhận' })),
  },
  { additionalProperties: false, description: 'Chỗ ký số của từng người ký, nơi nhận bên trái' },
);

export const Block = Type.Union([Heading, Title, Paragraph, Field, Table, Signature]);
export type Block = Static<typeof Block>;

export const TemplateDefinition = Type.Object(
  {
    paper: Type.Enum(['A4', 'A5']),
    symbol: Type.Optional(
      Type.String({
        pattern: '^[A-ZĐ0-9][A-ZĐ0-9-]{0,30}$',
        description: 'Ký hiệu của số văn bản, ví dụ QĐ-UBND; có ký hiệu thì mỗi kết quả được cấp số',
      }),
    ),
    blocks: Type.Array(Block, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type TemplateDefinition = Static<typeof TemplateDefinition>;

/** The values a template may name, with what each one is (shown to administrators writing templates). */
export const VIEW_PATHS = {
  'dossier.code': 'Mã hồ sơ',
  'dossier.receivedDate': 'Ngày tiếp nhận hồ sơ (dd/mm/yyyy)',
  'procedure.code': 'Mã thủ tục hành chính',
  'procedure.name': 'Tên thủ tục hành chính',
  'procedure.result': 'Tên kết quả giải quyết của thủ tục',
  'applicant.name': 'Họ và tên (tên tổ chức) người nộp hồ sơ',
  'applicant.identityNumber': 'Số định danh cá nhân của người nộp',
  'applicant.address': 'Địa chỉ của người nộp',
  'applicant.phone': 'Số điện thoại của người nộp',
  'applicant.email': 'Thư điện tử của người nộp',
  'agency.name': 'Tên cơ quan ban hành',
  'agency.nameUpper': 'Tên cơ quan ban hành, chữ in hoa',
  'agency.superior': 'Tên cơ quan cấp trên trực tiếp',
  'agency.place': 'Địa danh (tỉnh)',
  'document.number': 'Số của văn bản (05)',
  'document.symbol': 'Ký hiệu của văn bản (QĐ-UBND)',
  'document.numberSymbol': 'Số và ký hiệu (05/QĐ-UBND)',
  'document.date': 'Ngày ban hành (dd/mm/yyyy)',
  'document.writtenDate': 'Ngày ban hành viết đầy đủ (ngày 05 tháng 01 năm 2026)',
  'document.year': 'Năm ban hành',
} as const;
export type ViewPath = keyof typeof VIEW_PATHS;

/** The filled-in view of one dossier: every path of VIEW_PATHS, and the e-form's fields by name. */
export interface ResultView {
  values: Record<ViewPath, string | null>;
  eform: Record<string, unknown>;
}

export interface Problem {
  path: string;
  message: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
const EFORM = /^eform\.([A-Za-z_][A-Za-z0-9_]*)$/;
// Own keys only: `constructor` or `toString` name nothing, whatever Object.prototype holds.
const isViewPath = (name: string): name is ViewPath => Object.hasOwn(VIEW_PATHS, name);
/** What a reader sees where the dossier has no value (the convention of paper forms). */
export const BLANK = '…';

type Text = { path: string; text: string };

/** The texts of one block that may hold placeholders, with their paths below `at`. */
function blockTexts(block: Block, at: string): (Text | null)[] {
  const of = (path: string, text: string | undefined) => (text === undefined ? null : { path: `${at}.${path}`, text });
  switch (block.type) {
    case 'heading':
      return [];
    case 'title':
      return [of('text', block.text), ...(block.lines ?? []).map((line, j) => of(`lines[${j}]`, line))];
    case 'paragraph':
      return [of('text', block.text)];
    case 'field':
      return [of('label', block.label), of('value', block.value)];
    case 'table':
      return [
        ...block.columns.map((c, j) => of(`columns[${j}].header`, c.header)),
        ...block.rows.flatMap((row, r) => row.map((cell, c) => of(`rows[${r}][${c}]`, cell))),
      ];
    case 'signature':
      return [
        ...block.signers.map((signer, j) => of(`signers[${j}].authority`, signer.authority)),
        ...(block.recipients ?? []).map((line, j) => of(`recipients[${j}]`, line)),
      ];
  }
}

/** Every text of the definition that may hold placeholders, with its path in the definition. */
export const texts = (def: TemplateDefinition): Text[] =>
  def.blocks.flatMap((block, i) => blockTexts(block, `blocks[${i}]`)).filter((t): t is Text => t !== null);

/** The placeholders of one text, as written between the braces. */
export const placeholdersOf = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/**
 * What is wrong with a definition that already has the schema's shape: placeholders that name nothing in the view
 * (with the path that holds them, in Vietnamese), braces that do not form a placeholder, tables whose rows do not
 * match their columns, two headings, a signature row too wide for the page. `eformFields` are the e-form fields of
 * the template's procedures, or null for a template meant for any procedure (which may not use them).
 */
export function templateProblems(def: TemplateDefinition, eformFields: ReadonlySet<string> | null): Problem[] {
  const problems: Problem[] = [];
  for (const { path, text } of texts(def)) {
    for (const name of placeholdersOf(text)) {
      const message = placeholderProblem(name, eformFields);
      if (message) problems.push({ path, message });
    }
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) {
      problems.push({ path, message: 'Dấu {{ }} phải bao quanh đúng một trường, ví dụ {{applicant.name}}.' });
    }
  }
  def.blocks.forEach((block, i) => {
    if (block.type === 'table') {
      block.rows.forEach((row, r) => {
        if (row.length !== block.columns.length) {
          problems.push({
            path: `blocks[${i}].rows[${r}]`,
            message: `Dòng có ${row.length} ô nhưng bảng có ${block.columns.length} cột.`,
          });
        }
      });
      const total = block.columns.reduce((sum, c) => sum + c.width, 0);
      if (total > 1.001) {
        problems.push({ path: `blocks[${i}].columns`, message: 'Tổng bề rộng các cột vượt quá bề rộng dòng chữ (1).' });
      }
    }
    if (block.type === 'signature' && block.recipients?.length && block.signers.length > 1) {
      problems.push({
        path: `blocks[${i}].recipients`,
        message: 'Hàng chữ ký có hai người ký thì không còn chỗ cho "Nơi nhận".',
      });
    }
  });
  const headings = def.blocks.flatMap((b, i) => (b.type === 'heading' ? [i] : []));
  for (const i of headings.slice(1)) problems.push({ path: `blocks[${i}]`, message: 'Mẫu chỉ có một phần đầu.' });
  return problems;
}

function placeholderProblem(name: string, eformFields: ReadonlySet<string> | null): string | null {
  if (!PATH.test(name)) return `"{{${name}}}" không phải là tên trường hợp lệ.`;
  if (isViewPath(name)) return null;
  const field = EFORM.exec(name)?.[1];
  if (field === undefined) return `Không có trường {{${name}}} trong dữ liệu hồ sơ dùng cho mẫu.`;
  if (eformFields === null) {
    return `Mẫu dùng cho mọi thủ tục không được dùng trường tờ khai {{${name}}}: hãy chỉ rõ thủ tục áp dụng.`;
  }
  return eformFields.has(field) ? null : `Tờ khai của thủ tục áp dụng không có trường {{${name}}}.`;
}

/** How one e-form value prints: dates as dd/mm/yyyy, yes/no in Vietnamese, lists joined, nothing as a blank. */
export function printed(value: unknown): string {
  if (value === null || value === undefined || value === '') return BLANK;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(printed).join(', ') : BLANK;
  if (typeof value !== 'string') return BLANK;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return date ? `${date[3]}/${date[2]}/${date[1]}` : value;
}

/** The value a placeholder names; a placeholder the view lacks prints as a blank. */
export function resolve(name: string, view: ResultView): string {
  if (isViewPath(name)) return view.values[name] || BLANK;
  const field = EFORM.exec(name)?.[1];
  return field === undefined || !Object.hasOwn(view.eform, field) ? BLANK : printed(view.eform[field]);
}

/** The text with each placeholder replaced by its value, in one pass: a value is never read as a placeholder. */
export const fill = (text: string, view: ResultView) =>
  text.replace(PLACEHOLDER, (_, name: string) => resolve(name, view));
