// The catalogue's vocabulary and the shape of a procedure as officers write it and as exchange files hold it.
// One TypeBox schema serves the admin API, the JSON import and the XLSX import (after its cells are read), so a
// procedure is checked by the same rules whichever way it arrives. DOMAIN.md §3 lists what a record holds.
import { type Static, type TSchema, Type } from 'typebox';
import { FILE_TYPES } from '../../platform/files/file-type.ts';

/** A closed list of codes with their Vietnamese labels (what XLSX cells and the portal show). */
export interface Vocabulary<C extends string> {
  readonly codes: readonly C[];
  readonly name: string;
  label(code: C): string;
  /** The code of a label (or of the code itself), ignoring case and surrounding spaces; undefined if unknown. */
  codeOf(text: string): C | undefined;
}

function vocabulary<C extends string>(name: string, labels: Record<C, string>): Vocabulary<C> {
  const codes = Object.keys(labels) as C[];
  const byText = new Map<string, C>();
  for (const c of codes) {
    byText.set(c.toLowerCase(), c);
    byText.set(labels[c].toLowerCase(), c);
  }
  return { codes, name, label: (c) => labels[c], codeOf: (text) => byText.get(text.trim().toLowerCase()) };
}

/** Cấp thực hiện: the level of government that carries the procedure out. */
export const LEVELS = vocabulary('cấp thực hiện', { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' });
/** Đối tượng thực hiện. */
export const APPLICANT_TYPES = vocabulary('đối tượng thực hiện', {
  citizen: 'Công dân Việt Nam',
  overseas_vietnamese: 'Người Việt Nam định cư ở nước ngoài',
  foreigner: 'Người nước ngoài',
  household: 'Hộ kinh doanh',
  enterprise: 'Doanh nghiệp',
  cooperative: 'Hợp tác xã',
  organisation: 'Tổ chức khác',
});
/** Cách thức thực hiện: where a dossier is received. */
export const CHANNELS = vocabulary('kênh tiếp nhận', {
  desk: 'Trực tiếp',
  online: 'Trực tuyến',
  post: 'Bưu chính công ích',
});
/** A processing time applies to every channel (`any`) or to one of them. */
export const TIME_CHANNELS = vocabulary('kênh', {
  any: 'Mọi kênh',
  desk: 'Trực tiếp',
  online: 'Trực tuyến',
  post: 'Bưu chính công ích',
});
export const TIME_UNITS = vocabulary('đơn vị thời hạn', {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
});
/** Phí (a fee for a service) and lệ phí (a charge for the state's act), Law on Fees and Charges 2015. */
export const FEE_KINDS = vocabulary('loại', { fee: 'Phí', charge: 'Lệ phí' });
export const COMPONENT_FORMS = vocabulary('hình thức', {
  original: 'Bản chính',
  copy: 'Bản sao',
  original_or_copy: 'Bản chính hoặc bản sao',
  electronic: 'Bản điện tử',
});
export const RESULT_KINDS = vocabulary('loại kết quả', {
  licence: 'Giấy phép',
  certificate: 'Giấy chứng nhận',
  decision: 'Quyết định',
  other: 'Khác',
});
/** Decree 42/2022/NĐ-CP: toàn trình (everything online) or một phần (partly online). */
export const ONLINE_LEVELS = vocabulary('mức độ', { full: 'Toàn trình', partial: 'Một phần' });
/** Decree 43/2011 levels, repealed but still counted in reports: 2 forms online, 3 online submission, 4 full. */
export const LEGACY_LEVELS = [2, 3, 4] as const;

const OneOf = <C extends string>(v: Vocabulary<C>) => Type.Enum([...v.codes]);
const ListOf = <T extends TSchema>(item: T, minItems = 0) => Type.Array(item, { minItems, uniqueItems: true });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Closed = { additionalProperties: false } as const;

export const AGENCY_IDENTIFIER_PATTERN = '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$';
export const WORKFLOW_CODE_PATTERN = '^[A-Za-z0-9._-]{1,50}$';

export const ProcessingTime = Type.Object(
  {
    channel: OneOf(TIME_CHANNELS),
    value: Type.Number({ exclusiveMinimum: 0, maximum: 3650 }),
    unit: OneOf(TIME_UNITS),
  },
  Closed,
);

export const Fee = Type.Object(
  {
    kind: OneOf(FEE_KINDS),
    name: Text(300),
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Mức thu, đồng; 0 là miễn' }),
    condition: OrNull(Text(1000)),
  },
  Closed,
);

export const TemplateRef = Type.Object(
  { fileName: Text(255), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  Closed,
);

export const Component = Type.Object(
  {
    name: Text(1000),
    form: OneOf(COMPONENT_FORMS),
    copies: Type.Integer({ minimum: 1, maximum: 20 }),
    required: Type.Boolean(),
    template: OrNull(TemplateRef),
    acceptedTypes: ListOf(Type.Enum(Object.keys(FILE_TYPES)), 1),
    maxSizeMb: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  Closed,
);

/** The e-form: a JSON Schema (draft-07) for the data, and UI hints (@rjsf's uiSchema) for how to show it. */
export const EForm = Type.Object(
  {
    schema: Type.Object({}, { additionalProperties: true }),
    ui: Type.Object({}, { additionalProperties: true }),
  },
  Closed,
);

export const Offering = Type.Object(
  {
    agency: Type.String({ pattern: AGENCY_IDENTIFIER_PATTERN, description: 'Mã định danh cơ quan (QCVN 102)' }),
    workflow: OrNull(Type.String({ pattern: WORKFLOW_CODE_PATTERN, description: 'Mã quy trình áp dụng tại cơ quan' })),
  },
  Closed,
);

/** What a version holds: everything about a procedure except its code. */
export const ProcedureContent = Type.Object(
  {
    name: Text(500),
    field: Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,30}$' }), name: Text(300) }, Closed),
    managingAgency: Type.String({ pattern: AGENCY_IDENTIFIER_PATTERN }),
    levels: ListOf(OneOf(LEVELS), 1),
    applicantTypes: ListOf(OneOf(APPLICANT_TYPES), 1),
    processingTimes: Type.Array(ProcessingTime, { minItems: 1 }),
    fees: Type.Array(Fee),
    components: Type.Array(Component),
    eform: EForm,
    result: Type.Object({ name: Text(500), kind: OneOf(RESULT_KINDS), electronic: Type.Boolean() }, Closed),
    legalBasis: Type.Array(Text(1000)),
    conditions: OrNull(Text(5000)),
    onlineLevel: OneOf(ONLINE_LEVELS),
    legacyLevel: Type.Union([Type.Literal(2), Type.Literal(3), Type.Literal(4)]),
    receiptChannels: ListOf(OneOf(CHANNELS), 1),
    nationalPortal: Type.Object(
      { offered: Type.Boolean(), code: OrNull(Type.String({ pattern: '^[0-9A-Za-z.]{1,40}$' })) },
      Closed,
    ),
    offerings: Type.Array(Offering),
  },
  Closed,
);

/** One procedure in an exchange file: its code, its current version's content, and when that took effect. */
export const ProcedureRecord = Type.Object(
  {
    code: Type.String({ maxLength: 20 }),
    ...ProcedureContent.properties,
    validFrom: Type.String({ format: 'date' }),
  },
  Closed,
);

export const CATALOG_FORMAT = 'congso.catalog';
export const CATALOG_FORMAT_VERSION = 1;

/** A template file carried inside a JSON exchange file, so that the file is the whole catalogue. */
export const TemplateFile = Type.Object(
  {
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    contentType: Type.String({ maxLength: 200 }),
    contentBase64: Type.String({ maxLength: 30_000_000 }),
  },
  Closed,
);

export const CatalogFile = Type.Object(
  {
    format: Type.Literal(CATALOG_FORMAT),
    formatVersion: Type.Literal(CATALOG_FORMAT_VERSION),
    procedures: Type.Array(ProcedureRecord),
    templates: Type.Array(TemplateFile),
  },
  Closed,
);

export type ProcessingTimeT = Static<typeof ProcessingTime>;
export type FeeT = Static<typeof Fee>;
export type ComponentT = Static<typeof Component>;
export type ProcedureContentT = Static<typeof ProcedureContent>;
export type ProcedureRecordT = Static<typeof ProcedureRecord>;
export type CatalogFileT = Static<typeof CatalogFile>;
export type TemplateFileT = Static<typeof TemplateFile>;
export type Level = (typeof LEVELS.codes)[number];
export type OnlineLevel = (typeof ONLINE_LEVELS.codes)[number];
