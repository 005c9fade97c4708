import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixZipTimestamps } from './zip-time.ts';

async function workbookAt(time: number): Promise<Buffer> {
  const realNow = Date.now;
  Date.now = () => time; // JSZip stamps entries with `new Date()`, which reads Date.now
  const OriginalDate = globalThis.Date;
  globalThis.Date = class extends OriginalDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(time);
      else super(...(args as [number]));
    }
  } as DateConstructor;
  try {
    const wb = new ExcelJS.Workbook();
    wb.created = new OriginalDate(0);
    wb.modified = new OriginalDate(0);
    wb.addWorksheet('Thủ tục').addRow(['9.000001', 'Đăng ký khai sinh', 0]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  } finally {
    globalThis.Date = OriginalDate;
    Date.now = realNow;
  }
}

describe('zip timestamps', () => {
  it('makes a workbook written at two different times byte-identical, and still readable', async () => {
    const a = await workbookAt(Date.UTC(2024, 0, 2, 3, 4, 6));
    const b = await workbookAt(Date.UTC(2025, 6, 1, 10, 20, 30));
    expect(a.equals(b)).toBe(false);
    const fixedA = fixZipTimestamps(a);
    expect(fixedA.equals(fixZipTimestamps(b))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fixedA as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Thủ tục')?.getRow(1).getCell(2).value).toBe('Đăng ký khai sinh');
  });

  it('refuses what is not a zip file', () => {
    expect(() => fixZipTimestamps(Buffer.from('%PDF-1.7 not a zip at all, just text'))).toThrow(/not a zip/);
  });
});
