// The forms as a person and a machine read them: pdftotext gives back the exact Vietnamese wording, and each page
// rendered by pdftoppm matches its reference image (looked at by a person when it was made; regenerate with
// UPDATE_REFERENCES=1 after an intended change, then look at the new images before committing them).
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { differenceFromReference, ink, pdfPages, pdfText } from '../../../test/pdf-images.ts';
import { CIRCULAR_01_2018, type FormSet, formSetOn } from './form-sets.ts';
import { form01, form02, form03, form04, form05, form06 } from './forms.ts';
import * as samples from './samples.ts';

const REFERENCES = new URL('../../../test/fixtures/forms/', import.meta.url).pathname;

const FORMS = [
  ['form01', () => form01(samples.SAMPLE_FORM01)],
  ['form02', () => form02(samples.SAMPLE_FORM02)],
  ['form03', () => form03(samples.SAMPLE_FORM03)],
  ['form04', () => form04(samples.SAMPLE_FORM04)],
  ['form05', () => form05(samples.SAMPLE_FORM05)],
  ['form06', () => form06(samples.SAMPLE_FORM06)],
] as const;

// Rendering and the poppler tools take a few seconds on a loaded machine: a generous timeout, no timing assertion.
describe('forms of Circular 01/2018/TT-VPCP (DOMAIN.md §4), printed in Tinos with every diacritic', {
  timeout: 60_000,
}, () => {
  it.each(FORMS)('%s looks like its reference image, one page, with ink on it', async (name, render) => {
    const rendered = await pdfPages(await render());
    expect(rendered).toHaveLength(1);
    expect(ink(rendered[0]!)).toBeGreaterThan(0.02);
    expect(await differenceFromReference(rendered[0]!, join(REFERENCES, `${name}.png`))).toBeLessThan(0.005);
  });

  it('Form 01: the receipt says who, what, when received, when due, and how to follow the dossier', async () => {
    const text = await pdfText(await form01(samples.SAMPLE_FORM01));
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bạc Liêu, ngày 24 tháng 01 năm 2025',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.02.11.H05-250124-0007',
      'Ông/bà: Nguyễn Thị Ánh Tuyết',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh cho con là Trần Gia Hưởng',
      'Giấy chứng nhận kết hôn của cha, mẹ',
      '2. Số lượng hồ sơ: 01 (bộ)',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 24 tháng 01 năm 2025',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 05 phút, ngày 05 tháng 02 năm 2025',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 01/2025, Số thứ tự: 0007',
      'K7Q-4MZ-9TD',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Tô Thị Thanh Thúy',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('Forms 02–06 carry their titles and the data they were given', async () => {
    const expectations: [string, Promise<Buffer>, string[]][] = [
      [
        'f02',
        form02(samples.SAMPLE_FORM02),
        [
          'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
          '1. Bổ sung giấy chứng sinh bản chính. Lý do: hồ sơ chỉ có bản sao không có chứng thực',
          'NGƯỜI HƯỚNG DẪN',
        ],
      ],
      [
        'f03',
        form03(samples.SAMPLE_FORM03),
        [
          'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
          'thuộc thẩm quyền của Ủy ban nhân dân thành phố Bạc Liêu',
          'Xin thông báo để ông/bà được biết và thực hiện./.',
        ],
      ],
      [
        'f04',
        form04(samples.SAMPLE_FORM04),
        [
          'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
          'Ngày 24 tháng 01 năm 2025, Ủy ban nhân dân Phường 1 tiếp nhận giải quyết hồ sơ',
          'vào 08 giờ 05 phút, ngày 07 tháng 02 năm 2025',
          'CHỦ TỊCH ỦY BAN NHÂN DÂN',
          'Quách Văn Tài',
        ],
      ],
      [
        'f05',
        form05(samples.SAMPLE_FORM05),
        [
          'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
          '(Kèm theo hồ sơ của Nguyễn Thị Ánh Tuyết)',
          'Trước hạn',
          'Đúng hạn',
          '16:30 04/02/2025',
        ],
      ],
      [
        'f06',
        form06(samples.SAMPLE_FORM06),
        [
          'SỔ THEO DÕI HỒ SƠ',
          'Từ ngày 20/01/2025 đến ngày 24/01/2025',
          'Chứng thực bản sao từ',
          '000.02.11.H05-250124',
          'Đăng ký khai sinh',
        ],
      ],
    ];
    for (const [name, pdf, wording] of expectations) {
      const text = await pdfText(await pdf);
      for (const expected of wording) expect(text, name).toContain(expected);
    }
  });

  it('renders the same data to the same bytes (metadata dates come from the data)', async () => {
    const [a, b] = await Promise.all([form03(samples.SAMPLE_FORM03), form03(samples.SAMPLE_FORM03)]);
    expect(a.equals(b)).toBe(true);
  });

  it("gives a form the same bytes whatever was rendered before it (the fonts' parsed tables are shared)", async () => {
    // Fresh copies of the module, so that the fonts are parsed anew: Form 01 alone, and after Forms 02 and 06,
    // whose subsets meet glyphs of Form 01 first as parts of accented letters (e in ế, o in ở).
    const fresh = async () => {
      vi.resetModules();
      return (await import('./forms.ts')) as typeof import('./forms.ts');
    };
    const alone = await (await fresh()).form01(samples.SAMPLE_FORM01);
    const later = await fresh();
    await later.form02(samples.SAMPLE_FORM02);
    await later.form06(samples.SAMPLE_FORM06);
    const after = await later.form01(samples.SAMPLE_FORM01);
    expect(after.equals(alone)).toBe(true);
    expect(await pdfText(after)).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 01/2025');
  });
});

describe('form sets by effective date', () => {
  const later: FormSet = { ...CIRCULAR_01_2018, code: 'later', basis: 'Thông tư mới', effectiveFrom: '2025-07-01' };
  const sets = [later, CIRCULAR_01_2018];

  it("takes the set in force on the dossier's date: the latest effective date not after it", () => {
    expect(formSetOn('2025-06-30', sets).code).toBe('tt-01-2018-vpcp');
    expect(formSetOn('2025-07-01', sets).code).toBe('later');
    expect(formSetOn('2026-11-28', sets).code).toBe('later');
  });

  it('gives a date before every set the earliest set; today the Circular 01/2018 forms', () => {
    expect(formSetOn('2010-01-01', sets).code).toBe('tt-01-2018-vpcp');
    expect(formSetOn('2026-11-28')).toBe(CIRCULAR_01_2018);
    expect(CIRCULAR_01_2018.render['01']).toBe(form01);
  });
});
