// HTTP load from a worker thread (autocannon), so that the client's own work runs beside the server under test
// instead of taking turns with it on the same event loop. Each connection walks the list of requests in turn.
import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  /** autocannon reports p97.5, not p95: a p95 target met by p97.5 is met. */
  p97_5: number;
  p99: number;
}

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export async function httpLoad(
  base: string,
  requests: LoadRequest[],
  { seconds, connections }: { seconds: number; connections: number },
): Promise<Figures> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    workers: 1,
    requests: requests.map((r) => ({ method: r.method ?? 'GET', ...r })),
  });
  if (result.non2xx || result.errors) {
    throw new Error(`load on ${requests[0]?.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p97_5: result.latency.p97_5, p99: result.latency.p99 };
}
