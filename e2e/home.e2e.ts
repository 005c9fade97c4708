// The first thing a newcomer sees after `npm start`: the portal's home page and the API documentation, in a
// browser (the portal itself: portal.e2e.ts).
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, seriousViolations } from './browser.ts';

const baseUrl = inject('baseUrl');
const SHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

describe('home page', () => {
  it('shows the portal in Vietnamese and links to the API documentation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseUrl);
    await expect(page.locator('.site-header__name').textContent()).resolves.toBe('Cổng Dịch vụ công tỉnh Bạc Liêu');
    await expect(page.locator('h1').textContent()).resolves.toBe('Bạn cần làm thủ tục gì?');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('text=Tài liệu API');
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('congso API');
    expect(await page.locator('.opblock-summary-path').allTextContents()).toContain('/api/v1/auth/login');
    await page.screenshot({ path: `${SHOTS}api-docs.png` });
  });
});
