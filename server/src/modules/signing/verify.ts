// Verification of a PDF's signatures, for anyone (docs/signing.md, "What the answer means"):
// - intact: the signed byte ranges hash to the digest the signature signs, and the CMS signature verifies with
//   the signer's certificate (and signing-certificate-v2, when present, names that certificate);
// - modifiedAfter: the file goes on after this signature's byte ranges, i.e. bytes were added or changed later;
// - trusted: intact, and the signer's certificate chains to a configured trust anchor, may sign, and every
//   certificate on the path was valid at the signing time (the timestamp's time when one is there and trusted,
//   otherwise the time the signer claimed).
// Signatures are found by their /ByteRange in the raw bytes, so a file whose structure is broken still shows
// what its signatures say, with a note.
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { isoVietnam } from './appearance.ts';
import { describeCertificate, trustPath } from './certificates.ts';
import { OID } from './cms.ts';
import { DocumentError } from './pades.ts';
import { looksLikePdf, PdfFile, stringValue } from './pdf-file.ts';
import { PdfDict, PdfLexer } from './pdf-objects.ts';
import { timestampInfo } from './tsa.ts';

export interface VerifiedSignature {
  signer: string | null;
  issuer: string | null;
  signedAt: string | null;
  intact: boolean;
  modifiedAfter: boolean;
  trusted: boolean;
  notes: string[];
}

const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};
const NO_REVOCATION_NOTE = 'Chưa kiểm tra tình trạng thu hồi của chứng thư số (OCSP/CRL).';

interface FoundSignature {
  range: [number, number, number, number];
  dict: PdfDict | null;
}

export async function verifyPdf(bytes: Uint8Array, anchors: readonly Uint8Array[]): Promise<VerifiedSignature[]> {
  if (!looksLikePdf(bytes)) throw new DocumentError('Tệp không phải là tệp PDF.');
  const documentNotes = structureNotes(bytes);
  const found = findSignatures(bytes);
  if (found.length === 0 && documentNotes.broken) throw new DocumentError(documentNotes.broken);
  const results: VerifiedSignature[] = [];
  for (const signature of found) {
    const result = await verifyOne(bytes, signature, anchors);
    result.notes.push(...documentNotes.notes);
    results.push(result);
  }
  noteLaterSignatures(found, results, bytes.length);
  return results;
}

function structureNotes(bytes: Uint8Array): { notes: string[]; broken: string | null } {
  try {
    const file = new PdfFile(bytes);
    const notes: string[] = [];
    if (file.encrypted) notes.push('Tệp PDF được mã hóa.');
    if (file.hasJavaScript()) notes.push('Tệp PDF chứa mã JavaScript.');
    return { notes, broken: null };
  } catch (err) {
    const message = (err as Error).message;
    return { notes: [message], broken: message };
  }
}

function findSignatures(bytes: Uint8Array): FoundSignature[] {
  const text = Buffer.from(bytes).toString('latin1');
  const seen = new Set<string>();
  const found: FoundSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = m.slice(1, 5).map(Number) as FoundSignature['range'];
    if (seen.has(range.join())) continue;
    seen.add(range.join());
    found.push({ range, dict: enclosingDictionary(bytes, text, m.index) });
  }
  return found.sort((a, b) => a.range[2] + a.range[3] - (b.range[2] + b.range[3]));
}

/** The signature dictionary around a /ByteRange: the indirect object that contains it. */
function enclosingDictionary(bytes: Uint8Array, text: string, at: number): PdfDict | null {
  const head = /(\d+)\s+(\d+)\s+obj\b/g;
  let start = -1;
  for (const m of text.slice(Math.max(0, at - 4096), at).matchAll(head)) start = Math.max(0, at - 4096) + m.index;
  if (start < 0) return null;
  try {
    const lexer = new PdfLexer(bytes, start);
    lexer.word();
    lexer.word();
    lexer.word();
    const value = lexer.value();
    return value instanceof PdfDict ? value : null;
  } catch {
    return null;
  }
}

async function verifyOne(
  bytes: Uint8Array,
  { range, dict }: FoundSignature,
  anchors: readonly Uint8Array[],
): Promise<VerifiedSignature> {
  const [a, b, c, d] = range;
  const result: VerifiedSignature = {
    signer: null,
    issuer: null,
    signedAt: claimedTime(dict),
    intact: false,
    modifiedAfter: c + d !== bytes.length,
    trusted: false,
    notes: [],
  };
  if (a !== 0 || b >= c || c + d > bytes.length || bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) {
    result.notes.push('Phạm vi dữ liệu được ký (/ByteRange) không hợp lệ hoặc không khớp với tệp.');
    return result;
  }
  let signed: pkijs.SignedData;
  try {
    const der = Buffer.from(Buffer.from(bytes.subarray(b + 1, c - 1)).toString('latin1'), 'hex');
    const parsed = asn1js.fromBER(der);
    signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: parsed.result }).content });
  } catch {
    result.notes.push('Không đọc được dữ liệu chữ ký (CMS) trong tệp.');
    return result;
  }
  const carried = (signed.certificates ?? []).flatMap((cert) =>
    cert instanceof pkijs.Certificate ? [new Uint8Array(cert.toSchema().toBER())] : [],
  );
  const info = signed.signerInfos[0];
  const signerDer = info && findSignerCertificate(signed, info);
  if (!info || !signerDer) {
    result.notes.push('Chữ ký không kèm chứng thư số của người ký.');
    return result;
  }
  const facts = describeCertificate(signerDer);
  result.signer = facts.name;
  result.issuer = facts.issuer;
  result.intact = checkIntegrity(bytes, range, info, signerDer, result.notes);
  const timestamp = await checkTimestamp(info, anchors, result.notes);
  if (timestamp) result.signedAt = isoVietnam(timestamp);
  else result.notes.push('Thời điểm ký do người ký tự khai (không có dấu thời gian được tin cậy).');
  const at = timestamp ?? (result.signedAt ? new Date(result.signedAt) : new Date());
  const trust = trustPath(signerDer, carried, anchors, at);
  result.notes.push(...trust.notes);
  if (!facts.maySign) result.notes.push(`Chứng thư số "${facts.name}" không có mục đích sử dụng ký số.`);
  result.trusted = result.intact && trust.trusted && facts.maySign;
  result.notes.push(NO_REVOCATION_NOTE);
  return result;
}

function findSignerCertificate(signed: pkijs.SignedData, info: pkijs.SignerInfo): Uint8Array | null {
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = info.sid;
  const match = certs.find((cert) =>
    sid instanceof pkijs.IssuerAndSerialNumber
      ? cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber)
      : Buffer.from(
          (cert.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined)
            ?.valueBlock.valueHexView ?? [],
        ).equals(Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView)),
  );
  return match ? new Uint8Array(match.toSchema().toBER()) : null;
}

function attributeValue(info: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined {
  return info.signedAttrs?.attributes.find((attr) => attr.type === oid)?.values[0];
}

/** Byte ranges → digest → messageDigest; signed attributes → signature; signing-certificate-v2 → certificate. */
function checkIntegrity(
  bytes: Uint8Array,
  [a, b, c, d]: FoundSignature['range'],
  info: pkijs.SignerInfo,
  signerDer: Uint8Array,
  notes: string[],
): boolean {
  const hash = HASHES[info.digestAlgorithm.algorithmId];
  if (!hash || !info.signedAttrs) {
    notes.push('Chữ ký dùng thuật toán băm hoặc cấu trúc không được hỗ trợ.');
    return false;
  }
  const digest = createHash(hash)
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
  const claimed = attributeValue(info, OID.messageDigest) as asn1js.OctetString | undefined;
  if (!claimed || !digest.equals(Buffer.from(claimed.valueBlock.valueHexView))) {
    notes.push('Nội dung được ký đã bị thay đổi: giá trị băm không khớp với chữ ký.');
    return false;
  }
  const signedAttrs = new Uint8Array(info.signedAttrs.encodedValue);
  signedAttrs[0] = 0x31;
  const signatureValid = (() => {
    try {
      const key = new X509Certificate(signerDer).publicKey;
      return verifySignature(hash, signedAttrs, key, Buffer.from(info.signature.valueBlock.valueHexView));
    } catch {
      return false;
    }
  })();
  if (!signatureValid) {
    notes.push('Chữ ký số không khớp với chứng thư số của người ký.');
    return false;
  }
  return checkEssCertificate(info, signerDer, notes);
}

function checkEssCertificate(info: pkijs.SignerInfo, signerDer: Uint8Array, notes: string[]): boolean {
  const ess = attributeValue(info, OID.signingCertificateV2) as asn1js.Sequence | undefined;
  if (!ess) {
    notes.push('Thiếu thuộc tính signing-certificate-v2: chữ ký không đạt mức PAdES B-B.');
    return true;
  }
  const certId = (ess.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence;
  const first = certId?.valueBlock.value[0];
  // hashAlgorithm is omitted when it is the default SHA-256.
  const hashAt = first instanceof asn1js.OctetString ? 0 : 1;
  const algorithm =
    hashAt === 0 ? 'sha256' : (HASHES[new pkijs.AlgorithmIdentifier({ schema: first }).algorithmId] ?? 'sha256');
  const hash = certId?.valueBlock.value[hashAt] as asn1js.OctetString | undefined;
  if (!hash || !createHash(algorithm).update(signerDer).digest().equals(Buffer.from(hash.valueBlock.valueHexView))) {
    notes.push('Thuộc tính signing-certificate-v2 không khớp với chứng thư số của người ký.');
    return false;
  }
  return true;
}

/** The timestamp's time when the token covers this signature and its TSA is trusted; null otherwise. */
async function checkTimestamp(
  info: pkijs.SignerInfo,
  anchors: readonly Uint8Array[],
  notes: string[],
): Promise<Date | null> {
  const attr = info.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStamp);
  if (!attr) return null;
  try {
    const token = new pkijs.ContentInfo({ schema: attr.values[0] });
    const tst = timestampInfo(token);
    const signatureValue = info.signature.valueBlock.valueHexView.slice().buffer;
    const signed = new pkijs.SignedData({ schema: token.content });
    // pkijs checks the token's signature and that its message imprint is the hash of the signature value.
    const ok = await signed.verify({ signer: 0, checkChain: false, data: signatureValue });
    const tsaCerts = (signed.certificates ?? []).flatMap((cert) =>
      cert instanceof pkijs.Certificate ? [new Uint8Array(cert.toSchema().toBER())] : [],
    );
    const tsaTrust = tsaCerts[0] ? trustPath(tsaCerts[0], tsaCerts, anchors, tst.genTime) : { trusted: false };
    if (ok && tsaTrust.trusted) return tst.genTime;
    notes.push(ok ? 'Dấu thời gian không do tổ chức được tin cậy cấp.' : 'Dấu thời gian không hợp lệ.');
  } catch {
    notes.push('Không đọc được dấu thời gian của chữ ký.');
  }
  return null;
}

/** /M of the signature dictionary (D:YYYYMMDDHHmmSS+07'00') as ISO 8601 in Vietnam's time. */
function claimedTime(dict: PdfDict | null): string | null {
  const raw = stringValue(dict?.get('M'));
  const m = raw && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})?'?)?/.exec(raw);
  if (!m) return null;
  const offset = !m[7] || m[7] === 'Z' ? 'Z' : `${m[8]}${m[9]}:${m[10] ?? '00'}`;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isNaN(at.getTime()) ? null : isoVietnam(at);
}

/** Explains, for each signature that later bytes follow, whether a later intact signature covers them. */
function noteLaterSignatures(found: FoundSignature[], results: VerifiedSignature[], length: number): void {
  const coveringIntact = found.some((f, i) => f.range[2] + f.range[3] === length && results[i]!.intact);
  results.forEach((result, i) => {
    if (!result.modifiedAfter) return;
    const later = found.length - 1 - i;
    result.notes.push(
      coveringIntact && later > 0
        ? `Tệp có thêm dữ liệu sau chữ ký này, gồm ${later} chữ ký số sau đó (còn nguyên vẹn).`
        : 'Tệp đã bị thêm hoặc sửa sau chữ ký này, không có chữ ký số nào bao trùm phần thay đổi.',
    );
  });
}
