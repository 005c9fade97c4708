// The calendar routes as the administration uses them. A calendar is the province's (`province`) or an agency's
// override (its id); its `version` is the If-Match of every edit, and every edit answers the new settings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../../api/client.ts';
import type { paths } from '../../../api/schema';
import { call, consoleApi, typed } from '../../api/http.ts';

export type CalendarSettings = Json<paths['/api/v1/calendars/{owner}']['get']['responses'][200]>;
export type WorkingHours = CalendarSettings['hours'];
export type Period = WorkingHours['makeUpDay'][number];
export type YearView = Json<paths['/api/v1/calendar/{year}']['get']['responses'][200]>;
export type ListedEntry = YearView['entries'][number];

export type EntryKind = 'holiday' | 'substitute' | 'swap' | 'make_up';

/** An entry as the calendar stores it (what an edit sends). */
export interface Entry {
  date: string;
  kind: EntryKind;
  name: string;
  legalNote: string;
}

/** `province`, or the id of the agency whose override it is. */
export type Owner = string;

export function useCalendarSettings(owner: Owner) {
  return useQuery({
    queryKey: ['admin-calendar', owner],
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/calendars/{owner}', { params: { path: { owner } }, signal })),
  });
}

export function useYearView(owner: Owner, year: number) {
  const agency = owner === 'province' ? undefined : owner;
  return useQuery({
    queryKey: ['admin-calendar-year', owner, year],
    queryFn: ({ signal }) =>
      typed(
        consoleApi.GET('/api/v1/calendar/{year}', {
          params: { path: { year }, query: agency ? { agency } : {} },
          signal,
        }),
      ),
  });
}

/** After an edit: the settings answered, and the year views read again (their entries and flags changed). */
export function useCalendarChanged() {
  const client = useQueryClient();
  return async (owner: Owner, settings: CalendarSettings) => {
    client.setQueryData(['admin-calendar', owner], settings);
    await client.invalidateQueries({ queryKey: ['admin-calendar-year'] });
  };
}

export function useCalendarReload() {
  const client = useQueryClient();
  return (owner: Owner) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin-calendar', owner] }),
      client.invalidateQueries({ queryKey: ['admin-calendar-year'] }),
    ]);
}

const enc = encodeURIComponent;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export async function replaceEntries(owner: Owner, year: number, version: number, entries: Entry[]) {
  return (
    await call<CalendarSettings>(`/api/v1/calendars/${enc(owner)}/years/${year}/entries`, {
      method: 'PUT',
      headers: ifMatch(version),
      body: { entries },
    })
  ).data;
}

export async function replaceHours(owner: Owner, version: number, hours: WorkingHours) {
  return (
    await call<CalendarSettings>(`/api/v1/calendars/${enc(owner)}/hours`, {
      method: 'PUT',
      headers: ifMatch(version),
      body: hours,
    })
  ).data;
}

export async function confirmYear(owner: Owner, year: number, version: number) {
  return (
    await call<CalendarSettings>(`/api/v1/calendars/${enc(owner)}/years/${year}/confirm`, {
      method: 'POST',
      headers: ifMatch(version),
    })
  ).data;
}
