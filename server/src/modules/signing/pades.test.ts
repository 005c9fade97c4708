// The PAdES pipeline end to end, checked by independent tools: poppler's pdfsig (with the test root in an NSS
// database), `openssl cms -verify` on each signature's byte ranges, and our own verifier. A decision is signed in
// turn by a specialist, a leader and the organisation (DOMAIN.md §6: seal over the leader's signature).
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decisionPdf,
  type Issued,
  makePki,
  sealImage,
  signatureImage,
  type TestPki,
  timestampAuthority,
} from '../../../test/signing-fixtures.ts';
import type { Appearance } from './appearance.ts';
import type { SignerBackend } from './cms.ts';
import { nextFieldName, openForSigning, type Placement, placeSignature, qrBox, signPdf } from './pades.ts';
import { decodePng } from './png.ts';
import { softwareSigner } from './signers.ts';
import { rfc3161Timestamper } from './tsa.ts';
import { verifyPdf } from './verify.ts';

let pki: TestPki;
let signed: Buffer;
const signerOf = (leaf: Issued): SignerBackend =>
  softwareSigner({ privateKey: createPrivateKey(leaf.keyPem), chain: pki.chainOf(leaf) });

async function signAs(
  pdf: Buffer,
  leaf: Issued,
  appearance: Appearance,
  options: { placement?: Placement; qrUrl?: string } = {},
): Promise<Buffer> {
  const file = openForSigning(pdf);
  const { pageIndex, box } = placeSignature(file, appearance, options.placement ?? {});
  return signPdf(
    file,
    {
      pageIndex,
      box,
      appearance,
      fieldName: nextFieldName(file, appearance.layout),
      signedAt: new Date(),
      signerName: leaf.cert.subject,
      ...(options.qrUrl ? { qr: { url: options.qrUrl, box: qrBox(file, pageIndex) } } : {}),
    },
    signerOf(leaf),
  );
}

/**
 * The CMS at the start of the zero-padded /Contents, cut at the length its outer DER header gives: trimming
 * trailing zeros instead would also cut a signature that happens to end in a zero byte.
 */
function derPrefix(padded: Buffer): Buffer {
  const first = padded[1]!;
  if (first < 0x80) return padded.subarray(0, 2 + first);
  const size = first & 0x7f;
  const length = padded.subarray(2, 2 + size).reduce((n, byte) => n * 256 + byte, 0);
  return padded.subarray(0, 2 + size + length);
}

beforeAll(async () => {
  pki = await makePki();
  const image = decodePng(signatureImage());
  const specialist = await signAs(
    await decisionPdf(),
    pki.specialist,
    {
      layout: 'signer',
      position: 'Chuyên viên',
      fullName: 'Trần Thị Chuyên Viên',
      image,
    },
    { placement: { x: 85, y: 560 } },
  );
  // The specialist signs on the left of the last page; the leader in the signature block on the right.
  const leader = await signAs(specialist, pki.leader, {
    layout: 'signer',
    position: 'Giám đốc',
    fullName: 'Nguyễn Văn Giám Đốc',
    image,
  });
  signed = await signAs(
    leader,
    pki.agency,
    { layout: 'seal', image: decodePng(sealImage()) },
    {
      qrUrl: 'https://congso.test/verify?id=x',
    },
  );
  writeFileSync(join(pki.dir, 'signed.pdf'), signed);
}, 60_000);

describe('a decision signed by a specialist, a leader and the organisation', () => {
  it('verifies all three: intact, trusted, earlier ones followed by later signatures', async () => {
    const results = await verifyPdf(signed, [pki.root.der]);
    expect(results.map((r) => [r.signer, r.intact, r.trusted, r.modifiedAfter])).toEqual([
      ['Trần Thị Chuyên Viên', true, true, true],
      ['Nguyễn Văn Giám Đốc', true, true, true],
      ['Sở Tư pháp tỉnh Bạc Liêu', true, true, false],
    ]);
    expect(results[0]!.notes.join(' ')).toContain('2 chữ ký số sau đó');
    expect(results[2]!.issuer).toBe('Congso Test Government CA');
  });

  it('is not trusted without the root as anchor, and embedded certificates do not make it so', async () => {
    const results = await verifyPdf(signed, []);
    expect(results.every((r) => r.intact && !r.trusted)).toBe(true);
    expect(results[0]!.notes.join(' ')).toContain('Không xây dựng được chuỗi');
  });

  it('pdfsig reports every signature valid, and trusted with the test root in its NSS database', () => {
    const nss = join(pki.dir, 'nss');
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', [
      '-A',
      '-d',
      `sql:${nss}`,
      '-n',
      'congso-test-root',
      '-t',
      'CT,C,C',
      '-i',
      join(pki.dir, 'root.pem'),
    ]);
    const out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, join(pki.dir, 'signed.pdf')]).toString();
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(3);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
  });

  it('openssl cms -verify accepts each signature over its byte ranges', () => {
    const text = signed.toString('latin1');
    const ranges = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/g)].map((m) => m.slice(1).map(Number));
    expect(ranges).toHaveLength(3);
    ranges.forEach(([a, b, c, d], i) => {
      const content = Buffer.concat([signed.subarray(a!, a! + b!), signed.subarray(c!, c! + d!)]);
      const cms = derPrefix(Buffer.from(signed.subarray(b! + 1, c! - 1).toString('latin1'), 'hex'));
      writeFileSync(join(pki.dir, `content-${i}.bin`), content);
      writeFileSync(join(pki.dir, `sig-${i}.der`), cms);
      const result = spawnSync('openssl', [
        ...['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(pki.dir, `sig-${i}.der`)],
        ...['-content', join(pki.dir, `content-${i}.bin`), '-CAfile', join(pki.dir, 'root.pem')],
        ...['-purpose', 'any', '-out', '/dev/null'],
      ]);
      expect(result.stderr.toString()).toContain('Verification successful');
    });
  });

  it('catches one changed byte: the signatures covering it are no longer intact, and pdfsig agrees', async () => {
    const tampered = Buffer.from(signed);
    const at = 2000; // inside the original document, covered by every signature
    tampered[at] = tampered[at]! ^ 0x01;
    const results = await verifyPdf(tampered, [pki.root.der]);
    expect(results.map((r) => r.intact)).toEqual([false, false, false]);
    expect(results.some((r) => r.trusted)).toBe(false);
    expect(results[0]!.notes.join(' ')).toContain('đã bị thay đổi');
    writeFileSync(join(pki.dir, 'tampered.pdf'), tampered);
    const out = spawnSync('pdfsig', [join(pki.dir, 'tampered.pdf')]).stdout.toString();
    expect(out).not.toContain('Signature is Valid');
  });

  it('shows bytes appended after the last signature as a modification', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% added later\n')]);
    const results = await verifyPdf(appended, [pki.root.der]);
    expect(results[2]!.modifiedAfter).toBe(true);
    expect(results[2]!.notes.join(' ')).toContain('không có chữ ký số nào bao trùm');
  });
});

describe('B-T: a timestamp from an RFC 3161 authority', () => {
  it('adds a signature timestamp that pdfsig and the verifier read', async () => {
    const tsa = await timestampAuthority(pki.tsa, [pki.tsa.der, pki.intermediate.der]);
    try {
      const file = openForSigning(await decisionPdf());
      const appearance: Appearance = { layout: 'attachment', numberSymbol: '05/QĐ-STP', signedAt: new Date() };
      const { pageIndex, box } = placeSignature(file, appearance, {});
      const pdf = await signPdf(
        file,
        { pageIndex, box, appearance, fieldName: 'attachment-1', signedAt: new Date(), signerName: 'Sở Tư pháp' },
        signerOf(pki.agency),
        rfc3161Timestamper(tsa.url, 5000),
      );
      const [result] = await verifyPdf(pdf, [pki.root.der]);
      expect(result).toMatchObject({ intact: true, trusted: true });
      expect(result!.notes.join(' ')).not.toContain('tự khai');
      writeFileSync(join(pki.dir, 'timestamped.pdf'), pdf);
      expect(execFileSync('pdfsig', [join(pki.dir, 'timestamped.pdf')]).toString()).toContain('Signature is Valid');
    } finally {
      await tsa.close();
    }
  });
});
