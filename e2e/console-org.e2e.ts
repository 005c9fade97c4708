// The agency administrator's staff journey: adds a department and a staff member (role granted in the same dialog,
// a temporary password shown once); that person signs in with it, is made to choose their own password and sees
// the menu of the granted role; the administrator then locks the account and the person is signed out at once.
// axe at 1280 and 360 px; screenshots at 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { baseUrl, checkPage, LONG, PHONE, signIn, staffContext } from './console.ts';
import { Staff } from './staff-api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const ORG = '/can-bo/quan-tri/to-chuc';
// Other files share the server's data: names of their own keep this journey repeatable.
const suffix = Date.now().toString(36).slice(-5);
const DEPARTMENT = { code: `PBGDPL${suffix}`.toUpperCase(), name: `Phòng Phổ biến, giáo dục pháp luật ${suffix}` };
const PERSON = { username: `tapsu${suffix}.stp`, fullName: `Phan Thị Hoa ${suffix}` };
const OWN_PASSWORD = 'Hoa-Bac-Lieu-2026!';

async function signInWith(page: Page, username: string, password: string) {
  await page.goto(`${baseUrl}/can-bo/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('staff administration', () => {
  it(
    'onboards a person with a temporary password they must change, then offboards them',
    async () => {
      const adminContext = await staffContext(browser);
      const admin = await signIn(adminContext, 'quantri.stp', ORG);
      await admin.getByRole('heading', { level: 2, name: 'Sở Tư pháp tỉnh Bạc Liêu' }).waitFor();

      // A department.
      await admin.getByRole('button', { name: 'Thêm phòng ban' }).click();
      const depDialog = admin.getByRole('dialog', { name: /Thêm phòng ban của Sở Tư pháp/ });
      await depDialog.getByLabel('Mã phòng ban').fill('có dấu');
      await depDialog.getByLabel('Tên').fill(DEPARTMENT.name);
      await depDialog.getByRole('button', { name: 'Thêm' }).click();
      await depDialog.getByRole('alert').first().waitFor();
      await depDialog.getByLabel('Mã phòng ban').fill(DEPARTMENT.code);
      await depDialog.getByRole('button', { name: 'Thêm' }).click();
      await depDialog.waitFor({ state: 'detached' });
      await admin.getByText(`${DEPARTMENT.name} (${DEPARTMENT.code})`).waitFor();

      // A staff member of that department, a specialist, from one dialog.
      await admin.getByRole('button', { name: 'Thêm cán bộ' }).click();
      const staffDialog = admin.getByRole('dialog', { name: /Thêm cán bộ của Sở Tư pháp/ });
      await staffDialog.getByLabel('Tên đăng nhập').fill(PERSON.username);
      await staffDialog.getByLabel('Họ và tên').fill(PERSON.fullName);
      await staffDialog.getByLabel('Chức vụ').fill('Chuyên viên');
      await staffDialog.getByLabel('Phòng ban').selectOption({ label: DEPARTMENT.name });
      await staffDialog.getByLabel('Chuyên viên thụ lý').check();
      await checkPage(admin, 'org-new-staff');
      await staffDialog.getByRole('button', { name: 'Thêm' }).click();
      const shown = admin.getByRole('dialog', { name: `Mật khẩu tạm của ${PERSON.fullName}` });
      const temporary = (await shown.locator('code').textContent()) ?? '';
      expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      await checkPage(admin, 'org-temporary-password');
      await shown.getByRole('button', { name: /Tôi đã ghi lại/ }).click();
      await shown.waitFor({ state: 'detached' });
      await admin.getByLabel('Tìm cán bộ theo họ tên hoặc tên đăng nhập').fill(PERSON.username);
      const card = admin.locator('.staff-card', { hasText: PERSON.fullName });
      await card.getByText('Chưa đổi mật khẩu tạm', { exact: false }).waitFor();
      await card.getByText('Chuyên viên thụ lý').waitFor();
      await admin.getByLabel('Tìm cán bộ theo họ tên hoặc tên đăng nhập').fill('');
      await admin.locator('.staff-card').nth(1).waitFor();
      await checkPage(admin, 'org-1280');

      // The person signs in with it and must choose their own password before anything else.
      const personContext = await staffContext(browser);
      const person = await personContext.newPage();
      await signInWith(person, PERSON.username, temporary);
      await person.getByRole('heading', { level: 1, name: 'Đặt mật khẩu của bạn' }).waitFor();
      await checkPage(person, 'password-change');
      await person.getByLabel('Mật khẩu tạm').fill(temporary);
      await person.getByLabel('Mật khẩu mới', { exact: true }).fill(OWN_PASSWORD);
      await person.getByLabel('Nhập lại mật khẩu mới').fill('khác');
      await person.getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
      await person.getByLabel('Nhập lại mật khẩu mới').fill(OWN_PASSWORD);
      await person.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      const menu = person.getByRole('navigation', { name: 'Chức năng' });
      await menu.getByRole('link', { name: 'Hàng đợi công việc' }).waitFor();
      expect(await menu.getByRole('link').allTextContents()).toEqual(['Hàng đợi công việc']);

      // Another administrator edits the same person first: this one's save is refused and what was typed stays.
      await admin.getByLabel('Tìm cán bộ theo họ tên hoặc tên đăng nhập').fill(PERSON.username);
      await card.getByText('Chưa đổi mật khẩu tạm', { exact: false }).waitFor({ state: 'detached' });
      await card.getByRole('button', { name: `Sửa thông tin của ${PERSON.fullName}` }).click();
      const edit = admin.getByRole('dialog', { name: `Sửa thông tin của ${PERSON.fullName}` });
      const other = await Staff.signIn('quantri.stp');
      const [stored] = (
        await other.json<{ items: { id: string; version: number }[] }>('GET', `/api/v1/staff?q=${PERSON.username}`)
      ).items;
      const theirs = await other.request(
        'PATCH',
        `/api/v1/staff/${stored?.id}`,
        { position: 'Phó Trưởng phòng' },
        {
          'if-match': `"${stored?.version}"`,
        },
      );
      expect(theirs.status).toBe(200);
      await edit.getByLabel('Chức vụ').fill('Chuyên viên chính');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await edit.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi' }).waitFor();
      expect(await edit.getByLabel('Chức vụ').inputValue()).toBe('Chuyên viên chính');
      await edit.getByRole('button', { name: /Tải bản mới nhất/ }).click();
      await expect.poll(() => edit.getByLabel('Chức vụ').inputValue()).toBe('Phó Trưởng phòng');
      await edit.getByRole('button', { name: 'Hủy' }).click();
      await card.getByText('Phó Trưởng phòng', { exact: false }).waitFor();

      // Offboarding: the administrator locks the account; the person's next request finds them signed out.
      await card.getByRole('button', { name: `Khóa tài khoản của ${PERSON.fullName}` }).click();
      const confirm = admin.getByRole('dialog', { name: `Khóa tài khoản của ${PERSON.fullName}?` });
      await confirm.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await card.getByText('Đã khóa').waitFor();

      await person.reload();
      await person.waitForURL(/\/can-bo\/dang-nhap/);
      await signInWith(person, PERSON.username, OWN_PASSWORD);
      await person.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();

      await personContext.close();
      await adminContext.close();
    },
    LONG,
  );

  it(
    'passes axe on a phone, the staff list and a dialog',
    async () => {
      const context = await staffContext(browser, PHONE);
      const page = await signIn(context, 'quantri.stp', ORG);
      await page.locator('.staff-card').first().waitFor();
      await checkPage(page, 'org-360');
      await page.getByRole('button', { name: 'Sửa thông tin cơ quan' }).click();
      await page.getByRole('dialog', { name: /Sửa thông tin Sở Tư pháp/ }).waitFor();
      await checkPage(page);
      await context.close();
    },
    LONG,
  );
});
