// Reading a PDF as a person and a machine do, with the poppler tools: its text (pdftotext), its pages as images
// (pdftoppm), and a comparison with a reference image that a person looked at when it was made. Regenerate the
// references with UPDATE_REFERENCES=1 after an intended change of layout, then look at the new images.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

const run = promisify(execFile);

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'congso-pdf-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF as pdftotext gives it, with runs of white space made one space. */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'doc.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'doc.pdf'), '-']);
    return stdout.replace(/\s+/g, ' ');
  });
}

/** Each page rendered in grey by pdftoppm at `dpi`. */
export function pdfPages(pdf: Uint8Array, dpi = 60): Promise<PNG[]> {
  return inTempDir(async (dir) => {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, join(dir, 'page')]);
    const { stdout } = await run('pdfinfo', [file]);
    const count = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
    // pdftoppm pads the page number to the width of the page count.
    const width = String(count).length;
    const names = Array.from({ length: count }, (_, i) => join(dir, `page-${String(i + 1).padStart(width, '0')}.png`));
    return Promise.all(names.map(async (n) => PNG.sync.read(await readFile(n))));
  });
}

/** Share of pixels whose grey level differs by more than a quarter of the range. */
export function difference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 64) differing++;
  return differing / (a.width * a.height);
}

/** Share of dark pixels: a page of blank glyphs has almost none. */
export function ink(png: PNG): number {
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) dark++;
  return dark / (png.width * png.height);
}

/**
 * How much `page` differs from the reference image at `reference`; with UPDATE_REFERENCES=1 the page becomes the
 * reference first. A missing reference is an error otherwise.
 */
export async function differenceFromReference(page: PNG, reference: string): Promise<number> {
  if (process.env.UPDATE_REFERENCES === '1') await writeFile(reference, PNG.sync.write(page));
  else if (!existsSync(reference)) throw new Error(`no reference image ${reference}`);
  return difference(page, PNG.sync.read(await readFile(reference)));
}
