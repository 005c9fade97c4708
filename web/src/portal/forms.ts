// The server is the final judge of every form: its refusals name the fields at fault (`login`,
// `address.adminUnitId`), and each message is shown under the field it names.
import type { FormInstance } from 'antd';
import { ProblemError } from '../api/client.ts';

/**
 * Shows the problem's field messages under the form's own fields. Returns what is left to show above the form: the
 * error itself when some of it names no field of this form (or it is not a refusal of fields at all), else null.
 */
export function showFieldProblems(form: FormInstance, error: unknown): unknown {
  if (!(error instanceof ProblemError) || error.errors.length === 0) return error;
  const known = new Set(
    Object.keys(flatten(form.getFieldsValue(true) as Record<string, unknown>)).concat(
      form.getFieldsError().map((f) => f.name.join('.')),
    ),
  );
  const placed = error.errors.filter((e) => known.has(e.field));
  form.setFields(placed.map((e) => ({ name: e.field.split('.'), errors: [e.message] })));
  return placed.length === error.errors.length ? null : error;
}

/** `{ address: { line } }` → `{ 'address.line': … }`, so nested fields are recognised by the server's names. */
function flatten(values: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}.${key}` : key;
    out[name] = value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(out, flatten(value as Record<string, unknown>, name));
    }
  }
  return out;
}
