import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, signRequest } from './sigv4.ts';

// AWS's worked example "GET Object" (Amazon S3 API reference, Signature Version 4, header-based authentication).
const EXAMPLE_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: Buffer.from('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  region: 'us-east-1',
  service: 's3',
};

describe('AWS Signature Version 4', () => {
  it("gives AWS's published signature for its GET Object example", () => {
    const headers = signRequest(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadSha256: EMPTY_SHA256,
        at: new Date('2013-05-24T00:00:00Z'),
      },
      EXAMPLE_KEY,
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
