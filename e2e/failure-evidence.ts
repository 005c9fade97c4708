// When a browser test fails, each open page is photographed and its visible text printed, so that a failure seen
// once in CI can be understood afterwards. A page whose renderer no longer answers says so instead (a hung page is
// itself the finding).
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openPages } from './browser.ts';

const ANSWER_MS = 5_000;

function within<T>(work: Promise<T>): Promise<T | 'no answer'> {
  return Promise.race([work, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), ANSWER_MS))]);
}

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const dir = join(tmpdir(), 'congso-e2e-failures');
  await mkdir(dir, { recursive: true });
  for (const [i, page] of [...openPages].entries()) {
    const file = join(dir, `${context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${i}.png`);
    const shot = await within(page.screenshot({ path: file, fullPage: true }).then(() => file));
    // biome-ignore lint/performance/useDomNodeTextContent: what the person sees is the point, hidden text is not.
    const text = await within(page.evaluate(() => document.body.innerText.slice(0, 1500)));
    console.error(
      `[failure evidence] ${page.url()}\n  screenshot: ${shot}\n  text: ${String(text).replace(/\s+/g, ' ')}`,
    );
  }
});
