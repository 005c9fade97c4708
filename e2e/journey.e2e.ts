// A citizen's whole journey through the portal, in chromium, against the real server: sign up (the verification
// code comes by real SMTP), find a procedure while typing, apply online (offering, e-form, files, review, a
// double-clicked submit), the desk receives it (staff API as motcua.p1), the citizen sees the status and downloads
// the receipt, the office renders, signs and returns the result (chuyenvien.p1, lanhdao.p1 with a key whose root
// the app trusts), the citizen downloads it and the verification page says intact and trusted, then rates the
// service. Every portal page visited passes axe at 1280 px and at 360 px, where nothing scrolls sideways; each is
// photographed into docs/screenshots/portal-*.png for a person to look at.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, DESKTOP, heading as headingOf, look, pdfText, STEP_MS, signUp } from './applicant.ts';
import { launch } from './browser.ts';
import { smallPdf } from './console.ts';
import { Staff } from './staff-api.ts';

const kit = inject('signingKit');
const PASSWORD = 'mat-khau-cua-chi-lan';
const login = `nguyen.thi.lan.${Date.now()}@example.vn`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let dossierId = '';
let dossierCode = '';
let trackingSecret = '';

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
});
afterAll(() => browser?.close());

const heading = (text: string | RegExp) => headingOf(page, text);

describe('a citizen applies online and receives a signed result', () => {
  it(
    'is sent to sign in on the way to applying, signs up with a code sent by mail and comes back',
    async () => {
      await page.goto(`${baseUrl}/`);
      await heading('Bạn cần làm thủ tục gì?');
      await page.getByLabel('Tìm thủ tục theo tên hoặc mã').pressSequentially('dang ky khai sinh', { delay: 30 });
      await page.locator('.procedure-list').getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
      await heading('Đăng ký khai sinh');
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

      await heading('Đăng nhập');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/nop-ho-so/9.000001');
      await page.getByText('Hãy đăng nhập để nộp hồ sơ trực tuyến.').waitFor();
      await look(page, 'sign-in');
      await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();

      await heading('Đăng ký tài khoản');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
      await page.getByLabel('Nhập lại mật khẩu').fill('ngan');
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.getByText('Ít nhất 10 ký tự.', { exact: true }).first().waitFor();
      await look(page, 'sign-up');
      await signUp(page, login, 'Nguyễn Thị Lan', PASSWORD, async () => {
        await page.getByText('Mã xác minh đang được gửi tới email đã đăng ký.').waitFor();
        await look(page, 'verify-code');
      });

      await heading('Nộp hồ sơ trực tuyến');
      expect(new URL(page.url()).pathname).toBe('/nop-ho-so/9.000001');
    },
    STEP_MS,
  );

  it(
    'chooses where to apply, fills the e-form, attaches the files and submits once despite a double click',
    async () => {
      await page.getByRole('group', { name: 'Chọn nơi tiếp nhận hồ sơ' }).waitFor();
      await page.getByRole('radio', { name: 'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu' }).check();
      expect(await page.getByLabel('Họ tên người nộp hồ sơ').inputValue()).toBe('Nguyễn Thị Lan');
      await look(page, 'wizard-agency');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // The e-form, from the procedure's JSON Schema; what the account knows is already there.
      await page.waitForURL(/buoc=to-khai/);
      dossierId = new URL(page.url()).searchParams.get('ho-so') ?? '';
      const field = (label: string) => page.getByLabel(label, { exact: true });
      await field('Số định danh cá nhân').waitFor();
      expect(await field('Họ, chữ đệm và tên người yêu cầu').inputValue()).toBe('Nguyễn Thị Lan');
      await field('Số định danh cá nhân').fill('09518700012');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('"Số định danh cá nhân" không đúng định dạng.').waitFor();
      await page.getByText('Hãy nhập "Nơi sinh".').waitFor();
      await look(page, 'wizard-eform-errors');
      await field('Số định danh cá nhân').fill('095187000123');
      await field('Nơi cư trú').fill('Số 12 đường Hai Bà Trưng, khóm 1, Phường 1, thành phố Bạc Liêu');
      await field('Số điện thoại').fill('0912345678');
      await field('Quan hệ với người được khai sinh').selectOption({ label: 'Mẹ' });
      await field('Họ, chữ đệm và tên người được khai sinh').fill('Trần Minh An');
      await field('Ngày, tháng, năm sinh').fill('2026-11-20');
      await field('Giới tính').selectOption({ label: 'Nam' });
      await field('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Bạc Liêu');
      await field('Dân tộc').fill('Kinh');
      await field('Quốc tịch').fill('Việt Nam');
      await page.getByText(/^Đã lưu bản nháp lúc \d\d:\d\d\.$/).waitFor();
      await look(page, 'wizard-eform');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // Files: a wrong one is refused in the browser with a clear message; the right ones go up with progress.
      await page.waitForURL(/buoc=thanh-phan/);
      const drop = (component: string) =>
        page.getByRole('region', { name: new RegExp(`^${component}`) }).locator('input[type=file]');
      await drop('1. Tờ khai đăng ký khai sinh').waitFor({ state: 'attached' });
      await drop('2. Giấy chứng sinh').setInputFiles({
        name: 'giay-chung-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('ảnh chụp đổi tên thành .pdf'),
      });
      await page.getByText('Nội dung tệp "giay-chung-sinh.pdf" không đúng với phần mở rộng').waitFor();
      await drop('1. Tờ khai đăng ký khai sinh').setInputFiles({
        name: 'to-khai-khai-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('TO KHAI DANG KY KHAI SINH - TRAN MINH AN'),
      });
      await page.getByRole('link', { name: 'to-khai-khai-sinh.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Còn 1 thành phần bắt buộc chưa có tệp.').waitFor();
      await look(page, 'wizard-files-missing');
      await drop('2. Giấy chứng sinh').setInputFiles({
        name: 'giay-chung-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('GIAY CHUNG SINH - BENH VIEN DA KHOA TINH BAC LIEU'),
      });
      await page.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Bỏ qua' }).click();
      await look(page, 'wizard-files');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // Review and submit: the declaration first; then two clicks in a row make one dossier.
      await page.waitForURL(/buoc=xem-lai/);
      const submit = page.getByRole('button', { name: 'Nộp hồ sơ', exact: true });
      await submit.waitFor();
      expect(await page.locator('.panel').textContent()).toContain('Trần Minh An');
      await submit.click();
      await page.getByText('Hãy đánh dấu cam đoan trước khi nộp.').waitFor();
      await page.getByRole('checkbox', { name: /Tôi xin cam đoan/ }).check();
      await look(page, 'wizard-review');
      await submit.dblclick();

      await page.waitForURL(new RegExp(`/ho-so-cua-toi/${dossierId}`));
      await heading('Đăng ký khai sinh');
      await page.getByText('Đã nộp hồ sơ.').waitFor();
      expect(await page.locator('.status-tag').first().textContent()).toBe('Chờ tiếp nhận');
      await look(page, 'dossier-submitted');

      await page.getByRole('link', { name: 'Hồ sơ của tôi' }).first().click();
      await heading('Hồ sơ của tôi');
      await page.locator('.dossier-card').first().waitFor();
      expect(await page.locator('.dossier-card').count()).toBe(1);
    },
    STEP_MS,
  );

  it(
    'is received at the desk; the citizen sees the code and appointment and downloads the receipt',
    async () => {
      const officer = await Staff.signIn('motcua.p1');
      const waiting = await officer.json<{ items: { id: string }[] }>(
        'GET',
        '/api/v1/dossiers?queue=receive&limit=200',
      );
      expect(waiting.items.map((d) => d.id)).toContain(dossierId);
      const accepted = await officer.act(dossierId, 'accept');
      expect(accepted.status).toBe('processing');
      dossierCode = accepted.code ?? '';
      trackingSecret = accepted.trackingSecret ?? '';

      await page.reload();
      await heading('Hồ sơ của tôi');
      const card = page.locator('.dossier-card').first();
      await card.getByText('Đang giải quyết').waitFor();
      expect(await card.textContent()).toContain(dossierCode);
      await card.getByText('Hẹn trả kết quả').waitFor();
      await look(page, 'my-dossiers');

      await card.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
      await heading('Đăng ký khai sinh');
      expect(await page.locator('.dossier__tags').textContent()).toContain(dossierCode);
      await page.getByText('Tiếp nhận hồ sơ (Mẫu 01)').waitFor();
      const [receipt] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Giấy tiếp nhận hồ sơ và hẹn trả kết quả \(Mẫu 01\)/ }).click(),
      ]);
      const receiptPath = await receipt.path();
      expect(readFileSync(receiptPath).subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(receiptPath);
      expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(text).toContain(dossierCode);
      await look(page, 'dossier');
    },
    STEP_MS,
  );

  it(
    'can be tracked by anyone holding the code and the secret printed on the receipt',
    async () => {
      const visitor = await browser.newPage({ viewport: DESKTOP, locale: 'vi-VN' });
      await visitor.goto(`${baseUrl}/tra-cuu`);
      await visitor.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
      await visitor.getByLabel('Mã hồ sơ').fill(dossierCode);
      await visitor.getByLabel('Mã tra cứu').fill('AAA-BBB-CCC');
      await visitor.getByRole('button', { name: 'Tra cứu' }).click();
      await visitor.getByText('Không tìm thấy hồ sơ. Hãy kiểm tra lại mã hồ sơ và mã tra cứu').waitFor();
      await visitor.getByLabel('Mã tra cứu').fill(trackingSecret.toLowerCase());
      await visitor.getByRole('button', { name: 'Tra cứu' }).click();
      await visitor.getByRole('heading', { level: 2, name: `Hồ sơ ${dossierCode}` }).waitFor();
      expect(await visitor.locator('.timeline').textContent()).toContain('Tiếp nhận hồ sơ (Mẫu 01)');
      await look(visitor, 'tracking');
      await visitor.close();
    },
    STEP_MS,
  );

  it(
    'gets its result rendered, signed with a trusted key and returned electronically',
    async () => {
      // The leader's signing key, registered by the administrator: its certificate chains to the test root the
      // app was started with as its trust anchor.
      const leader = await Staff.signIn('lanhdao.p1');
      const { id: leaderId } = await leader.json<{ id: string }>('GET', '/api/v1/me');
      const admin = await Staff.signIn('admin');
      const key = new FormData();
      key.append('owner', 'staff');
      key.append('staffId', leaderId);
      key.append('backend', 'software');
      key.append('password', kit.leaderPassword);
      key.append('pkcs12', new Blob([await readFile(kit.leaderP12)]), 'lanhdao.p12');
      key.append('image', new Blob([await readFile(kit.signatureImage)]), 'chu-ky.png');
      await admin.json('POST', '/api/v1/signing/keys', key);

      const specialist = await Staff.signIn('chuyenvien.p1');
      const result = await specialist.json<{ id: string }>('POST', `/api/v1/dossiers/${dossierId}/results`, {
        template: 'giay-khai-sinh',
      });
      await specialist.act(dossierId, 'propose', {
        opinion: 'Hồ sơ đủ điều kiện, đề nghị cấp Giấy khai sinh.',
        documents: [result.id],
      });
      await leader.json('POST', `/api/v1/dossiers/${dossierId}/results/${result.id}/sign`, { layout: 'signer' });
      await leader.act(dossierId, 'sign', { signedDocumentId: result.id });
      const officer = await Staff.signIn('motcua.p1');
      const returned = await officer.act(dossierId, 'return_result', { delivery: 'electronic' });
      expect(returned.status).toBe('returned');
    },
    STEP_MS,
  );

  it(
    'downloads the signed result, whose signature the verification page finds intact and trusted',
    async () => {
      await page.reload();
      await heading('Đăng ký khai sinh');
      await page.locator('.status-tag', { hasText: 'Đã trả kết quả' }).waitFor();
      const resultLink = page.getByRole('link', { name: 'Giấy khai sinh', exact: true });
      await resultLink.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), resultLink.click()]);
      const text = pdfText(await download.path());
      expect(text).toContain('GIẤY KHAI SINH');
      expect(text).toContain('Trần Minh An');
      await look(page, 'dossier-returned');

      await page.getByRole('link', { name: /Kiểm tra chữ ký số Giấy khai sinh/ }).click();
      await heading('Kiểm tra chữ ký số');
      const signature = page.getByRole('article', { name: /^Chữ ký 1/ });
      await signature.waitFor({ timeout: 20_000 });
      expect(await signature.getByRole('heading').textContent()).toContain('Chữ ký 1: Hợp lệ');
      const facts = await signature.locator('dl').textContent();
      expect(facts).toContain('Nội dung còn nguyên vẹnCó');
      expect(facts).toContain('Chứng thư số tin cậyCó');
      await look(page, 'verify');
    },
    STEP_MS,
  );

  it(
    'rates the handling on the Decree 61 criteria, once',
    async () => {
      await page.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
      await heading('Đăng ký khai sinh');
      const rating = page.getByRole('region', { name: 'Đánh giá việc giải quyết hồ sơ' });
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Hãy chọn mức đánh giá cho mọi tiêu chí.').waitFor();
      for (const criterion of [
        'Tổng thời gian giải quyết so với thời gian quy định',
        'Thời gian giải quyết tại từng cơ quan, đơn vị',
        'Số cơ quan, đơn vị phải liên hệ',
        'Số lần phải liên hệ để hoàn thiện hồ sơ',
      ]) {
        await rating.getByRole('group', { name: criterion }).getByRole('radio', { name: 'Rất hài lòng' }).check();
      }
      await rating
        .getByRole('group', { name: 'Tinh thần, thái độ phục vụ của cán bộ, công chức' })
        .getByRole('radio', { name: 'Hài lòng', exact: true })
        .check();
      await rating.getByLabel('Góp ý thêm (nếu có)').fill('Nhận kết quả điện tử rất tiện.');
      await look(page, 'rating');
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText(/^Cảm ơn bạn đã đánh giá ngày \d\d\/\d\d\/\d{4}\.$/).waitFor();
      expect(await rating.textContent()).toContain('Tinh thần, thái độ phục vụ của cán bộ, công chứcHài lòng');
      expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    },
    STEP_MS,
  );
});
