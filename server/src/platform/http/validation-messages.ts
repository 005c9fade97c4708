// Ajv's errors in Vietnamese, each naming the field as the client sent it.
import type { FieldError } from './problem.ts';

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'một chuỗi ký tự',
  number: 'một số',
  integer: 'một số nguyên',
  boolean: 'true hoặc false',
  object: 'một đối tượng',
  array: 'một danh sách',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'địa chỉ thư điện tử',
  uuid: 'mã định danh (UUID)',
  date: 'ngày (yyyy-mm-dd)',
  'date-time': 'thời điểm ISO 8601',
  uri: 'địa chỉ URL',
};

function fieldPath(error: AjvLikeError): string {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const child = (error.params.missingProperty ?? error.params.additionalProperty) as string | undefined;
  return [base, child].filter(Boolean).join('.') || '(toàn bộ)';
}

function describe(error: AjvLikeError, field: string): string {
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return `Thiếu trường bắt buộc "${field}".`;
    case 'additionalProperties':
      return `Trường "${field}" không được chấp nhận.`;
    case 'type':
      return `Trường "${field}" phải là ${TYPE_NAMES[String(p.type)] ?? String(p.type)}.`;
    case 'format':
      return `Trường "${field}" phải là ${FORMAT_NAMES[String(p.format)] ?? `định dạng ${String(p.format)}`}.`;
    case 'minLength':
      return `Trường "${field}" phải có ít nhất ${p.limit} ký tự.`;
    case 'maxLength':
      return `Trường "${field}" chỉ được có tối đa ${p.limit} ký tự.`;
    case 'minimum':
      return `Trường "${field}" phải lớn hơn hoặc bằng ${p.limit}.`;
    case 'maximum':
      return `Trường "${field}" phải nhỏ hơn hoặc bằng ${p.limit}.`;
    case 'minItems':
      return `Trường "${field}" phải có ít nhất ${p.limit} phần tử.`;
    case 'maxItems':
      return `Trường "${field}" chỉ được có tối đa ${p.limit} phần tử.`;
    case 'pattern':
      return `Trường "${field}" không đúng định dạng.`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return `Giá trị của trường "${field}" không nằm trong các giá trị được chấp nhận.`;
    default:
      return `Trường "${field}" không hợp lệ.`;
  }
}

export function fieldErrors(errors: readonly AjvLikeError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = fieldPath(error);
    if (seen.has(field)) continue; // one message per field: the first is the most useful
    seen.add(field);
    out.push({ field, message: describe(error, field) });
  }
  return out;
}
