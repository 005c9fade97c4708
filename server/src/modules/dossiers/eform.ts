// The e-form (tờ khai điện tử): the data a dossier carries is checked against its procedure version's JSON Schema
// by the same Ajv the web app renders the form with; each failure names the field and its title.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../../platform/http/problem.ts';
import { fieldErrors } from '../../platform/http/validation-messages.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats(ajv);

// A published procedure version never changes, so its compiled schema is kept for the life of the process.
const compiled = new Map<string, ValidateFunction>();

function validatorOf(versionId: string, schema: object): ValidateFunction {
  let validate = compiled.get(versionId);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(versionId, validate);
  }
  return validate;
}

type Properties = Record<string, { title?: string; properties?: Properties }>;

/** The title the form shows for a field path such as `eform.soDinhDanh`, if the schema gives one. */
function titleOf(schema: { properties?: Properties }, path: string[]): string | undefined {
  let node: { title?: string; properties?: Properties } | undefined = schema;
  for (const key of path) node = node?.properties?.[key];
  return node === schema ? undefined : node?.title;
}

/**
 * The e-form's problems, each named `eform.<field>`; empty when the data fits the schema. `partial` checks a draft
 * the applicant is still typing: what is there must be right, what is missing may come later (checked on submit).
 */
export function eformErrors(versionId: string, schema: object, data: unknown, partial = false): FieldError[] {
  const validate = validatorOf(versionId, schema);
  if (validate(data)) return [];
  const errors = (validate.errors ?? [])
    .filter((e: ErrorObject) => !(partial && e.keyword === 'required'))
    .map((e: ErrorObject) => ({ ...e, instancePath: `/eform${e.instancePath}` }));
  if (errors.length === 0) return [];
  return fieldErrors(errors).map(({ field, message }) => {
    const title = titleOf(schema as { properties?: Properties }, field.split('.').slice(1));
    return { field, message: title ? `${message.replace(/\.$/, '')} (${title}).` : message };
  });
}
