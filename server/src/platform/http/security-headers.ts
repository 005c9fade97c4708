// The security headers (helmet's defaults and our content security policy) worked out once at start-up. The
// fastify plugin for helmet builds helmet's middleware again on every request, which the bench's CPU profile of public
// tracking showed as a tenth of the request's time; the headers never differ between requests here (no nonces, no
// per-route options), so each response gets the same list.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { App } from './server.ts';

/** What helmet would set on a response with these options, as (name, value) pairs. */
export function securityHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return [...headers];
}

export function installSecurityHeaders(app: App, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
