// A dossier's whole way through the console, each step by its own member of staff in their own browser: the
// province's service centre receives it, the Department of Justice's specialist proposes a result made from its
// template, the head of department approves, the director signs it with her key, and the centre returns it. On the
// way: a second person acting on the same dossier gets the server's conflict and keeps what they typed, and a
// session that ends in the middle of a dialog is renewed in a dialog over it, then the action goes through.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { baseUrl, checkPage, LONG, pdfText, settled, signIn, staffContext, tabTo } from './console.ts';
import { Staff } from './staff-api.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];
let dossierUrl = '';
let code = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function as(username: string, path = dossierUrl): Promise<Page> {
  const context = await staffContext(browser);
  contexts.push(context);
  const page = await signIn(context, username, path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const actions = (page: Page) => page.getByRole('region', { name: 'Thao tác' });
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
const done = (page: Page, action: string) =>
  page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${action}.` })
    .waitFor({ timeout: 20_000 });

/**
 * A signing key for a member of staff, with a certificate issued by the test root the app trusts (the global
 * setup's signing kit), registered by the system administrator as a province registers the keys a CA issued.
 */
async function registerSigningKey(username: string, fullName: string, agency: string) {
  const kit = inject('signingKit');
  const dir = await mkdtemp(join(tmpdir(), 'congso-key-'));
  const at = (name: string) => join(dir, name);
  const root = join(kit.anchorsDir, 'root.pem');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', at('k.key'));
  await writeFile(
    at('k.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  openssl(
    ...['req', '-new', '-key', at('k.key'), '-utf8', '-subj', `/CN=${fullName}/O=${agency}/C=VN`, '-out', at('k.csr')],
  );
  openssl(
    ...['x509', '-req', '-in', at('k.csr'), '-CA', root, '-CAkey', join(dirname(kit.anchorsDir), 'root.key')],
    ...['-CAcreateserial', '-CAserial', at('root.srl'), '-days', '30', '-extfile', at('k.ext'), '-out', at('k.pem')],
  );
  openssl(
    ...['pkcs12', '-export', '-inkey', at('k.key'), '-in', at('k.pem'), '-certfile', root],
    ...['-passout', 'pass:khoa-ky', '-out', at('k.p12')],
  );
  const admin = await Staff.signIn('admin');
  const staff = await admin.json<{ items: { id: string; username: string }[] }>('GET', `/api/v1/staff?q=${username}`);
  const key = new FormData();
  key.append('owner', 'staff');
  key.append('staffId', staff.items.find((s) => s.username === username)?.id ?? '');
  key.append('backend', 'software');
  key.append('password', 'khoa-ky');
  key.append('pkcs12', new Blob([await readFile(at('k.p12'))]), `${username}.p12`);
  key.append('image', new Blob([await readFile(kit.signatureImage)]), 'chu-ky.png');
  await admin.json('POST', '/api/v1/signing/keys', key);
}

describe('a dossier through the console, from the centre to the department and back', { timeout: LONG }, () => {
  it('is received at the province service centre and handed to the Department of Justice', async () => {
    const page = await as('motcua.tinh', '/can-bo/tiep-nhan');
    await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('ly lich tu phap');
    await page.locator('.procedure-option', { hasText: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam' }).click();
    // The service centre hands the dossier over: the resolving agency is asked for, the managing one by default.
    expect(await page.getByLabel('Cơ quan giải quyết').locator('option:checked').textContent()).toBe(
      'Sở Tư pháp tỉnh Bạc Liêu',
    );
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('095085004321');
    await page.getByLabel('Họ và tên').fill('Lê Văn Tám');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0918765432');
    await page.getByLabel('Địa chỉ').fill('Số 12 đường Hòa Bình, Phường 3, thành phố Bạc Liêu');
    await page.getByLabel('Loại Phiếu lý lịch tư pháp').selectOption('Phiếu số 1');
    await page.getByLabel('Mục đích yêu cầu cấp Phiếu').fill('Bổ sung hồ sơ xin việc');
    await page.getByLabel(/^Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/).check();
    await page.getByRole('button', { name: 'Tiếp nhận, in giấy hẹn (Mẫu 01)' }).click();
    const received = page.getByRole('status').filter({ hasText: /^Đã tiếp nhận hồ sơ/ });
    await received.waitFor({ timeout: 20_000 });
    code = /(000\.00\.02\.H05-\d{6}-\d+)/.exec((await received.textContent()) ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    dossierUrl = new URL((await page.getByRole('link', { name: 'Mở hồ sơ' }).getAttribute('href')) ?? '', baseUrl)
      .pathname;
    await registerSigningKey('giamdoc.stp', 'Lý Thị Phương', 'Sở Tư pháp tỉnh Bạc Liêu');
  });

  it('is proposed by the specialist with a result made from its template', async () => {
    const page = await as('chuyenvien.stp', `/can-bo/hang-doi?hang=process&q=${encodeURIComponent(code)}`);
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await page.locator('.deadline__bar').waitFor();
    await checkPage(page, 'dossier');
    await actions(page).getByRole('button', { name: 'Trình lãnh đạo phòng' }).click();
    const propose = dialog(page, 'Trình lãnh đạo phòng');
    await propose.getByLabel('Ý kiến xử lý').fill('Hồ sơ đủ điều kiện, đề nghị cấp Phiếu lý lịch tư pháp số 1.');
    await propose.getByLabel('Lập văn bản từ mẫu').selectOption({ label: 'Phiếu lý lịch tư pháp' });
    await propose.getByRole('button', { name: 'Lập văn bản' }).click();
    await propose.getByRole('checkbox', { name: /Phiếu lý lịch tư pháp/ }).waitFor();
    expect(await propose.getByRole('checkbox', { name: /Phiếu lý lịch tư pháp/ }).isChecked()).toBe(true);
    await checkPage(page, 'action-dialog');
    await propose.getByRole('button', { name: 'Xác nhận' }).click();
    await done(page, 'Trình lãnh đạo phòng');
    await page.getByRole('region', { name: 'Văn bản kết quả' }).getByText('Chưa ký số').waitFor();
  });

  it('keeps what the second person typed when the head acted first, and lets them try again', async () => {
    const director = await as('giamdoc.stp');
    await actions(director).getByRole('button', { name: 'Cho ý kiến' }).click();
    const opinion = dialog(director, 'Cho ý kiến');
    const typed = 'Đề nghị kiểm tra kỹ mục đích sử dụng Phiếu.';
    await opinion.getByLabel('Ý kiến xử lý').fill(typed);

    const head = await as('truongphong.stp');
    await actions(head).getByRole('button', { name: 'Trình lãnh đạo cơ quan ký' }).click();
    const approve = dialog(head, 'Trình lãnh đạo cơ quan ký');
    await approve.getByLabel('Ý kiến xử lý').fill('Đồng ý, trình Giám đốc ký.');
    await approve.getByRole('button', { name: 'Xác nhận' }).click();
    await done(head, 'Trình lãnh đạo cơ quan ký');

    await opinion.getByRole('button', { name: 'Xác nhận' }).click();
    await opinion
      .getByRole('alert')
      .filter({ hasText: 'Hồ sơ đã được người khác xử lý trong lúc bạn thao tác.' })
      .waitFor();
    expect(await opinion.getByLabel('Ý kiến xử lý').inputValue()).toBe(typed);
    await settled(director);
    await director.screenshot({ path: new URL('../docs/screenshots/console-conflict.png', import.meta.url).pathname });
    await opinion.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await opinion.getByRole('button', { name: 'Xác nhận' }).click();
    await done(director, 'Cho ý kiến');
    await director.getByRole('region', { name: 'Quá trình xử lý' }).getByText(`Ý kiến: ${typed}`).waitFor();
  });

  it('is signed by the director with her own key', async () => {
    const page = await as('giamdoc.stp');
    await actions(page).getByRole('button', { name: 'Ký và chuyển kết quả về Trung tâm' }).click();
    const sign = dialog(page, 'Ký và chuyển kết quả về Trung tâm');
    await sign.getByRole('radio', { name: /Phiếu lý lịch tư pháp/ }).check();
    await sign.getByRole('button', { name: 'Xác nhận' }).click();
    await done(page, 'Ký và chuyển kết quả về Trung tâm');
    await page
      .getByRole('region', { name: 'Văn bản kết quả' })
      .getByText(/^✓ Ký số: Lý Thị Phương/)
      .waitFor();
    await page.locator('.status-tag', { hasText: 'Đã giải quyết, chờ trả kết quả' }).waitFor();
  });

  it('is returned by the centre after signing in again over an open dialog', async () => {
    const page = await as('motcua.tinh');
    await actions(page).getByRole('button', { name: 'Trả kết quả cho người nộp' }).click();
    const returning = dialog(page, 'Trả kết quả cho người nộp');
    await returning.getByLabel('Tại bộ phận một cửa').check();
    await returning.getByLabel('Ghi chú (không bắt buộc)').fill('Người nộp nhận bản giấy tại quầy số 3.');

    // The session ends while the dialog is open (signed out from elsewhere).
    const { csrfToken } = await (await page.request.get(`${baseUrl}/api/v1/me`)).json();
    expect(
      (await page.request.post(`${baseUrl}/api/v1/auth/logout`, { headers: { 'x-csrf-token': csrfToken } })).status(),
    ).toBe(204);

    await returning.getByRole('button', { name: 'Xác nhận' }).click();
    const again = dialog(page, 'Phiên đăng nhập đã hết hạn');
    await again.waitFor();
    expect(await again.getByLabel('Tên đăng nhập').inputValue()).toBe('motcua.tinh');
    await settled(page);
    await page.screenshot({
      path: new URL('../docs/screenshots/console-session-expired.png', import.meta.url).pathname,
    });
    await tabTo(page, 'Mật khẩu');
    await page.keyboard.type('congso-demo');
    await page.keyboard.press('Enter');
    await done(page, 'Trả kết quả cho người nộp');
    await page.locator('.status-tag', { hasText: 'Đã trả kết quả' }).waitFor();
    const history = page.getByRole('region', { name: 'Quá trình xử lý' });
    await history.getByText('Ghi chú: Người nộp nhận bản giấy tại quầy số 3.').waitFor();
    await history.getByText('Hình thức trả: Tại bộ phận một cửa').waitFor();

    // Form 05 follows the dossier through the hand-overs; it prints too.
    const sheet = page.getByRole('table', { name: 'Phiếu kiểm soát (Mẫu 05)' });
    await sheet.locator('tbody tr').nth(3).waitFor(); // reception, specialist, head, director and back
    const form05 = await page.getByRole('link', { name: /Mẫu 05/ }).getAttribute('href');
    expect(await pdfText(page, form05 ?? '')).toContain(code);
    await checkPage(page, 'dossier-returned');
  });
});
