// What the portal's browser journeys for applicants share: checking a page at both widths (axe, no sideways
// scrolling, screenshots), the verification code as the mail sink received it, and a new account made through
// the sign-up page.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { seriousViolations } from './browser.ts';
import { mailsTo } from './services.ts';

export const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const SHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };
/** Each step checks several pages with axe at two widths: more than the default minute on a loaded machine. */
export const STEP_MS = 150_000;

/** The page's one heading of level 1, once it reads `text`. */
export const heading = (page: Page, text: string | RegExp) =>
  page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 20_000 });

/**
 * Settled: no request in flight and Ant Design's motions over (a message fading out is not what a person reads);
 * endless animations (a loading skeleton) are not waited for.
 */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
  );
}

/**
 * The page passes axe and fits its width at 1280 px and at 360 px, photographed at both when `shot` is given
 * (docs/screenshots/portal-<shot>-desktop.png and -phone.png). Leaves the page at 1280 px.
 */
export async function look(page: Page, shot?: string) {
  await mkdir(SHOTS, { recursive: true });
  for (const [viewport, suffix] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    await page.setViewportSize(viewport);
    await settle(page);
    expect(await seriousViolations(page), `${shot ?? page.url()} at ${viewport.width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    if (shot) await page.screenshot({ path: `${SHOTS}portal-${shot}-${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** The newest six-digit code mailed to `address` (the app sends it through its outbox and real SMTP). */
export async function verificationCode(address: string): Promise<string> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const code = /là: (\d{6})/.exec((await mailsTo(mailDir, address)).at(-1)?.text ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no verification code mailed to ${address}`);
}

/**
 * Fills the sign-up page as a citizen named `name`, then the code from the mail; ends signed in. `onCodePage` looks
 * at the page asking for the code.
 */
export async function signUp(
  page: Page,
  login: string,
  name: string,
  password: string,
  onCodePage?: () => Promise<void>,
) {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Email hoặc số điện thoại').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByLabel('Nhập lại mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await heading(page, 'Xác minh tài khoản');
  await onCodePage?.();
  await page.getByLabel('Mã xác minh').fill(await verificationCode(login));
  await page.getByRole('button', { name: 'Xác minh và đăng nhập' }).click();
}

/** The text of a PDF file, read by poppler's pdftotext. */
export const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
