// The rules a procedure's content must keep before it is stored or published, beyond the shape of its fields:
// the e-form is a JSON Schema that compiles, the components and processing times do not contradict themselves,
// the online level agrees with the legacy level and the receipt channels. Each problem names its field as a
// dotted path (`components.2.copies`), the same way the platform names fields of a bad request.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';
import { extensionOf, isFileType } from '../../platform/files/file-type.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import { fieldErrors } from '../../platform/http/validation-messages.ts';
import { type ProcedureContentT, ProcedureRecord, type ProcedureRecordT } from './model.ts';
import { isProcedureCode, PROCEDURE_CODE_RULE } from './procedure-code.ts';
import { TEMPLATE_TYPES } from './template-file.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// Records are checked as sent: no coercion, no defaults, every error reported.
const shapeAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats(shapeAjv);
const validateRecordShape = shapeAjv.compile(ProcedureRecord as TSchema);

// E-forms are checked strictly: an unknown keyword is a typing mistake or a UI hint in the wrong place (UI hints
// belong in `eform.ui`), and the browser's Ajv would refuse it too.
const eformAjv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
addFormats(eformAjv);

export const prefixed = (prefix: string, errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({ field: `${prefix}${e.field}`, message: e.message }));

/** Shape errors of a record (types, lengths, allowed values), or none. */
export function recordShapeErrors(value: unknown): FieldError[] {
  if (validateRecordShape(value)) return [];
  return fieldErrors((validateRecordShape.errors ?? []) as ErrorObject[]);
}

export function eformError(schema: object): string | null {
  if ((schema as { type?: unknown }).type !== 'object') {
    return 'Biểu mẫu điện tử phải là một JSON Schema có "type": "object" ở gốc.';
  }
  try {
    eformAjv.compile(schema);
    return null;
  } catch (err) {
    return `Biểu mẫu điện tử không phải là JSON Schema hợp lệ: ${(err as Error).message}`;
  } finally {
    // The e-form is compiled once to be checked: keep Ajv's cache from growing with every procedure.
    eformAjv.removeSchema(schema);
  }
}

/** The index of an earlier item with the same key, for each item that repeats one. */
function repeats<T>(items: readonly T[], key: (item: T) => string): [index: number, first: number][] {
  const seen = new Map<string, number>();
  const out: [number, number][] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push([i, first]);
  });
  return out;
}

const normalName = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

function componentErrors(c: ProcedureContentT): FieldError[] {
  const errors: FieldError[] = repeats(c.components, (x) => normalName(x.name)).map(([i, first]) => ({
    field: `components.${i}.name`,
    message: `Thành phần hồ sơ số ${i + 1} trùng tên với thành phần số ${first + 1}.`,
  }));
  c.components.forEach((x, i) => {
    if (x.form === 'electronic' && x.copies !== 1) {
      errors.push({ field: `components.${i}.copies`, message: 'Bản điện tử chỉ nộp 1 bản.' });
    }
    const ext = x.template && extensionOf(x.template.fileName);
    if (ext !== null && !(isFileType(ext ?? '') && TEMPLATE_TYPES.includes(ext as never))) {
      errors.push({
        field: `components.${i}.template.fileName`,
        message: `Tệp mẫu phải có phần mở rộng ${TEMPLATE_TYPES.map((t) => `.${t}`).join(', ')}.`,
      });
    }
  });
  return errors;
}

function levelErrors(c: ProcedureContentT): FieldError[] {
  const errors: FieldError[] = [];
  if ((c.onlineLevel === 'full') !== (c.legacyLevel === 4)) {
    errors.push({
      field: 'legacyLevel',
      message: 'Mức độ toàn trình tương ứng mức độ 4 cũ; mức độ một phần tương ứng mức độ 2 hoặc 3.',
    });
  }
  if (c.onlineLevel === 'full' && !c.receiptChannels.includes('online')) {
    errors.push({ field: 'receiptChannels', message: 'Thủ tục toàn trình phải tiếp nhận hồ sơ trực tuyến.' });
  }
  if (c.nationalPortal.offered && !c.nationalPortal.code) {
    errors.push({
      field: 'nationalPortal.code',
      message: 'Thủ tục cung cấp trên Cổng Dịch vụ công quốc gia cần có mã.',
    });
  }
  return errors;
}

/** Consistency errors of a version's content (its shape already checked). */
export function contentErrors(c: ProcedureContentT): FieldError[] {
  const eform = eformError(c.eform.schema);
  return [
    ...(eform ? [{ field: 'eform.schema', message: eform }] : []),
    ...componentErrors(c),
    ...repeats(c.processingTimes, (t) => t.channel).map(([i]) => ({
      field: `processingTimes.${i}.channel`,
      message: 'Mỗi kênh chỉ có một thời hạn giải quyết.',
    })),
    ...repeats(c.offerings, (o) => o.agency).map(([i]) => ({
      field: `offerings.${i}.agency`,
      message: 'Cơ quan này đã có trong danh sách nơi thực hiện.',
    })),
    ...(c.offerings.length === 0
      ? [{ field: 'offerings', message: 'Thủ tục phải được thực hiện tại ít nhất một cơ quan.' }]
      : []),
    ...levelErrors(c),
  ];
}

/** Every error of a record from an exchange file: shape first (the rest needs a well-formed record). */
export function recordErrors(value: unknown): FieldError[] {
  const shape = recordShapeErrors(value);
  if (shape.length) return shape;
  const record = value as ProcedureRecordT;
  return [
    ...(isProcedureCode(record.code) ? [] : [{ field: 'code', message: PROCEDURE_CODE_RULE }]),
    ...contentErrors(record),
  ];
}
