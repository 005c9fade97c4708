// The procedure catalogue as the portal reads it: types taken from the generated API types, and the queries.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Json, ok } from './client.ts';
import type { paths } from './schema';

type SearchOperation = paths['/api/v1/procedures']['get'];
export type SearchFilters = Omit<NonNullable<SearchOperation['parameters']['query']>, 'cursor' | 'limit'>;
export type SearchPage = Json<SearchOperation['responses'][200]>;
export type ProcedureSummary = SearchPage['items'][number];
export type Procedure = Json<paths['/api/v1/procedures/{code}']['get']['responses'][200]>;
export type Agency = Json<paths['/api/v1/agencies']['get']['responses'][200]>['items'][number];

export type Level = Procedure['levels'][number];
export type ApplicantType = Procedure['applicantTypes'][number];
export type OnlineLevel = Procedure['onlineLevel'];
export type Channel = Procedure['receiptChannels'][number];
export type TimeUnit = Procedure['processingTimes'][number]['unit'];
export type FeeKind = Procedure['fees'][number]['kind'];
export type ComponentForm = Procedure['components'][number]['form'];
export type ResultKind = Procedure['result']['kind'];

const MINUTES = 60_000;

/** Search with filters, page after page ("load more"); a changed search cancels the request it replaces. */
export function useProcedureSearch(filters: SearchFilters, pageSize: number) {
  return useInfiniteQuery({
    queryKey: ['procedures', filters, pageSize],
    queryFn: ({ pageParam, signal }) =>
      ok(
        api.GET('/api/v1/procedures', {
          params: { query: { ...filters, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 5 * MINUTES,
  });
}

/** The fields (lĩnh vực) of the whole catalogue with their number of procedures. */
export function useFields() {
  return useQuery({
    queryKey: ['procedure-fields'],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/procedures', { params: { query: { limit: 1 } }, signal })),
    select: (page) => page.facets.field,
    staleTime: 30 * MINUTES,
  });
}

export function useProcedure(code: string) {
  return useQuery({
    queryKey: ['procedure', code],
    queryFn: ({ signal }) => ok(api.GET('/api/v1/procedures/{code}', { params: { path: { code } }, signal })),
    staleTime: 5 * MINUTES,
  });
}

/** Every agency, page after page (a province has a few hundred at most). */
export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    staleTime: 30 * MINUTES,
    queryFn: async ({ signal }) => {
      const all: Agency[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(
          api.GET('/api/v1/agencies', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}
