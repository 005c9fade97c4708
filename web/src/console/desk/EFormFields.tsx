// The procedure's e-form (tờ khai) as plain labelled fields, drawn from its JSON Schema in the order its UI hints
// give: text, long text, dates, numbers and choices. The server checks the data against the schema and names each
// field at fault (`eform.<field>`), shown under that field.
import { Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { describedBy, Field } from '../parts.tsx';

interface Property {
  type?: string;
  title?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
}

export interface EFormSchema {
  schema: Record<string, unknown>;
  ui: Record<string, unknown>;
}

export type EFormValues = Record<string, string>;

export function eformFields(eform: EFormSchema): { key: string; property: Property; required: boolean }[] {
  const properties = (eform.schema.properties ?? {}) as Record<string, Property>;
  const required = new Set((eform.schema.required ?? []) as string[]);
  const order = (eform.ui['ui:order'] as string[] | undefined) ?? [];
  const keys = [...order.filter((k) => k in properties), ...Object.keys(properties).filter((k) => !order.includes(k))];
  return keys.map((key) => ({ key, property: properties[key] ?? {}, required: required.has(key) }));
}

/** The values as the schema types them: numbers for integer fields, empty fields left out. */
export function eformData(eform: EFormSchema, values: EFormValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const { key, property } of eformFields(eform)) {
    const value = values[key]?.trim();
    if (!value) continue;
    data[key] = property.type === 'integer' || property.type === 'number' ? Number(value) : value;
  }
  return data;
}

const isLong = (eform: EFormSchema, key: string) =>
  (eform.ui[key] as { 'ui:widget'?: string } | undefined)?.['ui:widget'] === 'textarea';

export function EFormFields({
  eform,
  values,
  onChange,
  errorOf,
  idPrefix,
}: {
  eform: EFormSchema;
  values: EFormValues;
  onChange(key: string, value: string): void;
  errorOf(key: string): string | undefined;
  idPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <div className="field-grid-2">
      {eformFields(eform).map(({ key, property, required }) => {
        const id = `${idPrefix}-${key}`;
        const error = errorOf(key);
        const common = {
          id,
          value: values[key] ?? '',
          required,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy(id, error),
        };
        const label = (
          <>
            {property.title ?? key}
            {required && <span className="required-mark"> *</span>}
          </>
        );
        let control: ReactNode;
        if (property.enum) {
          control = (
            <select {...common} onChange={(e) => onChange(key, e.target.value)}>
              <option value="">{t.console.desk.choose}</option>
              {property.enum.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          );
        } else if (isLong(eform, key)) {
          control = <Input.TextArea {...common} rows={2} onChange={(e) => onChange(key, e.target.value)} />;
        } else {
          const type =
            property.format === 'date'
              ? 'date'
              : property.type === 'integer' || property.type === 'number'
                ? 'number'
                : 'text';
          control = (
            <Input
              {...common}
              type={type}
              inputMode={
                property.pattern?.startsWith('^\\d') || property.pattern?.startsWith('^0') ? 'numeric' : undefined
              }
              onChange={(e) => onChange(key, e.target.value)}
            />
          );
        }
        return (
          <Field key={key} id={id} label={label} error={error}>
            {control}
          </Field>
        );
      })}
    </div>
  );
}
