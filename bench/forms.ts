// Forms per second: Form 01 (the receipt, with its QR code and a component table) and Form 06 (the log book) rendered
// to PDF, against rendering a one-line PDF with the same font in the same run (the fixed cost of pdfkit and Tinos).
//
//   cd server && npx tsx ../bench/forms.ts          # BENCH_SECONDS (default 5) per measurement
import { form01, form06 } from '../server/src/modules/paperwork/forms.ts';
import { Paper } from '../server/src/modules/paperwork/paper.ts';
import { SAMPLE_FORM01, SAMPLE_FORM06 } from '../server/src/modules/paperwork/samples.ts';

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

console.log(`congso forms benchmark (${SECONDS} s each)`);
const baseline = await rate('one-line PDF, same font (baseline)', minimal);
const f01 = await rate('Form 01 (A5, table, QR code)', () => form01(SAMPLE_FORM01));
const f06 = await rate('Form 06 (A4 landscape log book)', () => form06(SAMPLE_FORM06));
console.log(`  ratio Form 01 / baseline:            ${(f01 / baseline).toFixed(3)}`);
console.log(`  ratio Form 06 / baseline:            ${(f06 / baseline).toFixed(3)}`);
