// The one-stop officer at the counter: signs in, receives an in-person dossier on one screen with the keyboard
// alone (procedure, applicant, e-form, component checklist with a scan, accept) and gets Form 01 with its QR code
// to print. axe on each page; screenshots at 1280 px and 360 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { checkPage, focusedName, LONG, PHONE, pdfText, signIn, smallPdf, staffContext, tabTo } from './console.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

// A new applicant on every run (born in 1990, registered in Bạc Liêu: province 095, century-and-sex digit 1).
const identity = `09519${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe('reception desk', { timeout: LONG }, () => {
  it('receives an in-person dossier with the keyboard alone and prints Form 01', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'motcua.p1');
    await page.waitForURL(/\/can-bo\/tiep-nhan$/);
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    // The menu of a one-stop officer: the desk and the queues, nothing else.
    const menu = page.getByRole('navigation', { name: 'Chức năng' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Tiếp nhận hồ sơ', 'Hàng đợi công việc']);
    await page.getByRole('link', { name: /^Xem tất cả hồ sơ chờ tiếp nhận$/ }).waitFor();
    await checkPage(page, 'desk-empty');
    const screens = new Set([page.url()]);

    // 1. The procedure: typed into the search box (focused on arrival), Enter takes the first result.
    expect(await focusedName(page)).toBe('Tìm thủ tục theo tên hoặc mã');
    await page.keyboard.type('dang ky khai sinh');
    await page.locator('.procedure-option', { hasText: 'Đăng ký khai sinh' }).first().waitFor();
    await page.waitForFunction(() => /thủ tục phù hợp/.test(document.body.textContent ?? ''));
    await page.keyboard.press('Enter');
    await page.locator('.chosen-procedure', { hasText: 'Đăng ký khai sinh' }).waitFor();

    // 2. The applicant: focus is on the identity number; a wrong one is refused as the server would.
    expect(await focusedName(page)).toContain('Số định danh cá nhân');
    await page.keyboard.type('000190123456');
    await page.getByRole('alert').filter({ hasText: 'bắt đầu bằng 000, không phải mã tỉnh' }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(identity);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByText('Người nộp lần đầu.').waitFor();
    await tabTo(page, 'Họ và tên');
    await page.keyboard.type('Trần Thị Bé Ba');
    await tabTo(page, 'Số điện thoại');
    await page.keyboard.type('0912345678');
    await tabTo(page, 'Địa chỉ');
    await page.keyboard.type('Số 5 đường Trần Phú, Phường 1, thành phố Bạc Liêu');

    // 3. The e-form: the applicant's details are filled in already; the rest is typed.
    await tabTo(page, 'Quan hệ với người được khai sinh');
    await page.keyboard.press('ArrowDown'); // "Cha" — the first choice after "— Chọn —"
    await page.keyboard.press('ArrowDown'); // "Mẹ"
    await tabTo(page, 'Họ, chữ đệm và tên người được khai sinh');
    await page.keyboard.type('Trần Minh Khôi');
    await tabTo(page, 'Ngày, tháng, năm sinh');
    await page.keyboard.type('02012025');
    await tabTo(page, 'Giới tính');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Nơi sinh');
    await page.keyboard.type('Bệnh viện Đa khoa tỉnh Bạc Liêu');
    await tabTo(page, 'Dân tộc');
    await page.keyboard.type('Kinh');
    await tabTo(page, 'Quốc tịch');
    await page.keyboard.type('Việt Nam');
    expect(await page.getByLabel('Họ, chữ đệm và tên người yêu cầu').inputValue()).toBe('Trần Thị Bé Ba');

    // 4. The components: tick what was received (Space), attach the scan of the first through its file chooser.
    await tabTo(page, 'Tờ khai đăng ký khai sinh');
    await page.keyboard.press('Space');
    await tabTo(page, 'Tệp quét thành phần 1');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: smallPdf('To khai khai sinh') });
    await tabTo(page, 'Giấy chứng sinh');
    await page.keyboard.press('Space');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'desk-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // 5. Accept: the dossier gets its code, and Form 01 opens for printing.
    await tabTo(page, 'Tiếp nhận, in giấy hẹn (Mẫu 01)');
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: /^Đã tiếp nhận hồ sơ 000\.02\.11\.H05-\d{6}-\d{4,}\.$/ });
    await done.waitFor({ timeout: 20_000 });
    const code = /(000\.02\.11\.H05-\d{6}-\d+)/.exec((await done.textContent()) ?? '')?.[1] ?? '';
    expect(await focusedName(page)).toBe('In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)');
    const printed = await popup;
    expect(new URL(printed.url()).pathname).toMatch(/^\/api\/v1\/dossiers\/[0-9a-f-]+\/forms\/01\.pdf$/);
    const text = await pdfText(page, printed.url());
    expect(text).toContain(code);
    expect(text).toContain('Trần Thị Bé Ba');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).not.toContain('đã cấp cho người nộp khi tiếp nhận'); // the secret itself is printed this once
    await printed.close();
    screens.add(page.url());
    expect([...screens]).toHaveLength(1); // one screen, from the procedure to Form 01
    await checkPage(page, 'desk-received');

    // The scan went with the dossier, which is now at the commune's specialist.
    await tabTo(page, 'Mở hồ sơ');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    // The scan opens inside the workspace, its page drawn by PDF.js under the page's content security policy.
    await page.getByRole('button', { name: 'Xem to-khai.pdf' }).click();
    await page.getByRole('img', { name: 'Trang 1/1 của to-khai.pdf' }).waitFor();
    const drawn = await page
      .getByRole('img', { name: 'Trang 1/1 của to-khai.pdf' })
      .evaluate((canvas: HTMLCanvasElement) => {
        // Some dark pixels: the scan's line of text, not an empty page.
        const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100) dark++;
        return dark > 50;
      });
    expect(drawn).toBe(true);
    await checkPage(page, 'dossier-viewer');
    await page.goBack();

    // The same applicant again: found by the identity number, their details filled in with one key.
    await tabTo(page, 'Tìm thủ tục theo tên hoặc mã');
    await page.keyboard.type('dang ky khai tu');
    await page.locator('.procedure-option').first().waitFor();
    await page.waitForFunction(() => /thủ tục phù hợp/.test(document.body.textContent ?? ''));
    await page.keyboard.press('Enter');
    await page.keyboard.type(identity);
    await page.getByText(/Đã nộp \d+ hồ sơ trước đây/).waitFor();
    await tabTo(page, 'Điền thông tin đã có');
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trần Thị Bé Ba');
    expect(await page.getByLabel('Số điện thoại', { exact: true }).inputValue()).toBe('0912345678');
    await context.close();
  });
});
