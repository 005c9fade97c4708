// Demo templates of result documents, for the demo catalogue's procedures: the birth certificate (Giấy khai sinh)
// for the birth registrations, the construction permit (Giấy phép xây dựng), the judicial record card (Phiếu lý
// lịch tư pháp), and a decision (Quyết định về việc giải quyết hồ sơ) for any other procedure, in two versions: under
// Decree 61/2018 until 30/06/2025, under Decree 118/2025 from 01/07/2025. The wording follows the usual forms;
// the legal texts were not at hand (?).
import type { AppContext } from '../../platform/context.ts';
import { DEMO_PROCEDURES } from '../catalog/demo.ts';
import { assertValidTemplate, saveTemplate, type TemplateInput } from './service.ts';
import * as store from './store.ts';
import type { Block } from './template.ts';

const codesWhere = (test: (name: string, result: string) => boolean) =>
  DEMO_PROCEDURES.filter((p) => test(p.name, p.result.name)).map((p) => p.code);

const BIRTH = codesWhere((_, result) => result.startsWith('Giấy khai sinh'));
const BUILDING = codesWhere((name) => name.startsWith('Cấp giấy phép xây dựng'));
const JUDICIAL_RECORD = codesWhere((name) => name.startsWith('Cấp Phiếu lý lịch tư pháp'));

const dossierNote: Block = {
  type: 'paragraph',
  text: 'Cấp theo hồ sơ {{dossier.code}}, tiếp nhận ngày {{dossier.receivedDate}}.',
  style: 'italic',
};

const birthCertificate: TemplateInput = {
  code: 'giay-khai-sinh',
  name: 'Giấy khai sinh',
  kind: 'certificate',
  effectiveFrom: '2024-01-01',
  procedures: BIRTH,
  definition: {
    paper: 'A4',
    symbol: 'GKS',
    blocks: [
      { type: 'heading' },
      { type: 'title', text: 'GIẤY KHAI SINH' },
      { type: 'field', label: 'Họ, chữ đệm, tên', value: '{{eform.hoTenTre}}' },
      { type: 'field', label: 'Ngày, tháng, năm sinh', value: '{{eform.ngaySinh}}' },
      { type: 'field', label: 'Giới tính', value: '{{eform.gioiTinh}}' },
      { type: 'field', label: 'Dân tộc', value: '{{eform.danToc}}' },
      { type: 'field', label: 'Quốc tịch', value: '{{eform.quocTich}}' },
      { type: 'field', label: 'Nơi sinh', value: '{{eform.noiSinh}}' },
      { type: 'field', label: 'Người đi đăng ký khai sinh', value: '{{eform.hoTen}}' },
      { type: 'field', label: 'Quan hệ với người được khai sinh', value: '{{eform.quanHe}}' },
      { type: 'field', label: 'Số định danh cá nhân của người đi đăng ký', value: '{{eform.soDinhDanh}}' },
      { type: 'field', label: 'Nơi đăng ký khai sinh', value: '{{agency.name}}' },
      { type: 'field', label: 'Ngày đăng ký', value: '{{document.date}}' },
      dossierNote,
      { type: 'signature', signers: [{ authority: 'Người ký Giấy khai sinh' }] },
    ],
  },
};

const buildingPermit: TemplateInput = {
  code: 'giay-phep-xay-dung',
  name: 'Giấy phép xây dựng',
  kind: 'licence',
  effectiveFrom: '2024-01-01',
  procedures: BUILDING,
  definition: {
    paper: 'A4',
    symbol: 'GPXD',
    blocks: [
      { type: 'heading' },
      { type: 'title', text: 'GIẤY PHÉP XÂY DỰNG' },
      { type: 'field', label: '1. Cấp cho', value: '{{applicant.name}}' },
      { type: 'field', label: 'Địa chỉ', value: '{{applicant.address}}' },
      {
        type: 'paragraph',
        text: '2. Được phép xây dựng công trình theo thiết kế kèm theo hồ sơ đề nghị cấp giấy phép, với các nội dung sau:',
      },
      { type: 'field', label: '- Địa điểm xây dựng', value: '{{eform.diaDiem}}' },
      { type: 'field', label: '- Thửa đất số', value: '{{eform.soThua}}, tờ bản đồ số {{eform.soTo}}' },
      {
        type: 'table',
        columns: [
          { header: 'Nội dung', width: 0.6 },
          { header: 'Thông số', width: 0.4, align: 'center' },
        ],
        rows: [
          ['Diện tích xây dựng tầng 1', '{{eform.dienTichXayDung}} m²'],
          ['Số tầng', '{{eform.soTang}}'],
        ],
      },
      { type: 'field', label: '- Mô tả công trình', value: '{{eform.moTa}}' },
      {
        type: 'paragraph',
        text: '3. Giấy tờ về quyền sử dụng đất: theo hồ sơ {{dossier.code}}, tiếp nhận ngày {{dossier.receivedDate}}.',
      },
      {
        type: 'paragraph',
        text: '4. Giấy phép này có hiệu lực khởi công xây dựng trong thời hạn 12 tháng kể từ ngày cấp; quá thời hạn trên thì phải đề nghị gia hạn giấy phép xây dựng./.',
      },
      { type: 'signature', signers: [{}], recipients: ['Chủ đầu tư;', 'Lưu: VT, hồ sơ {{dossier.code}}.'] },
    ],
  },
};

const judicialRecord: TemplateInput = {
  code: 'phieu-ly-lich-tu-phap',
  name: 'Phiếu lý lịch tư pháp',
  kind: 'certificate',
  effectiveFrom: '2024-01-01',
  procedures: JUDICIAL_RECORD,
  definition: {
    paper: 'A4',
    symbol: 'LLTP',
    blocks: [
      { type: 'heading' },
      { type: 'title', text: 'PHIẾU LÝ LỊCH TƯ PHÁP', lines: ['({{eform.loaiPhieu}})'] },
      { type: 'field', label: 'Họ và tên', value: '{{eform.hoTen}}' },
      { type: 'field', label: 'Số định danh cá nhân', value: '{{eform.soDinhDanh}}' },
      { type: 'field', label: 'Nơi cư trú', value: '{{eform.noiCuTru}}' },
      { type: 'field', label: 'Tình trạng án tích', value: 'Không có án tích' },
      {
        type: 'field',
        label: 'Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã',
        value: 'Không bị cấm',
      },
      { type: 'field', label: 'Mục đích sử dụng', value: '{{eform.mucDich}}' },
      dossierNote,
      { type: 'signature', signers: [{}] },
    ],
  },
};

/** The decision for any procedure, citing the one-stop decree in force when it is issued. */
const decision = (effectiveFrom: string, basis: string): TemplateInput => ({
  code: 'quyet-dinh',
  name: 'Quyết định về việc giải quyết hồ sơ',
  kind: 'decision',
  effectiveFrom,
  procedures: [],
  definition: {
    paper: 'A4',
    symbol: 'QĐ-UBND',
    blocks: [
      { type: 'heading' },
      { type: 'title', text: 'QUYẾT ĐỊNH', lines: ['Về việc giải quyết hồ sơ {{dossier.code}}'] },
      { type: 'title', text: 'CHỦ TỊCH {{agency.nameUpper}}' },
      { type: 'paragraph', text: `Căn cứ ${basis};`, style: 'italic' },
      {
        type: 'paragraph',
        text: 'Xét hồ sơ {{dossier.code}} của ông/bà {{applicant.name}}, tiếp nhận ngày {{dossier.receivedDate}}, đề nghị giải quyết thủ tục "{{procedure.name}}";',
        style: 'italic',
      },
      { type: 'paragraph', text: 'Theo đề nghị của công chức chuyên môn thụ lý hồ sơ.', style: 'italic' },
      { type: 'title', text: 'QUYẾT ĐỊNH:' },
      {
        type: 'paragraph',
        text: 'Điều 1. Giải quyết thủ tục "{{procedure.name}}" cho ông/bà {{applicant.name}}, số định danh cá nhân {{applicant.identityNumber}}, địa chỉ {{applicant.address}}: cấp {{procedure.result}}.',
      },
      { type: 'paragraph', text: 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.' },
      {
        type: 'paragraph',
        text: 'Điều 3. Bộ phận Tiếp nhận và Trả kết quả, công chức chuyên môn và ông/bà {{applicant.name}} chịu trách nhiệm thi hành Quyết định này./.',
      },
      { type: 'signature', signers: [{}], recipients: ['Như Điều 3;', 'Lưu: VT.'] },
    ],
  },
});

export const DEMO_TEMPLATES: TemplateInput[] = [
  birthCertificate,
  buildingPermit,
  judicialRecord,
  decision(
    '2024-01-01',
    'Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính',
  ),
  decision(
    '2025-07-01',
    'Nghị định số 118/2025/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
  ),
];

/** The demo template a result of `procedureCode` is made from: its own, or the decision. */
export function demoTemplateFor(procedureCode: string): string {
  const own = DEMO_TEMPLATES.find((t) => t.procedures?.includes(procedureCode));
  return own?.code ?? 'quyet-dinh';
}

/** Seeds the demo templates once (after the demo catalogue, whose e-forms they use). Returns whether it did. */
export async function seedDemoResultTemplates(ctx: AppContext): Promise<boolean> {
  if ((await store.versionsOf(ctx.database.db, 'quyet-dinh')).length) return false;
  const system = { actor: null, requestId: null };
  const versions = new Map<string, number>();
  for (const template of DEMO_TEMPLATES) {
    await assertValidTemplate(ctx, template);
    const version = (versions.get(template.code) ?? 0) + 1;
    versions.set(template.code, version);
    await saveTemplate(ctx, system, template, version);
  }
  return true;
}
