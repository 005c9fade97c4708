// A result document rendered from a demo template, as a person and a machine read it: pdftotext gives back the
// filled-in Vietnamese text, pdftoppm's image matches the reference (looked at when made; UPDATE_REFERENCES=1 after
// an intended change of layout), and the signature row leaves a box where the signer's appearance goes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differenceFromReference, ink, pdfPages, pdfText } from '../../../test/pdf-images.ts';
import { SIGNER_SIZE } from '../signing/appearance.ts';
import { DEMO_TEMPLATES } from './demo.ts';
import { renderResult } from './render.ts';
import { SAMPLE_PERMIT_VIEW as VIEW } from './samples.ts';

const REFERENCES = new URL('../../../test/fixtures/results/', import.meta.url).pathname;

const permit = DEMO_TEMPLATES.find((t) => t.code === 'giay-phep-xay-dung')!;
const render = () =>
  renderResult({
    definition: permit.definition,
    view: VIEW,
    title: permit.name,
    issuedAt: new Date('2026-01-19T09:00:00+07:00'),
    slot: SIGNER_SIZE,
  });

describe('a construction permit rendered from its template', { timeout: 60_000 }, () => {
  it('reads back as the filled-in Vietnamese text, in Decree 30 layout', async () => {
    const text = await pdfText((await render()).pdf);
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU',
      'ỦY BAN NHÂN DÂN THÀNH PHỐ BẠC LIÊU',
      'Số: 07/GPXD',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bạc Liêu, ngày 19 tháng 01 năm 2026',
      'GIẤY PHÉP XÂY DỰNG',
      '1. Cấp cho: Nguyễn Thị Ánh Tuyết',
      'Địa chỉ: Số 12, đường Hoàng Văn Thụ, Phường 1, thành phố Bạc Liêu, tỉnh Bạc Liêu',
      '- Địa điểm xây dựng: Khóm 3, Phường 1, thành phố Bạc Liêu',
      '- Thửa đất số: 245, tờ bản đồ số 18',
      // pdftotext reads the table column by column.
      'Nội dung Diện tích xây dựng tầng 1 Số tầng Thông số 96 m² 3',
      '- Mô tả công trình: Nhà ở riêng lẻ 3 tầng, kết cấu khung bê tông cốt thép, mái ngói.',
      '3. Giấy tờ về quyền sử dụng đất: theo hồ sơ 000.00.11.H05-260105-0012, tiếp nhận ngày 05/01/2026.',
      'quá thời hạn trên thì phải đề nghị gia hạn giấy phép xây dựng./.',
      'Nơi nhận:',
      '- Chủ đầu tư;',
      '- Lưu: VT, hồ sơ 000.00.11.H05-260105-0012.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('{{');
  });

  it('looks like its reference image, and leaves one signature box on the right of page 1', async () => {
    const { pdf, slots } = await render();
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(ink(pages[0]!)).toBeGreaterThan(0.02);
    expect(await differenceFromReference(pages[0]!, join(REFERENCES, 'giay-phep-xay-dung.png'))).toBeLessThan(0.005);
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ page: 1, ...SIGNER_SIZE });
    expect(slots[0]!.x).toBeGreaterThan(595 / 2);
  });

  it('renders the same template, view and date to the same bytes', async () => {
    const [a, b] = await Promise.all([render(), render()]);
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
