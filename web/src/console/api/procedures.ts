// The procedure catalogue as the console reads it (public routes, through the console's client).
import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { consoleApi, typed } from './http.ts';

const MINUTES = 60_000;

export type ProcedureVersion =
  paths['/api/v1/procedures/{code}']['get']['responses'][200]['content']['application/json'];

/** The procedure's current version (components, e-form and its field titles, offerings), once a code is known. */
export function useProcedureVersion(code: string | null) {
  return useQuery({
    queryKey: ['procedure', code],
    enabled: code !== null,
    staleTime: 5 * MINUTES,
    queryFn: ({ signal }) =>
      typed(consoleApi.GET('/api/v1/procedures/{code}', { params: { path: { code: code ?? '' } }, signal })),
  });
}
