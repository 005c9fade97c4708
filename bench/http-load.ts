// HTTP load from a worker thread (autocannon), so that the client's own work runs beside the server under test
// instead of taking turns with it on the same event loop. Each connection walks the list of requests in turn, or,
// for a `sequence`, the connections share it and each request is sent once (load-sequence.cjs).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** The requests are distinct and each is sent at most once: there must be more than the run can send. */
  sequence?: boolean;
}

export async function httpLoad(
  base: string,
  requests: LoadRequest[],
  { seconds, connections, sequence }: LoadOptions,
): Promise<Figures> {
  const withMethod = requests.map((r) => ({ method: r.method ?? 'GET', ...r }));
  if (sequence) {
    const file = join(tmpdir(), `congso-bench-sequence-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(withMethod));
    process.env.BENCH_SEQUENCE = file; // read by the worker, which starts with a copy of the environment
  }
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    workers: 1,
    requests: sequence ? [{ setupRequest: new URL('./load-sequence.cjs', import.meta.url).pathname }] : withMethod,
  });
  if (result.non2xx || result.errors) {
    const statuses = JSON.stringify(result.statusCodeStats);
    throw new Error(
      `load on ${requests[0]?.path}: ${result.non2xx} non-2xx answers ${statuses}, ${result.errors} errors`,
    );
  }
  return { rps: result.requests.average, p97_5: result.latency.p97_5, p99: result.latency.p99 };
}
