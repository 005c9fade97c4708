// The demo catalogue: procedures of Bạc Liêu's one-stop desks at province, district and commune level, loaded
// through the importer so that they pass every rule a real import does. Names, legal bases and the shape of each
// record follow the national procedure database; codes are in the 9.xxxxxx range (not real national codes), and
// fees, times and assignments are illustrative, not a statement of what the province charges.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { importCatalog } from './exchange.ts';
import {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  type CatalogFileT,
  type ComponentT,
  type FeeT,
  type Level,
  type ProcedureContentT,
  type ProcedureRecordT,
  type ProcessingTimeT,
  type TemplateFileT,
} from './model.ts';
import { demoCode } from './procedure-code.ts';

// ---------- agencies (server/src/modules/org/demo.ts) ----------

const STP = '000.00.03.H05';
const SXD = '000.00.04.H05';
const STNMT = '000.00.05.H05';
const STTTT = '000.00.06.H05';
const SKHDT = '000.00.07.H05';
const SLDTBXH = '000.00.08.H05';
/** Trung tâm Phục vụ hành chính công tỉnh: receives the province-level procedures for the departments. */
const SERVICE_CENTRE = '000.00.02.H05';
const DISTRICTS = ['11', '12', '13', '14', '15', '16', '17'].map((jj) => `000.00.${jj}.H05`);
const COMMUNES = ['000.02.11.H05', '000.03.11.H05', '000.04.11.H05', '000.02.13.H05', '000.02.15.H05'];

const FIELDS = {
  hoTich: { code: 'HT', name: 'Hộ tịch', agency: STP },
  chungThuc: { code: 'CT', name: 'Chứng thực', agency: STP },
  lyLich: { code: 'LLTP', name: 'Lý lịch tư pháp', agency: STP },
  xayDung: { code: 'XD', name: 'Hoạt động xây dựng', agency: SXD },
  datDai: { code: 'DD', name: 'Đất đai', agency: STNMT },
  doanhNghiep: { code: 'DN', name: 'Thành lập và hoạt động doanh nghiệp', agency: SKHDT },
  hoKinhDoanh: { code: 'HKD', name: 'Thành lập và hoạt động của hộ kinh doanh', agency: SKHDT },
  hopTacXa: { code: 'HTX', name: 'Thành lập và hoạt động của hợp tác xã', agency: SKHDT },
  baoTro: { code: 'BTXH', name: 'Bảo trợ xã hội', agency: SLDTBXH },
  viecLam: { code: 'VL', name: 'Việc làm', agency: SLDTBXH },
  nguoiCoCong: { code: 'NCC', name: 'Người có công', agency: SLDTBXH },
  xuatBan: { code: 'XB', name: 'Xuất bản, in và phát hành', agency: STTTT },
} as const;
type FieldKey = keyof typeof FIELDS;

const LAW = {
  hoTich: [
    'Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014',
    'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    'Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp',
    'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh',
  ],
  chungThuc: [
    'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
    'Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
  ],
  lyLich: [
    'Luật Lý lịch tư pháp số 28/2009/QH12 ngày 17/6/2009',
    'Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp',
  ],
  xayDung: [
    'Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014',
    'Luật số 62/2020/QH14 sửa đổi, bổ sung một số điều của Luật Xây dựng',
    'Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng',
  ],
  datDai: [
    'Luật Đất đai số 31/2024/QH15 ngày 18/01/2024',
    'Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
  ],
  doanhNghiep: [
    'Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020',
    'Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp',
    'Thông tư số 47/2019/TT-BTC ngày 05/8/2019 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp',
  ],
  hopTacXa: [
    'Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023',
    'Nghị định số 92/2024/NĐ-CP ngày 18/7/2024 của Chính phủ về đăng ký doanh nghiệp xã hội, hợp tác xã',
  ],
  baoTro: [
    'Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội',
  ],
  viecLam: [
    'Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019',
    'Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ quy định về người lao động nước ngoài làm việc tại Việt Nam',
    'Nghị định số 70/2023/NĐ-CP ngày 18/9/2023 sửa đổi, bổ sung Nghị định số 152/2020/NĐ-CP',
  ],
  nguoiCoCong: [
    'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14 ngày 09/12/2020',
    'Nghị định số 131/2021/NĐ-CP ngày 30/12/2021 của Chính phủ quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng',
  ],
  xuatBan: [
    'Luật Xuất bản số 19/2012/QH13 ngày 20/11/2012',
    'Nghị định số 60/2014/NĐ-CP ngày 19/6/2014 của Chính phủ quy định về hoạt động in',
  ],
};

// ---------- form templates: small real PDFs, so that they pass the content check ----------

/** A one-page PDF showing `title` (ASCII: the standard Helvetica font has no Vietnamese letters). */
export function minimalPdf(title: string): Buffer {
  const text = `BT /F1 14 Tf 56 780 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const TEMPLATES = new Map<string, { fileName: string; bytes: Buffer }>();
function template(fileName: string, title: string): ComponentT['template'] {
  const bytes = minimalPdf(`MAU DEMO - ${title}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  TEMPLATES.set(sha256, { fileName, bytes });
  return { fileName, sha256 };
}

// ---------- e-forms ----------

type Kind = 'text' | 'date' | 'long' | 'id' | 'phone' | 'integer' | readonly string[];
type FormField = [key: string, title: string, kind?: Kind];

const APPLICANT: FormField[] = [
  ['hoTen', 'Họ, chữ đệm và tên người yêu cầu'],
  ['soDinhDanh', 'Số định danh cá nhân', 'id'],
  ['noiCuTru', 'Nơi cư trú'],
  ['soDienThoai', 'Số điện thoại', 'phone'],
];
const ENTERPRISE: FormField[] = [
  ['tenDoanhNghiep', 'Tên doanh nghiệp viết bằng tiếng Việt'],
  ['diaChiTruSo', 'Địa chỉ trụ sở chính'],
  ['nguoiDaiDien', 'Họ và tên người đại diện theo pháp luật'],
  ['soDinhDanh', 'Số định danh cá nhân của người đại diện', 'id'],
  ['soDienThoai', 'Số điện thoại', 'phone'],
];

function property(title: string, kind: Kind = 'text'): Record<string, unknown> {
  if (Array.isArray(kind)) return { type: 'string', title, enum: kind };
  switch (kind) {
    case 'date':
      return { type: 'string', title, format: 'date' };
    case 'id':
      return { type: 'string', title, pattern: '^\\d{12}$' };
    case 'phone':
      return { type: 'string', title, pattern: '^0\\d{9,10}$' };
    case 'integer':
      return { type: 'integer', title, minimum: 0 };
    case 'long':
      return { type: 'string', title, maxLength: 2000 };
    default:
      return { type: 'string', title, minLength: 1, maxLength: 300 };
  }
}

function eform(title: string, fields: FormField[]): ProcedureContentT['eform'] {
  const ui: Record<string, unknown> = { 'ui:order': fields.map(([k]) => k) };
  for (const [key, , kind] of fields) if (kind === 'long') ui[key] = { 'ui:widget': 'textarea' };
  return {
    schema: {
      type: 'object',
      title,
      required: fields.filter(([, , kind]) => kind !== 'long').map(([k]) => k),
      properties: Object.fromEntries(fields.map(([key, t, kind]) => [key, property(t, kind)])),
    },
    ui,
  };
}

// ---------- components and fees ----------

const IMAGES: ComponentT['acceptedTypes'] = ['pdf', 'jpg', 'png'];
const DOCS: ComponentT['acceptedTypes'] = ['pdf', 'doc', 'docx'];

const form = (name: string, tpl: ComponentT['template'] = null): ComponentT => ({
  name,
  form: 'original',
  copies: 1,
  required: true,
  template: tpl,
  acceptedTypes: DOCS,
  maxSizeMb: 10,
});
const paper = (name: string, shape: ComponentT['form'] = 'copy', required = true, copies = 1): ComponentT => ({
  name,
  form: shape,
  copies,
  required,
  template: null,
  acceptedTypes: IMAGES,
  maxSizeMb: 10,
});
const charge = (name: string, amount: number, condition: string | null = null): FeeT => ({
  kind: 'charge',
  name,
  amount,
  condition,
});
const fee = (name: string, amount: number, condition: string | null = null): FeeT => ({
  kind: 'fee',
  name,
  amount,
  condition,
});
const days = (value: number): ProcessingTimeT[] => [{ channel: 'any', value, unit: 'working_days' }];

// ---------- the procedures ----------

interface Spec {
  name: string;
  field: FieldKey;
  level: Level;
  time: ProcessingTimeT[];
  components: ComponentT[];
  fees?: FeeT[];
  result: [name: string, kind: ProcedureContentT['result']['kind']];
  /** Toàn trình (level 4) or một phần (level 3 when submitted online, 2 when only forms are online). */
  online: 'full' | 3 | 2;
  form: FormField[];
  applicants?: ProcedureContentT['applicantTypes'];
  conditions?: string;
  /** Offered at these agencies instead of every agency of its level. */
  at?: string[];
  portal?: boolean;
}

const AT_LEVEL: Record<Level, string[]> = {
  commune: COMMUNES,
  district: DISTRICTS,
  province: [],
};

const CIVIL = (
  name: string,
  level: Level,
  time: ProcessingTimeT[],
  extra: Partial<Spec> & Pick<Spec, 'components' | 'form' | 'result'>,
): Spec => ({
  name,
  field: 'hoTich',
  level,
  time,
  online: 'full',
  ...extra,
});

const KS_TEMPLATE = template('to-khai-dang-ky-khai-sinh.pdf', 'To khai dang ky khai sinh');
const KH_TEMPLATE = template('to-khai-dang-ky-ket-hon.pdf', 'To khai dang ky ket hon');
const KT_TEMPLATE = template('to-khai-dang-ky-khai-tu.pdf', 'To khai dang ky khai tu');
const HT_TEMPLATE = template('to-khai-yeu-cau-ho-tich.pdf', 'To khai yeu cau ho tich');
const XD_TEMPLATE = template('don-de-nghi-cap-giay-phep-xay-dung.pdf', 'Don de nghi cap giay phep xay dung');
const LL_TEMPLATE = template('to-khai-yeu-cau-cap-phieu-lltp.pdf', 'To khai yeu cau cap Phieu ly lich tu phap');
const DN_TEMPLATE = template('giay-de-nghi-dang-ky-doanh-nghiep.pdf', 'Giay de nghi dang ky doanh nghiep');

const BIRTH_FORM: FormField[] = [
  ...APPLICANT,
  ['quanHe', 'Quan hệ với người được khai sinh', ['Cha', 'Mẹ', 'Ông', 'Bà', 'Người thân thích khác']],
  ['hoTenTre', 'Họ, chữ đệm và tên người được khai sinh'],
  ['ngaySinh', 'Ngày, tháng, năm sinh', 'date'],
  ['gioiTinh', 'Giới tính', ['Nam', 'Nữ']],
  ['noiSinh', 'Nơi sinh'],
  ['danToc', 'Dân tộc'],
  ['quocTich', 'Quốc tịch'],
];
const MARRIAGE_FORM: FormField[] = [
  ['hoTenBenNu', 'Họ, chữ đệm và tên bên nữ'],
  ['ngaySinhBenNu', 'Ngày sinh bên nữ', 'date'],
  ['soDinhDanhBenNu', 'Số định danh cá nhân bên nữ', 'id'],
  ['hoTenBenNam', 'Họ, chữ đệm và tên bên nam'],
  ['ngaySinhBenNam', 'Ngày sinh bên nam', 'date'],
  ['soDinhDanhBenNam', 'Số định danh cá nhân bên nam', 'id'],
  ['soDienThoai', 'Số điện thoại liên hệ', 'phone'],
];
const DEATH_FORM: FormField[] = [
  ...APPLICANT,
  ['hoTenNguoiChet', 'Họ, chữ đệm và tên người đã chết'],
  ['soDinhDanhNguoiChet', 'Số định danh cá nhân người đã chết', 'id'],
  ['ngayChet', 'Ngày chết', 'date'],
  ['noiChet', 'Nơi chết'],
  ['nguyenNhan', 'Nguyên nhân chết', 'long'],
];
const CERTIFY_FORM: FormField[] = [
  ...APPLICANT,
  ['tenGiayTo', 'Tên giấy tờ, văn bản cần chứng thực'],
  ['soBan', 'Số bản', 'integer'],
];
const BUILD_FORM: FormField[] = [
  ...APPLICANT,
  ['diaDiem', 'Địa điểm xây dựng'],
  ['soThua', 'Số thửa đất'],
  ['soTo', 'Tờ bản đồ số'],
  ['dienTichXayDung', 'Diện tích xây dựng tầng 1 (m²)', 'integer'],
  ['soTang', 'Số tầng', 'integer'],
  ['moTa', 'Mô tả công trình', 'long'],
];
const LAND_FORM: FormField[] = [
  ...APPLICANT,
  ['soThua', 'Thửa đất số'],
  ['soTo', 'Tờ bản đồ số'],
  ['diaChiThuaDat', 'Địa chỉ thửa đất'],
  ['noiDung', 'Nội dung đề nghị', 'long'],
];
const SOCIAL_FORM: FormField[] = [
  ...APPLICANT,
  ['hoTenDoiTuong', 'Họ và tên đối tượng'],
  ['ngaySinhDoiTuong', 'Ngày sinh của đối tượng', 'date'],
  ['hoanCanh', 'Hoàn cảnh của đối tượng', 'long'],
];
const ENTERPRISE_FORM: FormField[] = [
  ...ENTERPRISE,
  ['vonDieuLe', 'Vốn điều lệ (đồng)', 'integer'],
  ['nganhNghe', 'Ngành, nghề kinh doanh', 'long'],
];
const CITIZEN_ID = paper(
  'Giấy tờ tùy thân của người yêu cầu (trường hợp chưa khai thác được thông tin từ Cơ sở dữ liệu quốc gia về dân cư)',
  'copy',
  false,
);
const ONLINE_FREE = 'Miễn lệ phí khi nộp hồ sơ trực tuyến';

const SPECS: Spec[] = [
  // Hộ tịch (civil status): commune level
  CIVIL('Đăng ký khai sinh', 'commune', days(1), {
    components: [
      form('Tờ khai đăng ký khai sinh', KS_TEMPLATE),
      paper('Giấy chứng sinh hoặc giấy tờ thay Giấy chứng sinh', 'original'),
      CITIZEN_ID,
    ],
    fees: [charge('Lệ phí đăng ký khai sinh', 0, 'Miễn lệ phí đăng ký khai sinh đúng hạn')],
    result: ['Giấy khai sinh (bản chính và bản điện tử)', 'certificate'],
    form: BIRTH_FORM,
    portal: true,
  }),
  CIVIL('Đăng ký khai sinh lưu động', 'commune', days(5), {
    components: [
      form('Tờ khai đăng ký khai sinh', KS_TEMPLATE),
      paper('Giấy chứng sinh hoặc giấy tờ thay Giấy chứng sinh', 'original'),
    ],
    result: ['Giấy khai sinh', 'certificate'],
    form: BIRTH_FORM,
    online: 3,
  }),
  CIVIL('Đăng ký khai sinh kết hợp nhận cha, mẹ, con', 'commune', days(3), {
    components: [
      form('Tờ khai đăng ký khai sinh và tờ khai nhận cha, mẹ, con', KS_TEMPLATE),
      paper('Giấy chứng sinh', 'original'),
      paper('Chứng cứ chứng minh quan hệ cha, mẹ, con'),
    ],
    fees: [charge('Lệ phí nhận cha, mẹ, con', 15_000)],
    result: ['Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con', 'certificate'],
    form: BIRTH_FORM,
  }),
  CIVIL('Đăng ký lại khai sinh', 'commune', days(5), {
    components: [
      form('Tờ khai đăng ký lại khai sinh', KS_TEMPLATE),
      paper('Bản sao giấy tờ chứng minh nội dung khai sinh'),
    ],
    fees: [charge('Lệ phí đăng ký lại khai sinh', 5_000)],
    result: ['Giấy khai sinh', 'certificate'],
    form: BIRTH_FORM,
  }),
  CIVIL('Đăng ký khai tử', 'commune', days(1), {
    components: [
      form('Tờ khai đăng ký khai tử', KT_TEMPLATE),
      paper('Giấy báo tử hoặc giấy tờ thay Giấy báo tử', 'original'),
    ],
    fees: [charge('Lệ phí đăng ký khai tử', 0, 'Miễn lệ phí đăng ký khai tử đúng hạn')],
    result: ['Trích lục khai tử', 'certificate'],
    form: DEATH_FORM,
    portal: true,
  }),
  CIVIL('Đăng ký kết hôn', 'commune', days(1), {
    components: [
      form('Tờ khai đăng ký kết hôn', KH_TEMPLATE),
      paper('Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không thường trú)', 'original', false),
    ],
    fees: [
      charge('Lệ phí đăng ký kết hôn', 0, 'Miễn lệ phí đăng ký kết hôn giữa công dân Việt Nam cư trú ở trong nước'),
    ],
    result: ['Giấy chứng nhận kết hôn', 'certificate'],
    form: MARRIAGE_FORM,
    online: 3,
    conditions:
      'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết định; hai bên phải có mặt khi đăng ký kết hôn.',
  }),
  CIVIL('Đăng ký nhận cha, mẹ, con', 'commune', days(3), {
    components: [
      form('Tờ khai đăng ký nhận cha, mẹ, con', HT_TEMPLATE),
      paper('Chứng cứ chứng minh quan hệ cha, mẹ, con'),
    ],
    fees: [charge('Lệ phí đăng ký nhận cha, mẹ, con', 15_000)],
    result: ['Trích lục đăng ký nhận cha, mẹ, con', 'certificate'],
    form: APPLICANT,
    online: 3,
  }),
  CIVIL('Đăng ký giám hộ', 'commune', days(3), {
    components: [form('Tờ khai đăng ký giám hộ', HT_TEMPLATE), paper('Văn bản cử người giám hộ', 'original')],
    fees: [charge('Lệ phí đăng ký giám hộ', 15_000)],
    result: ['Trích lục đăng ký giám hộ', 'certificate'],
    form: APPLICANT,
  }),
  CIVIL('Thay đổi, cải chính, bổ sung thông tin hộ tịch', 'commune', days(3), {
    components: [
      form('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', HT_TEMPLATE),
      paper('Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung'),
    ],
    fees: [charge('Lệ phí thay đổi, cải chính hộ tịch', 15_000)],
    result: ['Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch', 'certificate'],
    form: [...APPLICANT, ['noiDung', 'Nội dung đề nghị thay đổi, cải chính, bổ sung', 'long']],
  }),
  CIVIL('Cấp Giấy xác nhận tình trạng hôn nhân', 'commune', days(3), {
    components: [form('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', HT_TEMPLATE), CITIZEN_ID],
    fees: [charge('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 5_000, ONLINE_FREE)],
    result: ['Giấy xác nhận tình trạng hôn nhân', 'certificate'],
    form: [...APPLICANT, ['mucDich', 'Mục đích sử dụng']],
    portal: true,
  }),
  CIVIL('Cấp bản sao trích lục hộ tịch', 'commune', days(1), {
    components: [form('Tờ khai cấp bản sao trích lục hộ tịch', HT_TEMPLATE)],
    fees: [fee('Phí cấp bản sao trích lục hộ tịch', 8_000, 'Mỗi bản sao')],
    result: ['Bản sao trích lục hộ tịch', 'certificate'],
    form: [
      ...APPLICANT,
      ['loaiTrichLuc', 'Loại trích lục', ['Khai sinh', 'Kết hôn', 'Khai tử']],
      ['soBan', 'Số bản', 'integer'],
    ],
    at: [...COMMUNES, ...DISTRICTS],
    portal: true,
  }),
  // Hộ tịch with a foreign element: district level
  CIVIL('Đăng ký khai sinh có yếu tố nước ngoài', 'district', days(3), {
    components: [
      form('Tờ khai đăng ký khai sinh', KS_TEMPLATE),
      paper('Giấy chứng sinh', 'original'),
      paper('Văn bản thỏa thuận lựa chọn quốc tịch cho con', 'original', false),
    ],
    fees: [charge('Lệ phí đăng ký khai sinh có yếu tố nước ngoài', 75_000)],
    result: ['Giấy khai sinh', 'certificate'],
    form: BIRTH_FORM,
    online: 3,
  }),
  CIVIL('Đăng ký kết hôn có yếu tố nước ngoài', 'district', days(15), {
    components: [
      form('Tờ khai đăng ký kết hôn', KH_TEMPLATE),
      paper('Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài', 'original'),
      paper('Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần', 'original'),
      paper('Hộ chiếu của người nước ngoài'),
    ],
    fees: [charge('Lệ phí đăng ký kết hôn có yếu tố nước ngoài', 1_000_000)],
    result: ['Giấy chứng nhận kết hôn', 'certificate'],
    form: MARRIAGE_FORM,
    online: 2,
    applicants: ['citizen', 'foreigner', 'overseas_vietnamese'],
    conditions: 'Hai bên nam, nữ phải có mặt tại trụ sở Ủy ban nhân dân cấp huyện khi trao Giấy chứng nhận kết hôn.',
  }),
  CIVIL('Đăng ký khai tử có yếu tố nước ngoài', 'district', days(3), {
    components: [
      form('Tờ khai đăng ký khai tử', KT_TEMPLATE),
      paper('Giấy báo tử hoặc giấy tờ thay Giấy báo tử', 'original'),
    ],
    fees: [charge('Lệ phí đăng ký khai tử có yếu tố nước ngoài', 75_000)],
    result: ['Trích lục khai tử', 'certificate'],
    form: DEATH_FORM,
    online: 3,
  }),
  // Chứng thực (certification)
  {
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
    field: 'chungThuc',
    level: 'commune',
    time: [{ channel: 'any', value: 1, unit: 'working_days' }],
    components: [paper('Bản chính giấy tờ, văn bản cần chứng thực', 'original'), paper('Bản sao cần chứng thực')],
    fees: [
      fee(
        'Phí chứng thực bản sao từ bản chính',
        2_000,
        'Mỗi trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa 200.000 đồng/bản',
      ),
    ],
    result: ['Bản sao được chứng thực từ bản chính', 'other'],
    online: 3,
    form: CERTIFY_FORM,
    at: [...COMMUNES, ...DISTRICTS],
  },
  {
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    field: 'chungThuc',
    level: 'commune',
    time: [{ channel: 'any', value: 4, unit: 'working_hours' }],
    components: [
      paper('Giấy tờ tùy thân còn giá trị sử dụng', 'original'),
      paper('Giấy tờ, văn bản mà mình sẽ ký', 'original'),
    ],
    fees: [fee('Phí chứng thực chữ ký', 10_000, 'Mỗi trường hợp')],
    result: ['Giấy tờ, văn bản được chứng thực chữ ký', 'other'],
    online: 2,
    form: CERTIFY_FORM,
    at: [...COMMUNES, ...DISTRICTS],
    conditions: 'Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực.',
  },
  {
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: 'chungThuc',
    level: 'district',
    time: days(2),
    components: [
      paper('Dự thảo hợp đồng, giao dịch', 'original'),
      paper('Giấy tờ tùy thân của người yêu cầu chứng thực'),
      paper('Giấy chứng nhận quyền sở hữu tài sản'),
    ],
    fees: [fee('Phí chứng thực hợp đồng, giao dịch', 50_000)],
    result: ['Hợp đồng, giao dịch được chứng thực', 'other'],
    online: 2,
    form: [...APPLICANT, ['tenHopDong', 'Tên hợp đồng, giao dịch'], ['taiSan', 'Tài sản', 'long']],
  },
  {
    name: 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
    field: 'chungThuc',
    level: 'commune',
    time: days(2),
    components: [
      paper('Dự thảo hợp đồng, giao dịch sửa đổi, bổ sung, hủy bỏ', 'original'),
      paper('Hợp đồng, giao dịch đã được chứng thực', 'original'),
    ],
    fees: [fee('Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 30_000)],
    result: ['Hợp đồng, giao dịch sửa đổi, bổ sung, hủy bỏ được chứng thực', 'other'],
    online: 2,
    form: [...APPLICANT, ['noiDung', 'Nội dung sửa đổi, bổ sung, hủy bỏ', 'long']],
  },
  // Lý lịch tư pháp: province
  {
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'lyLich',
    level: 'province',
    time: days(10),
    components: [
      form('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', LL_TEMPLATE),
      paper('Bản chụp giấy tờ tùy thân', 'copy', false),
    ],
    fees: [
      fee('Phí cung cấp thông tin lý lịch tư pháp', 200_000),
      fee(
        'Phí cung cấp thông tin lý lịch tư pháp',
        100_000,
        'Sinh viên, người có công với cách mạng, thân nhân liệt sĩ',
      ),
      fee(
        'Phí cung cấp thông tin lý lịch tư pháp',
        0,
        'Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo',
      ),
    ],
    result: ['Phiếu lý lịch tư pháp', 'certificate'],
    online: 'full',
    form: [
      ...APPLICANT,
      ['loaiPhieu', 'Loại Phiếu lý lịch tư pháp', ['Phiếu số 1', 'Phiếu số 2']],
      ['mucDich', 'Mục đích yêu cầu cấp Phiếu'],
    ],
    applicants: ['citizen', 'foreigner'],
    at: [STP],
    portal: true,
  },
  // Xây dựng (construction)
  {
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'xayDung',
    level: 'district',
    time: days(15),
    components: [
      form('Đơn đề nghị cấp giấy phép xây dựng', XD_TEMPLATE),
      paper('Giấy tờ chứng minh quyền sử dụng đất'),
      { ...paper('Bản vẽ thiết kế xây dựng'), acceptedTypes: ['pdf'], maxSizeMb: 50, copies: 2 },
    ],
    fees: [charge('Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75_000)],
    result: ['Giấy phép xây dựng', 'licence'],
    online: 3,
    form: BUILD_FORM,
  },
  {
    name: 'Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ',
    field: 'xayDung',
    level: 'district',
    time: days(15),
    components: [
      form('Đơn đề nghị cấp giấy phép sửa chữa, cải tạo', XD_TEMPLATE),
      paper('Giấy tờ chứng minh quyền sở hữu, quản lý, sử dụng công trình, nhà ở'),
      paper('Ảnh chụp hiện trạng công trình đề nghị được cải tạo'),
    ],
    fees: [charge('Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75_000)],
    result: ['Giấy phép xây dựng', 'licence'],
    online: 3,
    form: BUILD_FORM,
  },
  {
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV',
    field: 'xayDung',
    level: 'province',
    time: days(20),
    components: [
      form('Đơn đề nghị cấp giấy phép xây dựng', XD_TEMPLATE),
      paper('Giấy tờ chứng minh quyền sử dụng đất'),
      paper('Quyết định phê duyệt dự án'),
      { ...paper('Bản vẽ thiết kế xây dựng'), acceptedTypes: ['pdf'], maxSizeMb: 100 },
    ],
    fees: [charge('Lệ phí cấp giấy phép xây dựng công trình', 150_000)],
    result: ['Giấy phép xây dựng', 'licence'],
    online: 3,
    form: BUILD_FORM,
    applicants: ['enterprise', 'organisation', 'cooperative'],
    at: [SXD],
  },
  {
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
    field: 'xayDung',
    level: 'province',
    time: days(20),
    components: [
      form('Đơn đề nghị cấp chứng chỉ hành nghề', XD_TEMPLATE),
      paper('Văn bằng do cơ sở đào tạo hợp pháp cấp'),
      { ...paper('Ảnh màu cỡ 4x6 cm', 'electronic'), acceptedTypes: ['jpg', 'png'] },
    ],
    fees: [charge('Lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng', 300_000)],
    result: ['Chứng chỉ hành nghề hoạt động xây dựng', 'certificate'],
    online: 'full',
    form: [
      ...APPLICANT,
      ['linhVucHanhNghe', 'Lĩnh vực hành nghề'],
      ['hang', 'Hạng chứng chỉ', ['Hạng II', 'Hạng III']],
    ],
    at: [SXD],
    portal: true,
  },
  {
    name: 'Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng',
    field: 'xayDung',
    level: 'province',
    time: days(30),
    components: [
      form('Tờ trình thẩm định dự án', XD_TEMPLATE),
      paper('Báo cáo nghiên cứu khả thi đầu tư xây dựng', 'original'),
      paper('Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy', 'copy', false),
    ],
    fees: [
      fee(
        'Phí thẩm định dự án đầu tư xây dựng',
        0,
        'Tính theo tỷ lệ phần trăm trên tổng mức đầu tư theo Thông tư số 28/2023/TT-BTC; được thông báo khi tiếp nhận hồ sơ',
      ),
    ],
    result: ['Văn bản thông báo kết quả thẩm định', 'decision'],
    online: 3,
    form: [...ENTERPRISE, ['tenDuAn', 'Tên dự án'], ['tongMucDauTu', 'Tổng mức đầu tư (đồng)', 'integer']],
    applicants: ['enterprise', 'organisation'],
    at: [SXD],
  },
  // Đất đai (land)
  {
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    field: 'datDai',
    level: 'district',
    time: days(10),
    components: [
      form('Đơn đăng ký biến động đất đai, tài sản gắn liền với đất'),
      paper('Giấy chứng nhận đã cấp', 'original'),
      paper('Hợp đồng, văn bản về việc chuyển quyền', 'original'),
    ],
    fees: [
      charge('Lệ phí cấp Giấy chứng nhận', 25_000),
      fee('Phí thẩm định hồ sơ cấp Giấy chứng nhận', 500_000, 'Hộ gia đình, cá nhân tại phường'),
    ],
    result: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'certificate'],
    online: 3,
    form: LAND_FORM,
    applicants: ['citizen', 'enterprise', 'organisation'],
  },
  {
    name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    field: 'datDai',
    level: 'district',
    time: days(7),
    components: [form('Đơn đề nghị cấp đổi Giấy chứng nhận'), paper('Giấy chứng nhận đã cấp', 'original')],
    fees: [charge('Lệ phí cấp đổi Giấy chứng nhận', 20_000)],
    result: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'certificate'],
    online: 3,
    form: LAND_FORM,
  },
  {
    name: 'Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    field: 'datDai',
    level: 'district',
    time: days(20),
    components: [
      form('Đơn đăng ký đất đai, tài sản gắn liền với đất'),
      paper('Giấy tờ về quyền sử dụng đất', 'original_or_copy'),
      paper('Chứng từ thực hiện nghĩa vụ tài chính', 'copy', false),
    ],
    fees: [charge('Lệ phí cấp Giấy chứng nhận', 25_000), fee('Phí thẩm định hồ sơ cấp Giấy chứng nhận', 500_000)],
    result: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'certificate'],
    online: 2,
    form: LAND_FORM,
  },
  {
    name: 'Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
    field: 'datDai',
    level: 'district',
    time: [
      { channel: 'online', value: 4, unit: 'working_hours' },
      { channel: 'desk', value: 1, unit: 'working_days' },
    ],
    components: [
      form('Phiếu yêu cầu xóa đăng ký thế chấp'),
      paper('Văn bản đồng ý xóa đăng ký thế chấp của bên nhận thế chấp', 'original'),
    ],
    fees: [charge('Lệ phí xóa đăng ký thế chấp', 0, 'Không thu lệ phí xóa đăng ký thế chấp')],
    result: ['Giấy chứng nhận đã được chỉnh lý nội dung xóa thế chấp', 'certificate'],
    online: 'full',
    form: LAND_FORM,
    applicants: ['citizen', 'enterprise', 'organisation'],
    portal: true,
  },
  {
    name: 'Hòa giải tranh chấp đất đai',
    field: 'datDai',
    level: 'commune',
    time: days(30),
    components: [form('Đơn yêu cầu hòa giải tranh chấp đất đai')],
    result: ['Biên bản hòa giải thành hoặc không thành', 'other'],
    online: 2,
    form: [...APPLICANT, ['benTranhChap', 'Họ tên bên tranh chấp'], ['noiDung', 'Nội dung tranh chấp', 'long']],
  },
  // Đăng ký kinh doanh (business registration)
  {
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'doanhNghiep',
    level: 'province',
    time: days(3),
    components: [
      form('Giấy đề nghị đăng ký doanh nghiệp', DN_TEMPLATE),
      paper('Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân', 'copy', false),
    ],
    fees: [
      charge('Lệ phí đăng ký doanh nghiệp', 50_000),
      charge('Lệ phí đăng ký doanh nghiệp', 0, 'Đăng ký qua mạng điện tử'),
    ],
    result: ['Giấy chứng nhận đăng ký doanh nghiệp', 'certificate'],
    online: 'full',
    form: ENTERPRISE_FORM,
    applicants: ['citizen'],
    at: [SKHDT],
    portal: true,
  },
  {
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    field: 'doanhNghiep',
    level: 'province',
    time: days(3),
    components: [
      form('Giấy đề nghị đăng ký doanh nghiệp', DN_TEMPLATE),
      paper('Điều lệ công ty', 'original'),
      paper('Bản sao giấy tờ pháp lý của chủ sở hữu công ty', 'copy', false),
    ],
    fees: [
      charge('Lệ phí đăng ký doanh nghiệp', 50_000),
      charge('Lệ phí đăng ký doanh nghiệp', 0, 'Đăng ký qua mạng điện tử'),
    ],
    result: ['Giấy chứng nhận đăng ký doanh nghiệp', 'certificate'],
    online: 'full',
    form: ENTERPRISE_FORM,
    applicants: ['citizen', 'enterprise', 'organisation'],
    at: [SKHDT],
    portal: true,
  },
  {
    name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    field: 'doanhNghiep',
    level: 'province',
    time: days(3),
    components: [
      form('Thông báo thay đổi nội dung đăng ký doanh nghiệp', DN_TEMPLATE),
      paper('Nghị quyết, quyết định về việc thay đổi', 'original'),
    ],
    fees: [
      charge('Lệ phí đăng ký doanh nghiệp', 50_000),
      charge('Lệ phí đăng ký doanh nghiệp', 0, 'Đăng ký qua mạng điện tử'),
    ],
    result: ['Giấy chứng nhận đăng ký doanh nghiệp', 'certificate'],
    online: 'full',
    form: ENTERPRISE_FORM,
    applicants: ['enterprise'],
    at: [SKHDT],
    portal: true,
  },
  {
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'hoKinhDoanh',
    level: 'district',
    time: days(3),
    components: [
      form('Giấy đề nghị đăng ký hộ kinh doanh', DN_TEMPLATE),
      paper('Biên bản họp thành viên hộ gia đình', 'copy', false),
    ],
    fees: [charge('Lệ phí đăng ký hộ kinh doanh', 100_000)],
    result: ['Giấy chứng nhận đăng ký hộ kinh doanh', 'certificate'],
    online: 'full',
    form: [
      ...APPLICANT,
      ['tenHoKinhDoanh', 'Tên hộ kinh doanh'],
      ['diaDiemKinhDoanh', 'Địa điểm kinh doanh'],
      ['nganhNghe', 'Ngành, nghề kinh doanh', 'long'],
      ['vonKinhDoanh', 'Vốn kinh doanh (đồng)', 'integer'],
    ],
    applicants: ['citizen', 'household'],
  },
  {
    name: 'Đăng ký thành lập hợp tác xã',
    field: 'hopTacXa',
    level: 'district',
    time: days(3),
    components: [
      form('Giấy đề nghị đăng ký hợp tác xã', DN_TEMPLATE),
      paper('Điều lệ hợp tác xã', 'original'),
      paper('Nghị quyết hội nghị thành lập', 'original'),
      paper('Danh sách thành viên', 'original'),
    ],
    fees: [charge('Lệ phí đăng ký hợp tác xã', 100_000)],
    result: ['Giấy chứng nhận đăng ký hợp tác xã', 'certificate'],
    online: 3,
    form: [...ENTERPRISE, ['soThanhVien', 'Số thành viên', 'integer']],
    applicants: ['cooperative', 'citizen'],
  },
  // Bảo trợ xã hội, việc làm, người có công (social protection, employment, people with meritorious services)
  {
    name: 'Trợ giúp xã hội thường xuyên tại cộng đồng',
    field: 'baoTro',
    level: 'commune',
    time: days(22),
    components: [form('Tờ khai đề nghị trợ giúp xã hội'), paper('Giấy xác nhận khuyết tật', 'copy', false)],
    result: ['Quyết định trợ cấp xã hội hằng tháng', 'decision'],
    online: 3,
    form: SOCIAL_FORM,
  },
  {
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    field: 'baoTro',
    level: 'commune',
    time: days(5),
    components: [form('Tờ khai đề nghị hỗ trợ chi phí mai táng'), paper('Giấy báo tử hoặc trích lục khai tử')],
    result: ['Quyết định hỗ trợ chi phí mai táng', 'decision'],
    online: 'full',
    form: [...APPLICANT, ['hoTenNguoiChet', 'Họ và tên người đã chết'], ['ngayChet', 'Ngày chết', 'date']],
  },
  {
    name: 'Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình',
    field: 'baoTro',
    level: 'commune',
    time: days(10),
    components: [form('Giấy đề nghị xác nhận hộ gia đình có mức sống trung bình')],
    result: ['Giấy xác nhận hộ gia đình có mức sống trung bình', 'certificate'],
    online: 'full',
    form: [...APPLICANT, ['soNhanKhau', 'Số nhân khẩu', 'integer'], ['ngheNghiep', 'Nghề nghiệp chính']],
    applicants: ['citizen', 'household'],
  },
  {
    name: 'Đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập',
    field: 'baoTro',
    level: 'province',
    time: days(15),
    components: [
      form('Tờ khai đăng ký thành lập cơ sở trợ giúp xã hội'),
      paper('Dự thảo quy chế hoạt động', 'original'),
      paper('Giấy tờ chứng minh quyền sử dụng đất, cơ sở vật chất'),
    ],
    result: ['Giấy chứng nhận đăng ký thành lập cơ sở trợ giúp xã hội', 'certificate'],
    online: 3,
    form: [...ENTERPRISE, ['tenCoSo', 'Tên cơ sở trợ giúp xã hội']],
    applicants: ['organisation', 'enterprise', 'citizen'],
    at: [SLDTBXH],
  },
  {
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    field: 'viecLam',
    level: 'province',
    time: days(5),
    components: [
      form('Văn bản đề nghị cấp giấy phép lao động'),
      paper('Giấy chứng nhận sức khỏe', 'original'),
      paper('Phiếu lý lịch tư pháp', 'original'),
      paper('Hộ chiếu'),
    ],
    fees: [charge('Lệ phí cấp giấy phép lao động', 600_000)],
    result: ['Giấy phép lao động', 'licence'],
    online: 'full',
    form: [
      ...ENTERPRISE,
      ['hoTenNguoiLaoDong', 'Họ tên người lao động nước ngoài'],
      ['soHoChieu', 'Số hộ chiếu'],
      ['viTriCongViec', 'Vị trí công việc'],
    ],
    applicants: ['enterprise', 'organisation'],
    at: [SLDTBXH],
    portal: true,
  },
  {
    name: 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
    field: 'nguoiCoCong',
    level: 'commune',
    time: days(17),
    components: [
      form('Bản khai đề nghị giải quyết trợ cấp thờ cúng liệt sĩ'),
      paper('Biên bản ủy quyền của thân nhân liệt sĩ', 'original', false),
    ],
    result: ['Quyết định trợ cấp thờ cúng liệt sĩ', 'decision'],
    online: 3,
    form: [...APPLICANT, ['hoTenLietSi', 'Họ và tên liệt sĩ'], ['quanHe', 'Quan hệ với liệt sĩ']],
  },
  // Xuất bản, in (publishing, printing)
  {
    name: 'Cấp giấy phép xuất bản bản tin',
    field: 'xuatBan',
    level: 'province',
    time: days(10),
    components: [
      form('Tờ khai đề nghị cấp giấy phép xuất bản bản tin'),
      paper('Mẫu trình bày tên gọi của bản tin', 'original'),
    ],
    result: ['Giấy phép xuất bản bản tin', 'licence'],
    online: 'full',
    form: [...ENTERPRISE, ['tenBanTin', 'Tên bản tin'], ['kyHan', 'Kỳ hạn xuất bản']],
    applicants: ['organisation', 'enterprise'],
    at: [STTTT],
  },
  {
    name: 'Cấp giấy phép hoạt động in',
    field: 'xuatBan',
    level: 'province',
    time: days(15),
    components: [
      form('Đơn đề nghị cấp giấy phép hoạt động in'),
      paper('Giấy tờ chứng minh quyền sử dụng hợp pháp mặt bằng sản xuất'),
      paper('Danh mục thiết bị in', 'original'),
    ],
    result: ['Giấy phép hoạt động in', 'licence'],
    online: 3,
    form: [...ENTERPRISE, ['diaDiemSanXuat', 'Địa điểm sản xuất']],
    applicants: ['enterprise', 'cooperative'],
    at: [STTTT],
  },
];

/** The seeded workflow an offering runs under (docs/workflow.md): by level, certification, and fees to pay. */
function workflowAt(spec: Spec, agency: string): string {
  if (agency === SERVICE_CENTRE) return 'service-centre';
  if (COMMUNES.includes(agency)) return spec.field === 'chungThuc' ? 'commune-on-the-spot' : 'commune-standard';
  if ((spec.fees ?? []).some((f) => f.amount > 0)) return 'with-fee';
  return 'department-standard';
}

function record(spec: Spec, n: number): ProcedureRecordT {
  const code = demoCode(n);
  const full = spec.online === 'full';
  const field = FIELDS[spec.field];
  const offered = [...(spec.at ?? AT_LEVEL[spec.level]), ...(spec.level === 'province' ? [SERVICE_CENTRE] : [])];
  const levels = [
    ...new Set([
      spec.level,
      ...(spec.at?.some((a) => DISTRICTS.includes(a)) && spec.level === 'commune' ? (['district'] as const) : []),
    ]),
  ];
  return {
    code,
    name: spec.name,
    field: { code: field.code, name: field.name },
    managingAgency: field.agency,
    levels,
    applicantTypes: spec.applicants ?? ['citizen'],
    processingTimes: spec.time,
    fees: spec.fees ?? [],
    components: spec.components,
    eform: eform(spec.name, spec.form),
    result: { name: spec.result[0], kind: spec.result[1], electronic: full },
    legalBasis: LAW[spec.field === 'hoKinhDoanh' ? 'doanhNghiep' : spec.field],
    conditions: spec.conditions ?? null,
    onlineLevel: full ? 'full' : 'partial',
    legacyLevel: spec.online === 'full' ? 4 : spec.online,
    receiptChannels: spec.online === 2 ? ['desk', 'post'] : ['desk', 'online', 'post'],
    nationalPortal: { offered: spec.portal ?? false, code: spec.portal ? `${code}.000.00.00.H05` : null },
    offerings: offered.map((agency) => ({ agency, workflow: workflowAt(spec, agency) })),
    validFrom: '2024-07-01',
  };
}

export const DEMO_PROCEDURES: ProcedureRecordT[] = SPECS.map((s, i) => record(s, i + 1));

export function demoCatalogFile(): CatalogFileT {
  const templates: TemplateFileT[] = [...TEMPLATES.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([sha256, t]) => ({ sha256, contentType: 'application/pdf', contentBase64: t.bytes.toString('base64') }));
  return { format: CATALOG_FORMAT, formatVersion: CATALOG_FORMAT_VERSION, procedures: DEMO_PROCEDURES, templates };
}

/** Loads the demo catalogue once; later runs find it and do nothing. Returns whether it loaded. */
export async function seedDemoCatalog(ctx: AppContext): Promise<boolean> {
  const seeded = await ctx.database.db
    .selectFrom('procedure')
    .select('id')
    .where('code', '=', demoCode(1))
    .executeTakeFirst();
  if (seeded) return false;
  await importCatalog(ctx, { actor: null, requestId: null }, { format: 'json', data: demoCatalogFile() });
  return true;
}
