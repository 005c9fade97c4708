// RFC 3161 timestamps: the signature value's hash goes to a timestamp authority, whose token becomes the
// signature-time-stamp attribute (PAdES B-T). A TSA that is down or slow fails the signing with a clear error
// rather than producing a weaker signature than the configuration asks for.
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, type Timestamper } from './cms.ts';

export class RemoteServiceError extends Error {
  constructor(
    readonly service: 'tsa' | 'remote-signer',
    message: string,
  ) {
    super(message);
  }
}

const toArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** POSTs with a deadline; a refused connection, a timeout or a non-2xx answer is a RemoteServiceError. */
export async function postWithTimeout(
  service: RemoteServiceError['service'],
  url: string,
  init: { body: Uint8Array | string; contentType: string },
  timeoutMs: number,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': init.contentType },
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    throw new RemoteServiceError(service, timedOut ? `no answer within ${timeoutMs} ms` : (err as Error).message);
  }
  if (!response.ok) throw new RemoteServiceError(service, `HTTP ${response.status}`);
  return response;
}

export function rfc3161Timestamper(url: string, timeoutMs: number): Timestamper {
  return async (digest) => {
    const nonce = randomBytes(8);
    nonce[0]! &= 0x7f; // a positive INTEGER
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
      }),
      nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
      certReq: true,
    });
    const response = await postWithTimeout(
      'tsa',
      url,
      { body: new Uint8Array(request.toSchema().toBER()), contentType: 'application/timestamp-query' },
      timeoutMs,
    );
    return tokenOf(new Uint8Array(await response.arrayBuffer()), digest);
  };
}

function tokenOf(answer: Uint8Array, digest: Uint8Array): Uint8Array {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(toArrayBuffer(answer));
  } catch {
    throw new RemoteServiceError('tsa', 'answer is not a TimeStampResp');
  }
  // 0 granted, 1 granted with modifications (RFC 3161 §2.4.2).
  if (response.status.status > 1 || !response.timeStampToken) {
    throw new RemoteServiceError('tsa', `refused with status ${response.status.status}`);
  }
  const info = timestampInfo(response.timeStampToken);
  if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(digest))) {
    throw new RemoteServiceError('tsa', 'token covers another hash');
  }
  return new Uint8Array(response.timeStampToken.toSchema().toBER());
}

/** The TSTInfo inside a timestamp token. */
export function timestampInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error('timestamp token without TSTInfo');
  return pkijs.TSTInfo.fromBER(content.getValue());
}
