// Forms per second: Form 01 (the receipt, with its QR code and a component table), Form 06 (the log book) and a
// result document (the demo construction permit, from its template) rendered to PDF, against rendering a one-line PDF
// with the same font in the same run (the fixed cost of pdfkit and Tinos), and against a one-line PDF whose document
// parses the font file itself, as pdfkit does by default and as every paper did before the parsed fonts were shared.
//
//   cd server && npx tsx ../bench/forms.ts          # BENCH_SECONDS (default 5) per measurement
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { form01, form06 } from '../server/src/modules/paperwork/forms.ts';
import { Paper } from '../server/src/modules/paperwork/paper.ts';
import { SAMPLE_FORM01, SAMPLE_FORM06 } from '../server/src/modules/paperwork/samples.ts';
import { DEMO_TEMPLATES } from '../server/src/modules/results/demo.ts';
import { renderResult } from '../server/src/modules/results/render.ts';
import { SAMPLE_PERMIT_VIEW } from '../server/src/modules/results/samples.ts';
import { SIGNER_SIZE } from '../server/src/modules/signing/appearance.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function rate(name: string, render: () => Promise<Buffer>): Promise<number> {
  await render(); // warm-up: fonts parsed, code compiled
  let count = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    await render();
    count++;
  }
  const perSecond = count / SECONDS;
  console.log(`  ${name.padEnd(36)} ${perSecond.toFixed(1)} per second`);
  return perSecond;
}

const minimal = () => {
  const p = new Paper({ size: 'A5', title: 'baseline', issuedAt: new Date(0) });
  p.paragraph('Giấy tiếp nhận hồ sơ');
  return p.bytes();
};

const TINOS = readFileSync(
  createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
);
const parsedInDocument = () =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument({ size: 'A5', info: { CreationDate: new Date(0), ModDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.registerFont('regular', TINOS).font('regular').fontSize(10).text('Giấy tiếp nhận hồ sơ');
    doc.end();
  });

const permit = DEMO_TEMPLATES.find((t) => t.code === 'giay-phep-xay-dung')!;
const result = async () =>
  (
    await renderResult({
      definition: permit.definition,
      view: SAMPLE_PERMIT_VIEW,
      title: permit.name,
      issuedAt: new Date(0),
      slot: SIGNER_SIZE,
    })
  ).pdf;

console.log(`congso forms benchmark (${SECONDS} s each)`);
const baseline = await rate('one-line PDF, same font (baseline)', minimal);
const unshared = await rate('one-line PDF, font parsed in the PDF', parsedInDocument);
const f01 = await rate('Form 01 (A5, table, QR code)', () => form01(SAMPLE_FORM01));
const f06 = await rate('Form 06 (A4 landscape log book)', () => form06(SAMPLE_FORM06));
const permitRate = await rate('Result document (permit template)', result);
console.log(`  ratio Form 01 / baseline:            ${(f01 / baseline).toFixed(3)}`);
console.log(`  ratio Form 06 / baseline:            ${(f06 / baseline).toFixed(3)}`);
console.log(`  ratio permit / baseline:             ${(permitRate / baseline).toFixed(3)}`);
console.log(`  ratio Form 01 / font parsed in PDF:  ${(f01 / unshared).toFixed(3)}`);
