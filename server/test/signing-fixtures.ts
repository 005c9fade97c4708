// What the signing tests need and make themselves: a PKI (root → intermediate → signers, plus an expired
// certificate and one without the signing usage, and a timestamp authority), PKCS#12 files made by openssl,
// a blue handwritten signature and a red seal as transparent PNGs, Vietnamese documents made with pdfkit, and
// local simulators of a remote signing service and an RFC 3161 timestamp authority.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { constants, createHash, createPrivateKey, privateEncrypt, sign, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import PDFDocument from 'pdfkit';
import * as pkijs from 'pkijs';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const subtle = webcrypto.subtle;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86_400_000;

export interface Issued {
  cert: x509.X509Certificate;
  der: Uint8Array;
  pem: string;
  keyPem: string;
  keys: CryptoKeyPair;
}

const { KeyUsageFlags: KU } = x509;

async function issue(
  subject: string,
  issuer: Issued | null,
  usage: number,
  options: { ca?: boolean; from?: Date; to?: Date; eku?: string[] } = {},
): Promise<Issued> {
  const keys = (await subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true),
    new x509.KeyUsagesExtension(usage, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ...(options.eku ? [new x509.ExtendedKeyUsageExtension(options.eku, true)] : []),
  ];
  const common = {
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    notBefore: options.from ?? new Date(Date.now() - DAY),
    notAfter: options.to ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: RSA,
    extensions,
  };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
  });
  return { cert, der: new Uint8Array(cert.rawData), pem: cert.toString('pem'), keyPem: String(keyPem), keys };
}

export interface TestPki {
  dir: string;
  root: Issued;
  intermediate: Issued;
  /** Staff and agency signers, valid now. */
  specialist: Issued;
  leader: Issued;
  agency: Issued;
  expired: Issued;
  noSigningUsage: Issued;
  tsa: Issued;
  /** A stranger's root, for an untrusted chain. */
  otherRoot: Issued;
  stranger: Issued;
  /** Directory holding only the trusted root, as TRUST_ANCHORS_DIR. */
  anchorsDir: string;
  chainOf(leaf: Issued): Uint8Array[];
  pkcs12(leaf: Issued, password: string): Buffer;
}

const SIGNING = KU.digitalSignature | KU.nonRepudiation;
const CA = KU.keyCertSign | KU.cRLSign;

/** `validFrom`: when the certificates (but the expired one) start to be valid, for tests whose clock is in the past. */
export async function makePki(validFrom?: Date): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'congso-pki-'));
  const valid = validFrom ? { from: validFrom } : {};
  const root = await issue('CN=Congso Test Root CA, O=Congso Test, C=VN', null, CA, { ca: true, ...valid });
  const intermediate = await issue('CN=Congso Test Government CA, O=Congso Test, C=VN', root, CA, {
    ca: true,
    ...valid,
  });
  const leaf = (cn: string, usage = SIGNING, options: { from?: Date; to?: Date } = valid) =>
    issue(`CN=${cn}, O=Sở Tư pháp tỉnh Bạc Liêu, C=VN`, intermediate, usage, options);
  const otherRoot = await issue('CN=Untrusted Root, C=VN', null, CA, { ca: true, ...valid });
  const pki: TestPki = {
    dir,
    root,
    intermediate,
    specialist: await leaf('Trần Thị Chuyên Viên'),
    leader: await leaf('Nguyễn Văn Giám Đốc'),
    agency: await leaf('Sở Tư pháp tỉnh Bạc Liêu'),
    expired: await leaf('Lê Hết Hạn', SIGNING, {
      from: new Date(Date.now() - 400 * DAY),
      to: new Date(Date.now() - DAY),
    }),
    noSigningUsage: await leaf('Phạm Không Ký', KU.keyEncipherment),
    tsa: await issue('CN=Congso Test TSA, C=VN', intermediate, SIGNING, { eku: ['1.3.6.1.5.5.7.3.8'], ...valid }),
    otherRoot,
    stranger: await issue('CN=Người Lạ, C=VN', otherRoot, SIGNING, valid),
    anchorsDir: join(dir, 'anchors'),
    chainOf: (l) => [l.der, intermediate.der, root.der],
    pkcs12(l, password) {
      const name = createHash('sha256').update(l.der).digest('hex').slice(0, 12);
      writeFileSync(join(dir, `${name}.key`), l.keyPem);
      writeFileSync(join(dir, `${name}.crt`), l.pem);
      writeFileSync(join(dir, `${name}.chain`), `${intermediate.pem}\n${root.pem}\n`);
      return execFileSync('openssl', [
        'pkcs12',
        '-export',
        ...['-inkey', join(dir, `${name}.key`), '-in', join(dir, `${name}.crt`)],
        ...['-certfile', join(dir, `${name}.chain`), '-passout', `pass:${password}`],
      ]);
    },
  };
  execFileSync('mkdir', ['-p', pki.anchorsDir]);
  writeFileSync(join(pki.anchorsDir, 'root.pem'), root.pem);
  writeFileSync(join(dir, 'root.pem'), root.pem);
  return pki;
}

// The demo keys' images: a blue handwritten-looking signature and a red seal, as transparent PNGs.
export { sealImage, signatureImage } from '../src/modules/signing/demo.ts';

const require = createRequire(import.meta.url);
const TINOS = require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const TINOS_BOLD = require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf');

/** A two-page decision in Vietnamese, as the paperwork module will make them. */
export function decisionPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.registerFont('T', TINOS);
    doc.registerFont('TB', TINOS_BOLD);
    doc.font('TB').fontSize(13).text('SỞ TƯ PHÁP TỈNH BẠC LIÊU', { align: 'left' });
    doc.font('T').text('Số: 05/QĐ-STP', { align: 'left' });
    doc.moveDown();
    doc.font('TB').fontSize(14).text('QUYẾT ĐỊNH', { align: 'center' });
    doc.font('T').fontSize(13).text('Về việc cấp bản sao trích lục hộ tịch', { align: 'center' });
    doc.moveDown();
    for (let i = 1; i <= 12; i++) {
      doc.text(`Điều ${i}. Cấp bản sao trích lục khai sinh cho công dân theo hồ sơ đã tiếp nhận đúng quy định.`);
    }
    doc.addPage();
    doc.text('Nơi nhận: như Điều 3; lưu: VT.');
    doc.end();
  });
}

/** A small server on 127.0.0.1 that stops when the test ends. */
export async function listen(
  handler: (body: Buffer, url: string) => Promise<{ status: number; type: string; body: Buffer | string } | 'hang'>,
) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const answer = await handler(Buffer.concat(chunks), req.url ?? '/');
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The remote signing simulator: `POST /sign { digest, algorithm, keyId }` → `{ signature, certificateChain }`. */
export function remoteSigningSimulator(keys: Record<string, Issued>, chainOf: (l: Issued) => Uint8Array[]) {
  return listen(async (body) => {
    const { digest = '', algorithm, keyId = '' } = JSON.parse(body.toString()) as Record<string, string | undefined>;
    const key = keys[keyId];
    if (!key || algorithm !== 'RSASSA-PKCS1-v1_5-SHA256') {
      return { status: 404, type: 'application/json', body: '{"error":"unknown key"}' };
    }
    // RSASSA-PKCS1-v1_5 over a digest: DigestInfo(SHA-256) ‖ digest, signed without hashing again.
    const digestInfo = Buffer.concat([
      Buffer.from('3031300d060960864801650304020105000420', 'hex'),
      Buffer.from(digest, 'base64'),
    ]);
    const signature = privateEncrypt({ key: key.keyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
    const certificateChain = chainOf(key).map((c) => Buffer.from(c).toString('base64'));
    return {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ signature: signature.toString('base64'), certificateChain }),
    };
  });
}

/** An RFC 3161 timestamp authority that answers every request with a token signed by `tsa`. */
export function timestampAuthority(tsa: Issued, chain: Uint8Array[]) {
  return listen(async (body) => {
    const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body).buffer);
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: '1.2.3.4.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: Date.now() % 1_000_000_000 }),
      genTime: new Date(),
      ordering: false,
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: '1.2.840.113549.1.9.16.1.4',
        eContent: new asn1js.OctetString({ valueHex: tstInfo.toSchema().toBER() }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: pkijs.Certificate.fromBER(tsa.der).issuer,
            serialNumber: pkijs.Certificate.fromBER(tsa.der).serialNumber,
          }),
        }),
      ],
      certificates: chain.map((c) => pkijs.Certificate.fromBER(c)),
    });
    signed.signerInfos[0]!.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({
          type: '1.2.840.113549.1.9.3',
          values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })],
        }),
        new pkijs.Attribute({
          type: '1.2.840.113549.1.9.4',
          values: [
            new asn1js.OctetString({
              valueHex: createHash('sha256').update(Buffer.from(tstInfo.toSchema().toBER())).digest(),
            }),
          ],
        }),
      ],
    });
    const attrs = new Uint8Array(signed.signerInfos[0]!.signedAttrs.toSchema().toBER());
    attrs[0] = 0x31;
    signed.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' });
    signed.signerInfos[0]!.signatureAlgorithm = new pkijs.AlgorithmIdentifier({
      algorithmId: '1.2.840.113549.1.1.11',
      algorithmParams: new asn1js.Null(),
    });
    signed.signerInfos[0]!.signature = new asn1js.OctetString({ valueHex: sign('sha256', attrs, tsa.keyPem) });
    signed.digestAlgorithms = [new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' })];
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signed.toSchema(true) }),
    });
    return { status: 200, type: 'application/timestamp-reply', body: Buffer.from(response.toSchema().toBER()) };
  });
}
