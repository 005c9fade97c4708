// The settings routes as the administration uses them (server/src/modules/settings/routes.ts). Each setting has a
// version of its own: the If-Match of its save and of its reset, both answering the setting as it now stands.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/http.ts';

export interface Wording {
  vi: string;
  en: string;
}

export interface Setting {
  key: string;
  label: Wording;
  help: Wording;
  /** The JSON Schema of the value: `integer` with bounds, or `string` with a maximum length. */
  schema: { type?: string; minimum?: number; maximum?: number; maxLength?: number };
  value: unknown;
  default: unknown;
  source: 'default' | 'database';
  variable: string | null;
  public: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface SettingList {
  refreshSeconds: number;
  items: Setting[];
}

export interface ProcessVariable {
  name: string;
  value: string | null;
  set: boolean;
  secret: boolean;
  defaultOf: string | null;
}

const LIST = ['admin-settings'] as const;

export function useSettings() {
  return useQuery({
    queryKey: LIST,
    queryFn: async ({ signal }) => (await call<SettingList>('/api/v1/settings', { signal })).data,
  });
}

export function useProcessConfiguration() {
  return useQuery({
    queryKey: ['admin-settings-process'],
    queryFn: async ({ signal }) => (await call<ProcessVariable[]>('/api/v1/settings/process', { signal })).data,
    staleTime: Number.POSITIVE_INFINITY, // it changes only when the server restarts
  });
}

/** Puts the setting answered by a save or a reset in the list, leaving the other settings' forms as they are. */
export function useSettingChanged() {
  const client = useQueryClient();
  return (setting: Setting) =>
    client.setQueryData<SettingList>(LIST, (list) =>
      list ? { ...list, items: list.items.map((s) => (s.key === setting.key ? setting : s)) } : list,
    );
}

export function useSettingsReload() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: LIST });
}

const path = (key: string) => `/api/v1/settings/${encodeURIComponent(key)}`;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export async function saveSetting(key: string, version: number, value: unknown) {
  return (await call<Setting>(path(key), { method: 'PUT', headers: ifMatch(version), body: { value } })).data;
}

export async function resetSetting(key: string, version: number) {
  return (await call<Setting>(path(key), { method: 'DELETE', headers: ifMatch(version) })).data;
}
