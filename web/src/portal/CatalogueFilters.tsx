// The catalogue's filters: field, agency, level, online level and applicant type. Each is a native select with
// its label: the phone's own picker, a screen reader's familiar control, and no script to download.
import { Button } from 'antd';
import { useId, useMemo } from 'react';
import { type SearchFilters, useAgencies, useFields } from '../api/catalog.ts';
import { useI18n } from '../i18n/index.tsx';

export type FilterName = Exclude<keyof SearchFilters, 'q'>;

interface CatalogueFiltersProps {
  filters: SearchFilters;
  onChange(name: FilterName, value: string): void;
  /** Given when some filter is chosen. */
  onClear?(): void;
}

type Options = { value: string; label: string }[];
const entries = (labels: Readonly<Record<string, string>>): Options =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function CatalogueFilters({ filters, onChange, onClear }: CatalogueFiltersProps) {
  const { t } = useI18n();
  const fields = useFields();
  const agencies = useAgencies();
  const agencyOptions = useMemo(
    () =>
      (agencies.data ?? [])
        .map((a) => ({ value: a.identifier, label: a.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [agencies.data],
  );
  const select = (name: FilterName, label: string, options: Options, lang?: 'vi') => (
    <FilterSelect
      label={label}
      value={filters[name] ?? ''}
      options={options}
      lang={lang}
      onChange={(value) => onChange(name, value)}
    />
  );
  return (
    <div className="filters">
      {select(
        'field',
        t.catalogue.field,
        (fields.data ?? []).map((f) => ({ value: f.value, label: f.label })),
        'vi',
      )}
      {select('agency', t.catalogue.agency, agencyOptions, 'vi')}
      {select('level', t.catalogue.level, entries(t.vocab.level))}
      {select('onlineLevel', t.catalogue.onlineLevel, entries(t.vocab.onlineLevel))}
      {select('applicant', t.catalogue.applicant, entries(t.vocab.applicant))}
      {onClear && (
        <Button size="large" onClick={onClear}>
          {t.catalogue.clear}
        </Button>
      )}
    </div>
  );
}

interface FilterSelectProps {
  label: string;
  value: string;
  options: Options;
  onChange(value: string): void;
  /** The language of the options when they are data (names of fields and agencies). */
  lang: 'vi' | undefined;
}

function FilterSelect({ label, value, options, onChange, lang }: FilterSelectProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="filters__item">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t.catalogue.all}</option>
        {/* A value from the address that the list does not (yet) hold stays selectable. */}
        {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
