// Certificates: what the signer's certificate says (name, issuer, validity, whether it may sign), and the path
// from a signer's certificate to a configured trust anchor. Certificates carried inside a signature only help
// build the path; they are never anchors themselves, whatever they claim.
import { X509Certificate } from 'node:crypto';
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { parseCertificate } from './cms.ts';

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_KEY_USAGE = '2.5.29.15';

export interface CertificateFacts {
  /** The common name, or the organisation when there is none. */
  name: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Key usage allows digitalSignature or nonRepudiation (or the certificate restricts nothing). */
  maySign: boolean;
}

function nameOf(rdn: pkijs.RelativeDistinguishedNames): string {
  const pick = (oid: string) =>
    rdn.typesAndValues.find((tv) => tv.type === oid)?.value.valueBlock.value as string | undefined;
  return pick(OID_CN) ?? pick(OID_O) ?? rdn.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ');
}

export function describeCertificate(der: Uint8Array): CertificateFacts {
  const cert = parseCertificate(der);
  const keyUsage = cert.extensions?.find((e) => e.extnID === OID_KEY_USAGE)?.parsedValue as
    | asn1js.BitString
    | undefined;
  // Bit 0 digitalSignature, bit 1 nonRepudiation: the two high bits of the first byte.
  const firstByte = keyUsage ? (keyUsage.valueBlock.valueHexView[0] ?? 0) : 0xff;
  return {
    name: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    maySign: (firstByte & 0xc0) !== 0,
  };
}

const validAt = (facts: CertificateFacts, at: Date) => facts.notBefore <= at && at <= facts.notAfter;
const ddmmyyyy = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Why this certificate cannot sign at `at`, in Vietnamese; null when it can. */
export function signingRefusal(der: Uint8Array, at: Date): string | null {
  const facts = describeCertificate(der);
  if (!facts.maySign) {
    return `Chứng thư số "${facts.name}" không có mục đích sử dụng ký số (digitalSignature hoặc nonRepudiation).`;
  }
  if (at > facts.notAfter) return `Chứng thư số "${facts.name}" đã hết hạn ngày ${ddmmyyyy(facts.notAfter)}.`;
  if (at < facts.notBefore) {
    return `Chứng thư số "${facts.name}" chưa có hiệu lực (từ ngày ${ddmmyyyy(facts.notBefore)}).`;
  }
  return null;
}

export interface TrustResult {
  trusted: boolean;
  notes: string[];
}

const MAX_PATH = 8;

/**
 * Walks from the signer's certificate to an anchor: each step's issuer is found among the anchors first, then
 * among the certificates the signature carries; each link's signature must verify, each issuer must be a CA,
 * and every certificate on the path must have been valid at `at`.
 */
export function trustPath(
  signerDer: Uint8Array,
  carried: readonly Uint8Array[],
  anchors: readonly Uint8Array[],
  at: Date,
): TrustResult {
  const anchorCerts = anchors.map((a) => new X509Certificate(a));
  const carriedCerts = carried.map((c) => new X509Certificate(c));
  let current = new X509Certificate(signerDer);
  const notes: string[] = [];
  for (let depth = 0; depth < MAX_PATH; depth++) {
    const facts = describeCertificate(current.raw);
    if (!validAt(facts, at)) {
      notes.push(`Chứng thư số "${facts.name}" không còn hiệu lực vào thời điểm ký.`);
      return { trusted: false, notes };
    }
    if (anchorCerts.some((a) => a.raw.equals(current.raw))) return { trusted: true, notes };
    const issuer =
      anchorCerts.find((a) => issues(a, current)) ?? carriedCerts.find((c) => c !== current && issues(c, current));
    if (!issuer) {
      notes.push(
        `Không xây dựng được chuỗi chứng thư từ "${facts.name}" đến một tổ chức cung cấp dịch vụ được tin cậy.`,
      );
      return { trusted: false, notes };
    }
    if (!issuer.ca) {
      notes.push(`Chứng thư "${describeCertificate(issuer.raw).name}" không phải của tổ chức chứng thực (CA).`);
      return { trusted: false, notes };
    }
    current = issuer;
  }
  notes.push('Chuỗi chứng thư số quá dài.');
  return { trusted: false, notes };
}

function issues(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Splits PEM text into DER certificates. */
export function certificatesFromPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new Uint8Array(new X509Certificate(b).raw));
}

export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
