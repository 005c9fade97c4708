// The e-form's check in the browser, for @rjsf. The server checks the same JSON Schema with Ajv and has the last
// word; here the point is an immediate, field-by-field answer. Ajv itself cannot run in the page: it compiles
// each schema into a function with `new Function`, which the portal's Content-Security-Policy (script-src 'self')
// rightly forbids. @cfworker/json-schema interprets the schema instead, with no code generation.
import { Validator } from '@cfworker/json-schema';
import {
  type CustomValidator,
  createErrorHandler,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  toErrorSchema,
  type UiSchema,
  unwrapErrorHandler,
  type ValidationData,
  type ValidatorType,
  validationDataMerge,
} from '@rjsf/utils';

/** The words of each refusal, in the interface's language; `title` is the field's title from the schema. */
export interface EformMessages {
  required(title: string): string;
  pattern(title: string): string;
  minLength(title: string, limit: number): string;
  maxLength(title: string, limit: number): string;
  minimum(title: string, limit: number): string;
  maximum(title: string, limit: number): string;
  format(title: string, format: string): string;
  type(title: string): string;
  enum(title: string): string;
  invalid(title: string): string;
}

/** Keywords that wrap the errors of their parts and say nothing of their own. */
const WRAPPERS = new Set(['properties', 'items', 'allOf', '$ref', 'additionalProperties', 'dependentSchemas', 'if']);

type Schema = RJSFSchema & { properties?: Record<string, Schema> };

/** The sub-schema at a JSON pointer of the data ('#/a/b'), through `properties` and `items`. */
function schemaAt(root: Schema, path: string[]): Schema | undefined {
  let node: Schema | undefined = root;
  for (const key of path) {
    const items: unknown = node?.items;
    node =
      node?.properties?.[key] ?? (typeof items === 'object' && !Array.isArray(items) ? (items as Schema) : undefined);
  }
  return node;
}

const pointerPath = (instanceLocation: string) =>
  instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));

/** One refusal of @cfworker/json-schema as @rjsf shows it, on the field it concerns. */
function toRjsfError(
  root: Schema,
  unit: { keyword: string; instanceLocation: string; error: string },
  m: EformMessages,
) {
  const path = pointerPath(unit.instanceLocation);
  if (unit.keyword === 'required') {
    const missing = /"([^"]+)"/.exec(unit.error)?.[1];
    if (missing) path.push(missing);
  }
  const field = schemaAt(root, path);
  const title = field?.title ?? path.at(-1) ?? '';
  const message = (() => {
    switch (unit.keyword) {
      case 'required':
        return field?.enum ? m.enum(title) : m.required(title);
      case 'pattern':
        return m.pattern(title);
      case 'minLength':
        return (field?.minLength ?? 0) <= 1 ? m.required(title) : m.minLength(title, field?.minLength ?? 0);
      case 'maxLength':
        return m.maxLength(title, field?.maxLength ?? 0);
      case 'minimum':
      case 'exclusiveMinimum':
        return m.minimum(title, Number(field?.minimum ?? field?.exclusiveMinimum));
      case 'maximum':
      case 'exclusiveMaximum':
        return m.maximum(title, Number(field?.maximum ?? field?.exclusiveMaximum));
      case 'format':
        return m.format(title, String(field?.format));
      case 'type':
        return m.type(title);
      case 'enum':
      case 'const':
        return m.enum(title);
      default:
        return m.invalid(title);
    }
  })();
  const property = path.length ? `.${path.join('.')}` : '';
  return { name: unit.keyword, property, message, stack: message, params: {}, title } satisfies RJSFValidationError;
}

export class EformValidator implements ValidatorType {
  /** Schemas are few (one per procedure version) and never change once published. */
  readonly #compiled = new WeakMap<object, Validator>();

  constructor(private readonly messages: EformMessages) {}

  #validatorOf(schema: RJSFSchema): Validator {
    let validator = this.#compiled.get(schema);
    if (!validator) {
      validator = new Validator(schema as never, '7', false);
      this.#compiled.set(schema, validator);
    }
    return validator;
  }

  rawValidation<Result = RJSFValidationError>(schema: RJSFSchema, formData?: unknown) {
    try {
      const { errors } = this.#validatorOf(schema).validate(formData ?? {});
      // One message per field: the first is the most useful, as on the server.
      const seen = new Set<string>();
      const out: RJSFValidationError[] = [];
      for (const unit of errors) {
        if (WRAPPERS.has(unit.keyword)) continue;
        const error = toRjsfError(schema as Schema, unit, this.messages);
        if (seen.has(error.property)) continue;
        seen.add(error.property);
        out.push(error);
      }
      return { errors: out as Result[] };
    } catch (error) {
      return { errors: [] as Result[], validationError: error as Error };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    let errors = this.rawValidation(schema, formData).errors ?? [];
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema(errors);
    if (!customValidate) return { errors, errorSchema };
    const handler = customValidate(formData, createErrorHandler(formData), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown): boolean {
    try {
      return this.#validatorOf(schema).validate(formData).valid;
    } catch {
      return false;
    }
  }
}
