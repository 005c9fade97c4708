// The list's filters, all kept in the address: a search (code, applicant name without diacritics, identity or
// phone number) that follows typing after a pause, and the procedure, status, receipt dates and overdue filters.
import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSearchText } from '../../components/useSearchText.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ListFilters } from '../api/dossiers.ts';

const STATUSES = [
  'waiting_receipt',
  'supplement_requested',
  'processing',
  'waiting_payment',
  'waiting_other_agency',
  'resolved',
  'returned',
  'refused',
  'withdrawn',
  'cancelled',
] as const;

export function ListFilterForm({ filters }: { filters: ListFilters }) {
  const { t } = useI18n();
  const id = useId();
  const { text, setText } = useSearchText();
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const keep = params.get('hang');
  // The code is sent once whole (1.000001); while typed, only the box holds it.
  const [procedure, setProcedure] = useState(filters.procedure ?? '');
  const typeProcedure = (value: string) => {
    setProcedure(value);
    const code = value.trim();
    if (code === '' || /^\d\.\d{6}$/.test(code)) set('procedure', code);
  };

  return (
    <search className="list-filters">
      <form onSubmit={(e) => e.preventDefault()} className="list-filters__form">
        <div className="field list-filters__search">
          <label htmlFor={`${id}-q`}>{t.console.list.search}</label>
          <Input
            id={`${id}-q`}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t.console.list.searchPlaceholder}
            autoComplete="off"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-procedure`}>{t.console.list.procedureCode}</label>
          <Input
            id={`${id}-procedure`}
            value={procedure}
            onChange={(e) => typeProcedure(e.target.value)}
            placeholder="1.000001"
            inputMode="decimal"
            maxLength={8}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t.console.list.status}</label>
          <select id={`${id}-status`} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t.catalogue.all}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.console.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t.console.list.from}</label>
          <input
            id={`${id}-from`}
            className="native-select"
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t.console.list.to}</label>
          <input
            id={`${id}-to`}
            className="native-select"
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-overdue`}>{t.console.list.deadline}</label>
          <select
            id={`${id}-overdue`}
            value={filters.overdue === undefined ? '' : String(filters.overdue)}
            onChange={(e) => set('overdue', e.target.value)}
          >
            <option value="">{t.catalogue.all}</option>
            <option value="true">{t.console.dueState.overdue}</option>
            <option value="false">{t.console.list.notOverdue}</option>
          </select>
        </div>
        <Link
          to={keep ? `?hang=${keep}` : '?'}
          className="list-filters__clear"
          onClick={() => {
            setText('');
            setProcedure('');
          }}
        >
          {t.catalogue.clear}
        </Link>
      </form>
    </search>
  );
}
