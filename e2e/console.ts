// What the console's browser journeys share: signing in as a demo member of staff (all share the demo password),
// moving through a page with Tab alone, axe and screenshots, a small PDF to attach, and reading a PDF's text.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { seriousViolations } from './browser.ts';

export const baseUrl = inject('baseUrl');
export const SHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };
const DEMO_PASSWORD = 'congso-demo';
/** A journey's time limit, and a step's: the machine may be shared with other work, and slowness is not failure. */
export const LONG = 180_000;
const STEP = 60_000;

export async function staffContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  await mkdir(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(STEP);
  return context;
}

/** Signs in on the console's sign-in page with the keyboard alone and waits to land on the person's first page. */
export async function signIn(context: BrowserContext, username: string, next = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/can-bo/dang-nhap${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/can-bo/dang-nhap'), { timeout: 15_000 });
  return page;
}

/** The accessible name of the focused element, as a person hears it (label, aria-label or text). */
export const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled;
    const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (el.matches('a, button')) return text(el);
    if (!el.matches('input, select, textarea')) return ''; // a region or the page itself: no name to match
    return (
      text(el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null) || text(el.closest('label'))
    );
  });

/** Presses Tab until the focused element's name matches (at most `limit` presses): only the keyboard moves. */
export async function tabTo(page: Page, name: string | RegExp, limit = 60): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text.includes(name) : name.test(text));
  for (let i = 0; i < limit; i++) {
    if (matches(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}" (last: "${await focusedName(page)}")`);
}

/** Waits for dialogs to finish opening: a screenshot in the middle of their zoom shows them half drawn. */
export const settled = (page: Page) =>
  page.waitForFunction(
    () => !document.querySelector('[class*="zoom-appear"], [class*="zoom-enter"], [class*="fade-appear"]'),
  );

/**
 * The page passes axe (no serious or critical violation), fits its width, and is photographed if asked: the whole
 * page, or only the window while a dialog is open (its mask covers the window, not the page).
 */
export async function checkPage(page: Page, shot?: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await settled(page);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  const dialog = await page.locator('.ant-modal-wrap').count();
  if (shot) await page.screenshot({ path: `${SHOTS}console-${shot}.png`, fullPage: dialog === 0 });
}

/** A one-page PDF with a line of text: a "scan" to attach. */
export function smallPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The text of a PDF the page can download (its cookies), read by poppler's pdftotext. */
export async function pdfText(page: Page, url: string): Promise<string> {
  const response = await page.request.get(new URL(url, baseUrl).href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: await response.body() }).toString('utf8');
}
