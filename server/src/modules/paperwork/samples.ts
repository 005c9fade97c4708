// Sample data for each form: what the tests render and compare with the reference images, and what the
// documentation shows. Names and codes are the demo province's.
import type { Form01Data, Form02Data, Form03Data, Form04Data, Form05Data, Form06Data, Issuer } from './forms.ts';

const at = (iso: string) => Date.parse(iso);

export const SAMPLE_ISSUER: Issuer = {
  superior: 'Ủy ban nhân dân thành phố Bạc Liêu',
  agency: 'Ủy ban nhân dân Phường 1',
  place: 'Bạc Liêu',
};

const applicant = {
  name: 'Nguyễn Thị Ánh Tuyết',
  address: 'Số 12, đường Hoàng Văn Thụ, Phường 1, thành phố Bạc Liêu, tỉnh Bạc Liêu',
  phone: '0918 123 456',
  email: 'anhtuyet@example.vn',
};

export const SAMPLE_FORM01: Form01Data = {
  issuer: SAMPLE_ISSUER,
  dossierCode: '000.02.11.H05-250124-0007',
  applicant,
  request: 'Đăng ký khai sinh cho con là Trần Gia Hưởng',
  components: [
    { name: 'Tờ khai đăng ký khai sinh', form: 'Bản chính' },
    { name: 'Giấy chứng sinh', form: 'Bản chính' },
    { name: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'Bản sao', note: 'Đối chiếu bản chính' },
  ],
  sets: 1,
  legalTime: '03 ngày làm việc',
  receivedAt: at('2025-01-24T08:05:00+07:00'),
  dueAt: at('2025-02-05T08:05:00+07:00'),
  returnPlace: 'Bộ phận Tiếp nhận và Trả kết quả, UBND Phường 1',
  register: { book: '01/2025', entry: '0007' },
  officer: 'Tô Thị Thanh Thúy',
  trackingUrl: 'https://dichvucong.baclieu.gov.vn/tra-cuu',
  trackingSecret: 'K7Q-4MZ-9TD',
};

export const SAMPLE_FORM02: Form02Data = {
  issuer: SAMPLE_ISSUER,
  at: at('2025-01-24T09:30:00+07:00'),
  applicant,
  request: 'Đăng ký khai sinh cho con là Trần Gia Hưởng',
  items: [
    { what: 'Bổ sung giấy chứng sinh bản chính', reason: 'hồ sơ chỉ có bản sao không có chứng thực' },
    { what: 'Ghi đầy đủ quê quán của người mẹ trong tờ khai', reason: 'mục quê quán còn để trống' },
  ],
  contact: { name: 'bà Tô Thị Thanh Thúy, công chức Tư pháp - Hộ tịch', phone: '0291 3822 001' },
  officer: 'Tô Thị Thanh Thúy',
};

export const SAMPLE_FORM03: Form03Data = {
  issuer: SAMPLE_ISSUER,
  at: at('2025-01-24T10:15:00+07:00'),
  applicant,
  request: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  reason:
    'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ thuộc thẩm quyền của Ủy ban nhân dân thành phố Bạc Liêu; đề nghị ông/bà nộp hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả thành phố.',
  officer: 'Tô Thị Thanh Thúy',
};

export const SAMPLE_FORM04: Form04Data = {
  issuer: SAMPLE_ISSUER,
  at: at('2025-02-04T14:00:00+07:00'),
  applicant,
  request: 'đăng ký khai sinh',
  dossierCode: '000.02.11.H05-250124-0007',
  receivedAt: at('2025-01-24T08:05:00+07:00'),
  originalDueAt: at('2025-02-05T08:05:00+07:00'),
  reason: 'Cần xác minh thông tin nơi sinh với Trung tâm Y tế thành phố.',
  newDueAt: at('2025-02-07T08:05:00+07:00'),
  head: { title: 'Chủ tịch Ủy ban nhân dân', name: 'Quách Văn Tài' },
};

export const SAMPLE_FORM05: Form05Data = {
  issuer: SAMPLE_ISSUER,
  at: at('2025-01-24T08:05:00+07:00'),
  dossierCode: '000.02.11.H05-250124-0007',
  applicant,
  resolvingAgency: 'Ủy ban nhân dân Phường 1',
  cooperatingAgencies: [],
  handOvers: [
    {
      step: 'Giao: Bộ phận TN&TKQ. Nhận: công chức Tư pháp - Hộ tịch',
      at: at('2025-01-24T08:20:00+07:00'),
      giver: 'Tô Thị Thanh Thúy',
      receiver: 'Dương Văn Thắng',
      result: 'early',
    },
    {
      step: 'Giao: công chức Tư pháp - Hộ tịch. Nhận: Chủ tịch UBND',
      at: at('2025-02-03T10:00:00+07:00'),
      giver: 'Dương Văn Thắng',
      receiver: 'Quách Văn Tài',
      result: 'on_time',
    },
    {
      step: 'Giao: Chủ tịch UBND. Nhận: Bộ phận TN&TKQ',
      at: at('2025-02-04T16:30:00+07:00'),
      giver: 'Quách Văn Tài',
      receiver: 'Tô Thị Thanh Thúy',
      result: 'on_time',
      note: 'Đã ký số',
    },
  ],
};

export const SAMPLE_FORM06: Form06Data = {
  issuer: SAMPLE_ISSUER,
  at: at('2025-01-31T17:00:00+07:00'),
  period: 'Từ ngày 20/01/2025 đến ngày 24/01/2025',
  rows: [
    {
      dossierCode: '000.02.11.H05-250120-0001',
      procedure: 'Chứng thực bản sao từ bản chính',
      sets: 1,
      applicant: 'Lê Văn Bảy',
      contact: 'Phường 1, 0907 000 111',
      resolvingAgency: 'UBND Phường 1',
      receivedAt: at('2025-01-20T07:40:00+07:00'),
      dueAt: at('2025-01-20T09:00:00+07:00'),
      transferredAt: null,
      resultReceivedAt: null,
      returnedAt: at('2025-01-20T08:10:00+07:00'),
      note: 'Giải quyết ngay',
    },
    {
      dossierCode: '000.02.11.H05-250124-0007',
      procedure: 'Đăng ký khai sinh',
      sets: 1,
      applicant: 'Nguyễn Thị Ánh Tuyết',
      contact: 'Phường 1, 0918 123 456',
      resolvingAgency: 'UBND Phường 1',
      receivedAt: at('2025-01-24T08:05:00+07:00'),
      dueAt: at('2025-02-05T08:05:00+07:00'),
      transferredAt: at('2025-01-24T08:20:00+07:00'),
      resultReceivedAt: null,
      returnedAt: null,
    },
  ],
};
