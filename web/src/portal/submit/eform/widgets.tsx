// Where the e-form uses the browser's own controls instead of Ant Design's: a list of choices is a native
// <select> (Ant Design's Select renders a listbox without an accessible name, which axe rates serious, and a phone
// opens its own picker for the native one) and a date is <input type="date"> (the phone's date picker, typed as
// yyyy-mm-dd as the schema's `format: date` wants it).
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useI18n } from '../../../i18n/index.tsx';

export function SelectWidget({
  id,
  options,
  value,
  required,
  disabled,
  readonly,
  onChange,
  onBlur,
  onFocus,
}: WidgetProps) {
  const { t } = useI18n();
  const choices = (options.enumOptions ?? []) as { value: unknown; label: string }[];
  const index = choices.findIndex((c) => c.value === value);
  return (
    <select
      id={id}
      name={id}
      className="native-select"
      value={index < 0 ? '' : String(index)}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) =>
        onChange(event.target.value === '' ? options.emptyValue : choices[Number(event.target.value)]?.value)
      }
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    >
      <option value="">{t.portal.submit.chooseOne}</option>
      {choices.map((c, i) => (
        <option key={String(c.value)} value={String(i)} lang="vi">
          {c.label}
        </option>
      ))}
    </select>
  );
}

export function DateWidget(props: WidgetProps) {
  const { BaseInputTemplate } = props.registry.templates;
  return <BaseInputTemplate {...props} type="date" />;
}

export const widgets = { SelectWidget, DateWidget };
