// A local S3-compatible object store for the tests: path-style PUT, GET and HEAD of objects in one bucket, each
// request's AWS Signature Version 4 checked against the one key it knows (403 SignatureDoesNotMatch otherwise), an
// upload's bytes checked against its x-amz-content-sha256 (400 XAmzContentSHA256Mismatch), 404 NoSuchKey, as the
// real services answer. Objects live in memory; `objects` lets a test damage one.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../src/platform/files/sigv4.ts';

export const SIMULATOR_KEY = {
  accessKeyId: 'CONGSOTESTKEY',
  secret: 'congso-test-secret-access-key',
  region: 'ap-southeast-1',
};

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function signatureMatches(req: IncomingMessage, url: URL): boolean {
  const given = req.headers.authorization ?? '';
  const signed = /SignedHeaders=([^,]+)/.exec(given)?.[1]?.split(';') ?? [];
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const at = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`,
  );
  if (Number.isNaN(at.getTime())) return false;
  const headers = Object.fromEntries(
    signed
      .filter((n) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(n))
      .map((n) => [n, String(req.headers[n])]),
  );
  const expected = signRequest(
    { method: req.method ?? 'GET', url, headers, payloadSha256: String(req.headers['x-amz-content-sha256']), at },
    {
      accessKeyId: SIMULATOR_KEY.accessKeyId,
      secretAccessKey: Buffer.from(SIMULATOR_KEY.secret),
      region: SIMULATOR_KEY.region,
      service: 's3',
    },
  );
  return expected.authorization === given;
}

export async function startS3Simulator(bucket: string) {
  const objects = new Map<string, Buffer>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const body = await bodyOf(req);
    const reply = (status: number, code?: string) => {
      res.writeHead(status, code ? { 'content-type': 'application/xml' } : {});
      res.end(code ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>` : undefined);
    };
    if (!signatureMatches(req, url)) return reply(403, 'SignatureDoesNotMatch');
    const [, name, ...rest] = url.pathname.split('/');
    if (name !== bucket) return reply(404, 'NoSuchBucket');
    const key = rest.join('/');
    if (req.method === 'PUT') {
      if (createHash('sha256').update(body).digest('hex') !== req.headers['x-amz-content-sha256']) {
        return reply(400, 'XAmzContentSHA256Mismatch');
      }
      objects.set(key, body);
      return reply(200);
    }
    const stored = objects.get(key);
    if (!stored) return reply(404, req.method === 'HEAD' ? undefined : 'NoSuchKey');
    res.writeHead(200, { 'content-length': stored.length, 'content-type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : stored);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    env: {
      FILES_S3_ENDPOINT: endpoint,
      FILES_S3_BUCKET: bucket,
      FILES_S3_REGION: SIMULATOR_KEY.region,
      FILES_S3_ACCESS_KEY_ID: SIMULATOR_KEY.accessKeyId,
      FILES_S3_SECRET_ACCESS_KEY: SIMULATOR_KEY.secret,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
