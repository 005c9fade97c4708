// A national-scale procedure catalogue: the demo catalogue plus generated procedures up to `count` (6,000 by
// default, about the size of the national procedure database), in the JSON exchange format. Names are built from
// the words real procedure names use, so that search meets realistic text; codes stay in the demo range 9.xxxxxx.
//
//   cd server && npx tsx ../bench/catalog-generator.ts /tmp/catalog-6000.json [count]
//   npx tsx src/main.ts catalog import /tmp/catalog-6000.json        # loads it, with a progress line
import { writeFile } from 'node:fs/promises';
import { demoCatalogFile } from '../server/src/modules/catalog/demo.ts';
import type { CatalogFileT, ProcedureRecordT } from '../server/src/modules/catalog/model.ts';
import { demoCode } from '../server/src/modules/catalog/procedure-code.ts';

const ACTIONS = [
  'Cấp',
  'Cấp lại',
  'Cấp đổi',
  'Gia hạn',
  'Điều chỉnh',
  'Thu hồi',
  'Đăng ký',
  'Xác nhận',
  'Thẩm định',
  'Phê duyệt',
  'Công nhận',
  'Chấp thuận',
  'Thông báo',
  'Đề nghị hỗ trợ',
];
const OBJECTS = [
  'giấy phép kinh doanh',
  'giấy chứng nhận đủ điều kiện',
  'chứng chỉ hành nghề',
  'giấy phép hoạt động',
  'giấy phép khai thác',
  'quyết định công nhận',
  'giấy phép xả thải',
  'giấy chứng nhận đăng ký',
  'giấy phép môi trường',
  'thẻ hướng dẫn viên du lịch',
  'giấy phép lái xe',
  'giấy phép vận tải',
  'giấy chứng nhận an toàn thực phẩm',
  'giấy phép tổ chức lễ hội',
  'giấy phép quảng cáo',
  'giấy chứng nhận chất lượng',
  'bằng tốt nghiệp',
  'giấy phép nhập khẩu',
];
const SUBJECTS = [
  'cơ sở sản xuất',
  'doanh nghiệp',
  'hợp tác xã',
  'hộ kinh doanh',
  'cơ sở giáo dục',
  'cơ sở y tế',
  'cơ sở bán lẻ thuốc',
  'đại lý xăng dầu',
  'cửa hàng kinh doanh',
  'trang trại',
  'tàu cá',
  'nhà thuốc',
  'phòng khám',
  'trường mầm non',
  'cơ sở lưu trú du lịch',
];
const SCOPES = [
  '',
  ' trên địa bàn tỉnh',
  ' thuộc thẩm quyền cấp huyện',
  ' có vốn đầu tư nước ngoài',
  ' lần đầu',
  ' khi thay đổi địa điểm',
];
const FIELDS = [
  ['NN', 'Nông nghiệp'],
  ['TS', 'Thủy sản'],
  ['YT', 'Y tế'],
  ['DUOC', 'Dược phẩm'],
  ['GD', 'Giáo dục và đào tạo'],
  ['DL', 'Du lịch'],
  ['GT', 'Giao thông vận tải'],
  ['CTHG', 'Công thương'],
  ['MT', 'Môi trường'],
  ['VH', 'Văn hóa'],
  ['TDTT', 'Thể dục thể thao'],
  ['ATTP', 'An toàn thực phẩm'],
  ['KHCN', 'Khoa học và công nghệ'],
  ['TC', 'Tài chính'],
  ['NV', 'Nội vụ'],
] as const;
const PROVINCE = ['000.00.03.H05', '000.00.04.H05', '000.00.05.H05', '000.00.06.H05', '000.00.07.H05', '000.00.08.H05'];
const DISTRICTS = ['11', '12', '13', '14', '15', '16', '17'].map((jj) => `000.00.${jj}.H05`);
const COMMUNES = ['000.02.11.H05', '000.03.11.H05', '000.04.11.H05', '000.02.13.H05', '000.02.15.H05'];

export function generateCatalog(count = 6000): CatalogFileT {
  const file = demoCatalogFile();
  const base = file.procedures[0]!;
  let seed = 7; // a fixed generator: every run builds the same catalogue
  const pick = <T>(items: readonly T[]): T => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return items[seed % items.length]!;
  };
  const procedures: ProcedureRecordT[] = [...file.procedures];
  const names = new Set(procedures.map((p) => p.name));
  for (let n = procedures.length + 1; procedures.length < count; n++) {
    let name = `${pick(ACTIONS)} ${pick(OBJECTS)} cho ${pick(SUBJECTS)}${pick(SCOPES)}`;
    if (names.has(name)) name = `${name} (trường hợp ${n})`;
    names.add(name);
    const [fieldCode, fieldName] = pick(FIELDS);
    const level = pick(['province', 'province', 'district', 'commune'] as const);
    const full = pick([true, false]);
    const offerings = (level === 'province' ? [pick(PROVINCE)] : level === 'district' ? DISTRICTS : COMMUNES).map(
      (agency) => ({ agency, workflow: null }),
    );
    procedures.push({
      ...base,
      code: demoCode(n),
      name,
      field: { code: fieldCode, name: fieldName },
      managingAgency: pick(PROVINCE),
      levels: [level],
      applicantTypes: [pick(['citizen', 'enterprise', 'household', 'cooperative', 'organisation'] as const)],
      processingTimes: [{ channel: 'any', value: pick([1, 3, 5, 7, 10, 15, 20, 30]), unit: 'working_days' }],
      fees: [
        {
          kind: 'charge',
          name: `Lệ phí ${pick(OBJECTS)}`,
          amount: pick([0, 20_000, 50_000, 100_000]),
          condition: null,
        },
      ],
      eform: {
        schema: { type: 'object', title: name, properties: { hoTen: { type: 'string', title: 'Họ và tên' } } },
        ui: {},
      },
      result: {
        name: name.replace(/^\S+( lại| đổi)?/, 'Kết quả'),
        kind: pick(['licence', 'certificate', 'decision'] as const),
        electronic: full,
      },
      onlineLevel: full ? 'full' : 'partial',
      legacyLevel: full ? 4 : 3,
      nationalPortal: { offered: false, code: null },
      offerings,
    });
  }
  return { ...file, procedures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, count] = process.argv.slice(2);
  if (!out) {
    console.error('Cách dùng: npx tsx ../bench/catalog-generator.ts <tệp.json> [số thủ tục]');
    process.exit(2);
  }
  const file = generateCatalog(Number(count ?? 6000));
  await writeFile(out, `${JSON.stringify(file)}\n`);
  console.log(`Đã tạo ${file.procedures.length} thủ tục trong ${out}.`);
}
