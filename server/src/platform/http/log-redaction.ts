// What the request log may not keep: query parameters that are secrets in themselves (the public tracking secret
// printed on Form 01, OpenID Connect's authorization code and state, tokens). The value is replaced, the name kept,
// so that the log still shows which request it was.
import type { FastifyRequest } from 'fastify';

const SECRET_PARAMS: ReadonlySet<string> = new Set(['secret', 'code', 'state', 'token', 'password']);
const CENSOR = '[ẩn]';

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAMS.has(decodeName(name).toLowerCase()) ? `${name}=${CENSOR}` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Fastify's request serializer, with the URL redacted. */
export function requestForLog(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
