// The leaders' dashboard by department, with the demo data: the city's leader sees the on-time rate of the city's
// departments (Phòng Tư pháp handles its demo dossiers), clicks one bar of the department chart and lands on the
// list of exactly those dossiers, named above the rows; axe passes on a desktop and on a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { checkPage, LONG, PHONE, signIn, staffContext } from './console.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const DASHBOARD = '/can-bo/tong-hop';
const rows = (page: Page) => page.locator('.dossier-table tbody tr');
const departments = (page: Page) =>
  page.getByRole('table', { name: /^Số hồ sơ trả trước hạn, đúng hạn, quá hạn của từng phòng thuộc/ });

/**
 * Moves the mouse along the middle of the first bar of a horizontal bar chart until ECharts shows the pointer (a
 * bar is under it), and clicks there: the canvas has no element per bar to click.
 */
async function clickFirstBar(page: Page, chartLabel: string, bars: number): Promise<void> {
  const chart = page.getByRole('img', { name: chartLabel });
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  // Grid of the department chart (Departments.tsx): 40 px above for the legend, 8 px below; the first bar on top.
  const y = box.y + 40 + (box.height - 48) / bars / 2;
  for (let x = box.x; x < box.x + box.width; x += 4) {
    await page.mouse.move(x, y);
    const cursor = await chart.evaluate((el) => getComputedStyle(el.firstElementChild ?? el).cursor);
    if (cursor === 'pointer') {
      await page.mouse.click(x, y);
      return;
    }
  }
  throw new Error('no bar found on the first row of the chart');
}

describe('dashboard by department', { timeout: LONG }, () => {
  it('charts the departments of the leader’s agency and drills down from a bar to its dossiers', async () => {
    const context = await staffContext(browser);
    const page = await signIn(context, 'lanhdao.tpbl', DASHBOARD);
    await page
      .getByRole('heading', { level: 2, name: /^Tỷ lệ trả kết quả trước và đúng hạn, theo phòng thụ lý và tuần$/ })
      .waitFor();
    const chartLabel =
      'Biểu đồ số hồ sơ trả trước hạn, đúng hạn, quá hạn của từng phòng; chọn một đoạn cột để xem các hồ sơ';
    await page.getByRole('img', { name: chartLabel }).locator('canvas').waitFor();
    expect(
      await page.getByLabel('Cơ quan giải quyết').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
    ).toBe('Ủy ban nhân dân thành phố Bạc Liêu');
    const table = departments(page);
    const names = await table.locator('tbody th').allTextContents();
    expect(names[0]).toBe('Phòng Tư pháp');
    // Early, on time, late of the first department, as its table row gives them.
    const figures = (await table.locator('tbody tr').first().locator('td').allTextContents()).slice(0, 3).map(Number);
    expect(figures.reduce((n, f) => n + f, 0)).toBeGreaterThan(0);
    await checkPage(page, 'dashboard-1280');

    await clickFirstBar(page, chartLabel, names.length);
    await page.waitForURL(/\/can-bo\/hang-doi\?hang=all&resolvingAgency=.*&department=.*&outcome=/);
    const outcome = new URL(page.url()).searchParams.get('outcome');
    const expected = figures[['early', 'on_time', 'late'].indexOf(outcome ?? '')] ?? -1;
    const conditions = page.getByRole('region', { name: 'Hồ sơ của một số liệu trên bảng theo dõi' });
    await conditions.getByText('Phòng thụ lý: Phòng Tư pháp').waitFor();
    await conditions.getByText('Cơ quan giải quyết: Ủy ban nhân dân thành phố Bạc Liêu').waitFor();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(Math.min(expected, 50));
    await checkPage(page, 'dashboard-drill-down');

    // The same figure from the table, for whoever does not use the chart: the same list.
    await page.goBack();
    const link = departments(page).locator('tbody tr').first().locator('td a').first();
    await link.click();
    await page.waitForURL(/outcome=early/);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(Math.min(figures[0] ?? -1, 50));
    await context.close();
  });

  it('passes axe and fits a phone', async () => {
    const context = await staffContext(browser, PHONE);
    const page = await signIn(context, 'lanhdao.tpbl', DASHBOARD);
    await departments(page).waitFor();
    await checkPage(page, 'dashboard-360');
    await context.close();
  });
});
