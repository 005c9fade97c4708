// Debian's chromium driven by playwright-core, with axe-core injected for accessibility checks.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The pages open now, for the evidence a failed test leaves (failure-evidence.ts). */
export const openPages = new Set<Page>();

/** What went wrong inside a page, on the test's output: a stuck click then comes with its cause. */
function watch(page: Page): void {
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  page.on('pageerror', (error) => console.error(`[page error] ${page.url()}: ${error.stack ?? error.message}`));
  page.on('crash', () => console.error(`[page crashed] ${page.url()}`));
}

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', watch);
    return context;
  };
  return browser;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it stands. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not as a <script>: the page's CSP rightly forbids inline scripts.
  await page.evaluate(source);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run(),
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
