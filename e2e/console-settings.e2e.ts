// System settings: the system administrator writes a notice for the portal, meets another administrator's change
// and keeps what they typed, sees the notice on the portal's home page, then puts it back to its default (empty), so
// the demo is left as it was. axe on the settings page at 1280 and 360 px; a screenshot at 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { baseUrl, checkPage, LONG, PHONE, SHOTS, signIn, staffContext } from './console.ts';
import { Staff } from './staff-api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const SETTINGS = '/can-bo/quan-tri/cai-dat';
const NOTICE_LABEL = 'Thông báo trên trang chủ cổng dịch vụ công';
const NOTICE = 'Bộ phận một cửa tỉnh nghỉ chiều thứ Sáu 29/8 để bảo trì hệ thống.';

interface Setting {
  key: string;
  version: number;
  source: string;
}

async function openSettings(page: Page) {
  await page.goto(`${baseUrl}${SETTINGS}`);
  await page.getByRole('heading', { level: 1, name: 'Cài đặt hệ thống' }).waitFor();
  await page.getByRole('rowheader', { name: 'SIGNING_MASTER_KEY' }).waitFor();
}

const noticeForm = (page: Page) => page.getByRole('region', { name: NOTICE_LABEL });

describe('system settings', () => {
  it(
    'sets the portal notice through a conflict, sees it on the portal, then resets it',
    async () => {
      const context = await staffContext(browser);
      const page = await signIn(context, 'admin');
      await page.getByRole('link', { name: 'Cài đặt hệ thống' }).click();
      await page.waitForURL(new RegExp(`${SETTINGS}$`));
      await openSettings(page);
      const form = noticeForm(page);
      await expect.poll(() => form.getByText('Đang dùng giá trị mặc định.').count()).toBe(1);
      await checkPage(page, 'settings-1280');

      // Another administrator saves first: the save is refused, what was typed stays, and loading the newer one works.
      const other = await Staff.signIn('admin');
      const { items } = await other.json<{ items: Setting[] }>('GET', '/api/v1/settings');
      const stored = items.find((s) => s.key === 'portal.notice')!;
      const field = form.getByLabel('Giá trị');
      await field.fill(NOTICE);
      const theirs = await other.request(
        'PUT',
        '/api/v1/settings/portal.notice',
        { value: 'Thông báo khác' },
        {
          'if-match': `"${stored.version}"`,
        },
      );
      expect(theirs.status).toBe(200);
      await form.getByRole('button', { name: 'Lưu' }).click();
      await form.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi' }).waitFor();
      expect(await field.inputValue()).toBe(NOTICE);
      await form.getByRole('button', { name: /Tải bản mới nhất/ }).click();
      await expect.poll(() => noticeForm(page).getByLabel('Giá trị').inputValue()).toBe('Thông báo khác');

      // Saved for real this time, with the keyboard.
      const fresh = noticeForm(page).getByLabel('Giá trị');
      await fresh.fill(NOTICE);
      await fresh.press('Tab');
      await page.keyboard.press('Enter');
      await noticeForm(page).getByText('Đã lưu. Thay đổi có hiệu lực ngay.').waitFor();
      await noticeForm(page)
        .getByText(/Đã thay đổi bởi admin/)
        .waitFor();

      // The portal's home page shows it to anyone.
      const visitor = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
      const portal = await visitor.newPage();
      await portal.goto(baseUrl);
      await portal.getByRole('note').filter({ hasText: NOTICE }).waitFor();
      await portal.screenshot({ path: `${SHOTS}portal-notice-1280.png` });
      await visitor.close();

      // Back to the default, after a confirmation: the portal shows no notice again.
      await noticeForm(page).getByRole('button', { name: 'Về mặc định' }).click();
      const dialog = page.getByRole('dialog', { name: /về giá trị mặc định/ });
      await dialog.getByRole('button', { name: 'Về mặc định' }).click();
      await noticeForm(page).getByText('Đã đưa về giá trị mặc định.').waitFor();
      expect(await noticeForm(page).getByLabel('Giá trị').inputValue()).toBe('');
      const notice = await fetch(`${baseUrl}/api/v1/portal/notice`).then((r) => r.json());
      expect(notice).toEqual({ text: null });
      await context.close();
    },
    LONG,
  );

  it(
    'passes axe on a phone and keeps the secrets out of the page',
    async () => {
      const context = await staffContext(browser, PHONE);
      const page = await signIn(context, 'admin', SETTINGS);
      await openSettings(page);
      await checkPage(page);
      const key = page.getByRole('row', { name: /SIGNING_MASTER_KEY/ });
      expect(await key.textContent()).toContain('••••••');
      expect(await page.getByRole('row', { name: /SMTP_URL/ }).textContent()).not.toContain('smtp://');
      await context.close();
    },
    LONG,
  );

  it('is not in the menu of an agency administrator', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'quantri.stp');
    await page.getByRole('navigation', { name: 'Các mục quản trị' }).getByRole('link').first().waitFor();
    expect(await page.getByRole('link', { name: 'Cài đặt hệ thống' }).count()).toBe(0);
    await context.close();
  });
});
