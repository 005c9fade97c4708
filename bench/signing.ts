// Signatures per second of the full PAdES pipeline (read the PDF, place and draw the Decree 30 appearance with
// Tinos and the signer's image, write the incremental update, hash the byte ranges, build the CMS with
// signing-certificate-v2, sign with a 2048-bit RSA software key), against plain crypto.sign of the same digest
// with the same key in the same run. Run: cd server && npx tsx ../bench/signing.ts
// Prints both rates and their ratio; the machines are shared, so only the ratio is comparable between runs.
import { createPrivateKey, sign } from 'node:crypto';
import type { Appearance } from '../server/src/modules/signing/appearance.ts';
import { sha256 } from '../server/src/modules/signing/cms.ts';
import { nextFieldName, openForSigning, placeSignature, signPdf } from '../server/src/modules/signing/pades.ts';
import { decodePng } from '../server/src/modules/signing/png.ts';
import { softwareSigner } from '../server/src/modules/signing/signers.ts';
import { verifyPdf } from '../server/src/modules/signing/verify.ts';
import { decisionPdf, makePki, signatureImage } from '../server/test/signing-fixtures.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function rate(label: string, work: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await work(); // warm-up: fonts, JIT
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    await work();
    count++;
  }
  const perSecond = count / ((performance.now() - started) / 1000);
  console.log(`${label.padEnd(44)} ${perSecond.toFixed(1).padStart(10)} /s`);
  return perSecond;
}

const pki = await makePki();
const privateKey = createPrivateKey(pki.leader.keyPem);
const signer = softwareSigner({ privateKey, chain: pki.chainOf(pki.leader) });
const pdf = await decisionPdf();
const appearance: Appearance = {
  layout: 'signer',
  position: 'Giám đốc',
  fullName: 'Nguyễn Văn Giám Đốc',
  image: decodePng(signatureImage()),
};
const digest = sha256(pdf);

async function signOnce(): Promise<Buffer> {
  const file = openForSigning(pdf);
  const { pageIndex, box } = placeSignature(file, appearance, {});
  const request = { pageIndex, box, appearance, fieldName: nextFieldName(file, 'signer'), signedAt: new Date() };
  return signPdf(file, { ...request, signerName: 'Nguyễn Văn Giám Đốc' }, signer);
}

console.log(`document: ${pdf.length} bytes, 2 pages; key: RSA 2048; ${SECONDS} s per measurement`);
const baseline = await rate('crypto.sign of the same digest (baseline)', () => sign('sha256', digest, privateKey));
const pipeline = await rate('PAdES B-B signature, full pipeline', signOnce);
const signed = await signOnce();
const verification = await rate('verification of that signature', () => verifyPdf(signed, [pki.root.der]));
console.log(`ratio pipeline / crypto.sign: ${(pipeline / baseline).toFixed(3)}`);
console.log(`ratio verification / crypto.sign: ${(verification / baseline).toFixed(3)}`);
