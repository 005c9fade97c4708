// The administrator's journey: publishes a new version of a workflow (a step's time allowed changed in the draft
// editor, beside its live diagram), meets another administrator's change and keeps what they typed, moves the
// in-flight dossiers onto the new version (dry run, then apply), and publishes a new version of a procedure.
// axe on each administration page; screenshots at 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { baseUrl, checkPage, signIn, staffContext } from './console.ts';
import { Staff } from './staff-api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const WORKFLOW = 'Quy trình có thu phí, lệ phí trước khi trả kết quả';

/** The draft editor's section of a step, opened. */
async function openStep(page: Page, name: string) {
  const step = page.locator('details.step-editor', { has: page.locator('summary', { hasText: name }) });
  if (!(await step.evaluate((el) => (el as HTMLDetailsElement).open))) await step.locator('summary').click();
  return step;
}

describe('administration', () => {
  it('publishes a new workflow version, keeping what was typed when another administrator saved first', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'admin');
    await page.waitForURL(/\/can-bo\/quan-tri\/quy-trinh$/);
    await page.getByRole('heading', { level: 1, name: 'Quy trình điện tử' }).waitFor();
    await page.getByRole('link', { name: WORKFLOW }).waitFor();
    await checkPage(page, 'admin-workflows');

    // The workflow: version 1 in force, its diagram.
    await page.getByRole('link', { name: WORKFLOW }).click();
    await page.getByRole('heading', { level: 1, name: WORKFLOW }).waitFor();
    const diagram = page.getByRole('img', { name: /Sơ đồ quy trình .*, phiên bản 1/ });
    await diagram.waitFor();
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0));
    await checkPage(page, 'admin-workflow');

    // A new version: the specialist's step gets 4 working days instead of 3. A wrong value is refused beside it.
    await page.getByRole('link', { name: 'Soạn phiên bản mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bản nháp phiên bản 2' }).waitFor();
    await page.getByText('Quy trình hợp lệ.').waitFor();
    const step = await openStep(page, 'Chuyên viên thụ lý');
    const time = step.getByLabel('Thời gian được giao');
    expect(await time.inputValue()).toBe('3');
    await time.fill('0');
    await step.getByRole('alert').filter({ hasText: 'timeAllowed.amount' }).waitFor();
    await page.getByText('1 lỗi cần sửa').first().waitFor();
    await time.fill('4');
    await page.getByText('Quy trình hợp lệ.').waitFor();
    await expect.poll(() => step.locator('summary').textContent()).toContain('4 ngày làm việc');
    // The live diagram follows the form.
    const live = page.getByRole('img', { name: /phiên bản 2/ });
    expect(decodeURIComponent((await live.getAttribute('src')) ?? '')).toContain(
      'Chuyên viên thụ lý · 4 ngày làm việc',
    );
    await checkPage(page, 'admin-workflow-draft');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu bản nháp').waitFor();

    // Another administrator saves the same draft meanwhile: this one's save is refused, and what was typed stays.
    const other = await Staff.signIn('admin');
    const stored = await other.json<{ revision: number; definition: Record<string, unknown> }>(
      'GET',
      '/api/v1/workflows/with-fee/versions/2',
    );
    const theirs = { ...stored.definition, description: 'Thêm bước thu phí theo Nghị quyết của HĐND tỉnh.' };
    const put = await other.request(
      'PUT',
      '/api/v1/workflows/with-fee/draft',
      { definition: theirs },
      {
        'if-match': `"${stored.revision}"`,
      },
    );
    expect(put.status).toBe(200);
    const description = page.getByLabel('Mô tả');
    await description.fill('Ghi chú của tôi');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi' }).waitFor();
    expect(await description.inputValue()).toBe('Ghi chú của tôi');
    await page.getByRole('button', { name: /Tải bản mới nhất/ }).click();
    await expect.poll(() => description.inputValue()).toBe(theirs.description);

    // Publish version 2.
    await page.getByText('Quy trình hợp lệ.').waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    const publishDialog = page.getByRole('dialog', { name: 'Công bố phiên bản 2?' });
    await publishDialog.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố phiên bản 2.').waitFor();
    await page.getByRole('heading', { level: 1, name: WORKFLOW }).waitFor();
    await context.close();
  }, 120_000);

  it('moves the in-flight dossiers onto the new version: a dry run first, then for real', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'admin', '/can-bo/quan-tri/quy-trinh/with-fee');
    await page.getByRole('heading', { level: 1, name: WORKFLOW }).waitFor();

    // Move the in-flight dossiers: a step left unmapped blocks its dossiers, with the reason; then all of them.
    const migration = page.getByRole('region', { name: 'Chuyển hồ sơ đang giải quyết từ phiên bản 1 sang 2' });
    const processing = migration.getByLabel('Chuyên viên thụ lý (processing) chuyển sang');
    expect(await processing.inputValue()).toBe('processing');
    await processing.selectOption('');
    await migration.getByRole('button', { name: 'Chạy thử' }).click();
    await migration.getByRole('heading', { name: 'Kết quả chạy thử' }).waitFor();
    const count = async (label: string) =>
      Number(new RegExp(`${label}: (\\d+)`).exec((await migration.textContent()) ?? '')?.[1]);
    const blocked = await count('Không chuyển được');
    const movable = await count('Chuyển được');
    expect(blocked).toBeGreaterThan(0);
    await migration.locator('summary', { hasText: 'Danh sách không chuyển được' }).click();
    await migration.getByText('Bước "processing" không có trong bảng ánh xạ.').first().waitFor();
    await processing.selectOption('processing');
    await migration.getByRole('button', { name: 'Chạy thử' }).click();
    await migration.getByText('Không chuyển được: 0 hồ sơ.').waitFor();
    const moves = await count('Chuyển được');
    expect(moves).toBe(movable + blocked);
    await checkPage(page, 'admin-migration');
    await migration.getByRole('button', { name: `Chuyển ${moves} hồ sơ…` }).click();
    const confirm = page.getByRole('dialog', { name: `Chuyển ${moves} hồ sơ sang phiên bản 2?` });
    await confirm.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await migration.getByText(`Đã chuyển ${moves} hồ sơ.`).waitFor({ timeout: 30_000 });

    // Nothing is left to move: a new dry run finds no dossier on version 1.
    const other = await Staff.signIn('admin');
    const again = await other.json<{ totals: { moves: number } }>('POST', '/api/v1/workflows/with-fee/migrations', {
      fromVersion: 1,
      mapping: { processing: 'processing' },
    });
    expect(again.totals.moves).toBe(0);
    await context.close();
  }, 120_000);

  it('publishes a new version of a procedure, with its e-form previewed as it is edited', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'admin', '/can-bo/quan-tri/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
    await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('giay phep hoat dong in');
    const link = page.getByRole('link', { name: 'Cấp giấy phép hoạt động in' });
    await page.getByText('Tìm thấy 1 thủ tục đang áp dụng.').waitFor();
    await page.waitForFunction(() => !document.querySelector('.is-stale'));
    await checkPage(page, 'admin-catalogue');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Cấp giấy phép hoạt động in' }).waitFor();
    await page.getByRole('heading', { name: 'Soạn phiên bản 2' }).waitFor();
    const code = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // Processing time: a wrong value is refused by the server, beside its field and on its tab.
    await page.getByRole('tab', { name: 'Thời hạn giải quyết' }).click();
    const time = page.getByLabel('Thời hạn', { exact: true });
    expect(await time.inputValue()).toBe('15');
    await time.fill('0');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByRole('tab', { name: 'Thời hạn giải quyết (1)' }).waitFor();
    await page.locator('#pc-processingTimes\\.0\\.value-error').waitFor();
    expect(await time.getAttribute('aria-invalid')).toBe('true');
    await time.fill('12');

    // The e-form: a new field typed into the schema appears in the preview.
    await page.getByRole('tab', { name: 'Biểu mẫu điện tử' }).click();
    const schema = page.getByLabel('Lược đồ biểu mẫu (JSON Schema)');
    const preview = page.getByRole('region', { name: 'Xem trước' });
    await preview.getByText('Địa điểm sản xuất').waitFor();
    const written = JSON.parse(await schema.inputValue()) as { properties: Record<string, unknown> };
    await schema.fill('{ "type": "object", ');
    await page.getByText(/Chưa phải JSON hợp lệ/).waitFor();
    written.properties.soGiayPhepCu = { type: 'string', title: 'Số giấy phép cũ (nếu có)' };
    await schema.fill(JSON.stringify(written, null, 2));
    // The field order of the UI hints names every field: the new one goes last.
    const ui = page.getByLabel('Gợi ý hiển thị (uiSchema)');
    const hints = JSON.parse(await ui.inputValue()) as { 'ui:order': string[] };
    hints['ui:order'].push('soGiayPhepCu');
    await ui.fill(JSON.stringify(hints, null, 2));
    await preview.getByLabel('Số giấy phép cũ (nếu có)').waitFor();
    await checkPage(page, 'admin-procedure-eform');

    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu bản nháp').waitFor();
    await page.getByRole('button', { name: 'Công bố phiên bản 2' }).click();
    const dialog = page.getByRole('dialog', { name: /^Công bố phiên bản 2, áp dụng từ/ });
    await dialog.getByRole('button', { name: 'Công bố phiên bản 2' }).click();
    await page.getByText(/^Đã công bố phiên bản 2, áp dụng từ \d\d\/\d\d\/\d{4}\.$/).waitFor();
    const versions = page.getByRole('table', { name: 'Các phiên bản' });
    await versions.getByRole('row', { name: /Phiên bản 2 Đang áp dụng/ }).waitFor();
    await versions.getByRole('row', { name: /Phiên bản 1 Hết hiệu lực/ }).waitFor();
    await checkPage(page, 'admin-procedure');

    // The portal now shows version 2.
    const published = (await (await page.request.get(`${baseUrl}/api/v1/procedures/${code}`)).json()) as {
      version: number;
      processingTimes: { value: number }[];
      eform: { schema: { properties: Record<string, unknown> } };
    };
    expect(published.version).toBe(2);
    expect(published.processingTimes[0]?.value).toBe(12);
    expect(Object.keys(published.eform.schema.properties)).toContain('soGiayPhepCu');

    // Export then import the catalogue: the file is sent with its progress shown, and nothing changes.
    await page.getByRole('link', { name: '← Danh sách thủ tục' }).click();
    const exported = await page.request.get(`${baseUrl}/api/v1/catalog/export?format=json`);
    expect(exported.status()).toBe(200);
    await page.getByLabel('Chọn tệp JSON hoặc Excel để nhập').setInputFiles({
      name: 'danh-muc.json',
      mimeType: 'application/json',
      buffer: await exported.body(),
    });
    await page.getByText(/^Đã nhập: 0 thủ tục mới, 0 thủ tục có phiên bản mới, \d+ thủ tục không đổi\.$/).waitFor({
      timeout: 30_000,
    });
    await context.close();
  }, 120_000);

  it('keeps the calendar and the roles of staff', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'admin', '/can-bo/quan-tri/lich?lich=province&nam=2030');
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
    await page.getByText('Lịch nghỉ năm 2030 đang là lịch tạm tính').waitFor();
    await page.getByRole('button', { name: 'Xác nhận lịch năm 2030' }).waitFor();
    await checkPage(page, 'admin-calendar');

    // A day off added to 2030, then removed: each change sends the year with the calendar's version.
    const entries = page.getByRole('region', { name: 'Danh sách ngày năm 2030' });
    await entries.getByLabel('Ngày', { exact: true }).fill('2030-11-25');
    await entries.getByLabel('Tên', { exact: true }).fill('Ngày Văn hóa Việt Nam (nghỉ bù)');
    await entries.getByLabel('Loại ngày').selectOption('substitute');
    await entries.getByRole('button', { name: 'Thêm ngày' }).click();
    const row = entries.getByRole('row', { name: /25\/11\/2030/ });
    await row.waitFor();
    // Editing a provisional year confirms it.
    await page.getByText('Lịch nghỉ đã được xác nhận').waitFor();
    await row.getByRole('button', { name: 'Xóa' }).click();
    await page
      .getByRole('dialog', { name: 'Xóa ngày 25/11/2030 khỏi lịch?' })
      .getByRole('button', { name: 'Xóa' })
      .click();
    await row.waitFor({ state: 'detached' });

    // Organisation: the Department of Justice's staff; a role granted, then revoked.
    await page.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổ chức, cán bộ' }).waitFor();
    await page.getByRole('button', { name: 'Sở Tư pháp tỉnh Bạc Liêu', exact: true }).click();
    await page.getByRole('heading', { name: 'Sở Tư pháp tỉnh Bạc Liêu', exact: true }).waitFor();
    const card = page.locator('.staff-card', { hasText: 'chuyenvien.stp' });
    await card.getByRole('button', { name: 'Cấp vai trò cho Đặng Thị Kim Loan' }).click();
    await card.getByLabel('Vai trò', { exact: true }).selectOption('reporting_officer');
    await card.getByRole('button', { name: 'Cấp vai trò', exact: true }).click();
    const granted = card.getByRole('button', { name: 'Thu hồi vai trò Cán bộ báo cáo thống kê của Đặng Thị Kim Loan' });
    await granted.waitFor();
    await checkPage(page, 'admin-org');
    await granted.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click();
    await granted.waitFor({ state: 'detached' });
    await context.close();
  }, 120_000);
});
