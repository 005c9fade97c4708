// Forms 01–06 of Circular 01/2018/TT-VPCP (one-stop processing, Decree 61/2018): pure renderers from plain data
// to PDF. Form 06 is A4 landscape, the others A5. The wording follows the Circular's templates (DOMAIN.md §4); the
// dossier module assembles the data.
import { type Column, Paper } from './paper.ts';
import { placeAndDate, shortDate, shortDateTime, writtenDate, writtenTime } from './wording.ts';

export interface Issuer {
  superior?: string;
  agency: string;
  /** Place on the date line: the province or district name (Bạc Liêu). */
  place: string;
  phone?: string;
}

export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface ComponentLine {
  name: string;
  form: string;
  note?: string;
}

export interface Form01Data {
  issuer: Issuer;
  dossierCode: string;
  applicant: Applicant;
  request: string;
  components: ComponentLine[];
  sets: number;
  legalTime: string;
  receivedAt: number;
  dueAt: number;
  returnPlace: string;
  register: { book: string; entry: string };
  officer: string;
  trackingUrl: string;
  trackingSecret: string;
}

const heading = (issuer: Issuer, at: number, number?: string) => ({
  ...(issuer.superior ? { superior: issuer.superior } : {}),
  agency: issuer.agency,
  ...(number ? { number } : {}),
  place: issuer.place,
  dateLine: placeAndDate(issuer.place, at),
});

function applicantLines(paper: Paper, a: Applicant) {
  paper.field('Địa chỉ', a.address ?? '');
  paper.field('Số điện thoại', `${a.phone ?? '…'}    Email: ${a.email ?? '…'}`);
}

const A5 = (title: string, issuedAt: number) => new Paper({ size: 'A5', title, issuedAt: new Date(issuedAt) });

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code to the public tracking page. */
export async function form01(d: Form01Data): Promise<Buffer> {
  const p = A5('Giấy tiếp nhận hồ sơ và hẹn trả kết quả', d.receivedAt);
  p.heading(heading(d.issuer, d.receivedAt));
  p.title('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Mã hồ sơ: ${d.dossierCode}`);
  p.paragraph(`${d.issuer.agency} tiếp nhận hồ sơ của:`);
  p.field('Ông/bà', d.applicant.name);
  applicantLines(p, d.applicant);
  p.field('Nội dung yêu cầu giải quyết', d.request);
  p.paragraph('1. Thành phần hồ sơ nộp gồm:');
  p.table(
    COMPONENT_COLUMNS,
    d.components.map((c, i) => [String(i + 1), c.name, c.form, c.note ?? '']),
  );
  p.paragraph(`2. Số lượng hồ sơ: ${String(d.sets).padStart(2, '0')} (bộ)`);
  p.paragraph(`3. Thời gian giải quyết hồ sơ theo quy định là: ${d.legalTime}`);
  p.paragraph(`4. Thời gian nhận hồ sơ: ${writtenTime(d.receivedAt)}`);
  p.paragraph(`5. Thời gian trả kết quả giải quyết hồ sơ: ${writtenTime(d.dueAt)}`);
  p.paragraph(`6. Đăng ký nhận kết quả tại: ${d.returnPlace}`);
  p.paragraph(`Vào Sổ theo dõi hồ sơ, Quyển số: ${d.register.book}, Số thứ tự: ${d.register.entry}`, 'italic');
  trackingBox(p, d);
  p.signatures([
    { title: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.name },
    { title: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: d.officer },
  ]);
  return p.bytes();
}

const COMPONENT_COLUMNS: Column[] = [
  { header: 'TT', width: 0.08, align: 'center' },
  { header: 'Tên giấy tờ', width: 0.5 },
  { header: 'Hình thức (bản chính, bản sao, bản điện tử)', width: 0.24 },
  { header: 'Ghi chú', width: 0.18 },
];

// The QR code opens the public tracking page; the secret printed beside it lets the applicant follow the dossier.
function trackingBox(p: Paper, d: Form01Data): void {
  const size = 56;
  p.keep(size + 4);
  const top = p.doc.y;
  p.qr(`${d.trackingUrl}?code=${encodeURIComponent(d.dossierCode)}`, p.left, top, size);
  p.font('regular', p.size - 1).doc.text(
    `Tra cứu tình trạng hồ sơ tại ${d.trackingUrl} hoặc quét mã QR, với mã hồ sơ ${d.dossierCode} và mã tra cứu:`,
    p.left + size + 8,
    top + 4,
    { width: p.width - size - 8 },
  );
  p.font('bold', p.size + 1).doc.text(d.trackingSecret, { width: p.width - size - 8 });
  p.doc.x = p.left;
  p.doc.y = Math.max(p.doc.y, top + size) + 4;
}

export interface Form02Data {
  issuer: Issuer;
  at: number;
  applicant: Applicant;
  request: string;
  /** What to supply or correct, each with its reason. */
  items: { what: string; reason: string }[];
  contact: { name: string; phone: string };
  officer: string;
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export async function form02(d: Form02Data): Promise<Buffer> {
  const p = A5('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', d.at);
  p.heading(heading(d.issuer, d.at));
  p.title('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
  p.paragraph(`Hồ sơ của: ${d.applicant.name}`, 'bold');
  p.field('Nội dung yêu cầu giải quyết', d.request);
  p.paragraph('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  for (const [i, item] of d.items.entries())
    p.paragraph(`${i + 1}. ${item.what}. Lý do: ${item.reason}`, 'regular', 10);
  p.paragraph(
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ${d.contact.name}, số điện thoại ${d.contact.phone} để được hướng dẫn.`,
  );
  p.signatures([{ title: 'Người hướng dẫn', note: '(Ký và ghi rõ họ tên)', name: d.officer }]);
  return p.bytes();
}

export interface Form03Data {
  issuer: Issuer;
  at: number;
  applicant: Applicant;
  request: string;
  reason: string;
  officer: string;
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function form03(d: Form03Data): Promise<Buffer> {
  const p = A5('Phiếu từ chối tiếp nhận giải quyết hồ sơ', d.at);
  p.heading(heading(d.issuer, d.at));
  p.title('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
  p.paragraph(`${d.issuer.agency} tiếp nhận hồ sơ của: ${d.applicant.name}`);
  p.field('Nội dung yêu cầu giải quyết', d.request);
  p.paragraph(
    `Qua nghiên cứu, xem xét hồ sơ, đối chiếu với các quy định hiện hành, ${d.issuer.agency} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
  );
  p.paragraph(d.reason, 'bold', 10);
  p.paragraph('Xin thông báo để ông/bà được biết và thực hiện./.');
  p.signatures([{ title: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: d.officer }]);
  return p.bytes();
}

export interface Form04Data {
  issuer: Issuer;
  at: number;
  applicant: Applicant;
  request: string;
  dossierCode: string;
  receivedAt: number;
  originalDueAt: number;
  reason: string;
  newDueAt: number;
  head: { title: string; name: string };
}

/** Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed by the head of the agency. */
export async function form04(d: Form04Data): Promise<Buffer> {
  const p = A5('Phiếu xin lỗi và hẹn lại ngày trả kết quả', d.at);
  p.heading(heading(d.issuer, d.at));
  p.title('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
  p.paragraph(
    `${capitalised(writtenDate(d.receivedAt))}, ${d.issuer.agency} tiếp nhận giải quyết hồ sơ đề nghị ${d.request} của ông/bà ${d.applicant.name}.`,
  );
  p.field('Mã hồ sơ', d.dossierCode);
  p.field('Thời gian hẹn trả kết quả giải quyết hồ sơ', writtenTime(d.originalDueAt));
  p.paragraph(
    `Tuy nhiên đến nay, ${d.issuer.agency} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hạn như đã hẹn.`,
  );
  p.field('Lý do', d.reason);
  p.paragraph(
    `Sự chậm trễ này đã gây phiền hà cho ông/bà. ${d.issuer.agency} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào ${writtenTime(d.newDueAt)}.`,
  );
  p.paragraph('Mong nhận được sự thông cảm của ông/bà./.');
  p.signatures([{ title: d.head.title, note: '(Ký, ghi rõ họ tên và đóng dấu)', name: d.head.name }]);
  return p.bytes();
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface HandOver {
  /** "Giao: Bộ phận TN&TKQ", "Nhận: Phòng Tư pháp" … */
  step: string;
  at: number;
  giver: string;
  receiver: string;
  result: 'early' | 'on_time' | 'late' | null;
  note?: string;
}

export interface Form05Data {
  issuer: Issuer;
  at: number;
  dossierCode: string;
  applicant: Applicant;
  resolvingAgency: string;
  cooperatingAgencies: string[];
  handOvers: HandOver[];
}

const RESULT_NAMES = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/** Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per hand-over. */
export async function form05(d: Form05Data): Promise<Buffer> {
  const p = A5('Phiếu kiểm soát quá trình giải quyết hồ sơ', d.at);
  p.heading(heading(d.issuer, d.at));
  p.title(
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    `Mã hồ sơ: ${d.dossierCode}`,
    `(Kèm theo hồ sơ của ${d.applicant.name})`,
  );
  p.field('Cơ quan (bộ phận) giải quyết hồ sơ', d.resolvingAgency);
  p.field('Cơ quan phối hợp giải quyết hồ sơ', d.cooperatingAgencies.join('; ') || 'Không');
  p.table(
    [
      { header: 'Tên cơ quan', width: 0.3 },
      { header: 'Thời gian giao, nhận hồ sơ', width: 0.3 },
      { header: 'Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)', width: 0.22, align: 'center' },
      { header: 'Ghi chú', width: 0.18 },
    ],
    d.handOvers.map((h, i) => [
      `${i + 1}. ${h.step}`,
      `${shortDateTime(h.at)}\nNgười giao: ${h.giver}\nNgười nhận: ${h.receiver}`,
      h.result ? RESULT_NAMES[h.result] : '',
      h.note ?? '',
    ]),
    p.size - 2,
  );
  return p.bytes();
}

export interface LogbookRow {
  dossierCode: string;
  procedure: string;
  sets: number;
  applicant: string;
  contact: string;
  resolvingAgency: string;
  receivedAt: number;
  dueAt: number;
  transferredAt: number | null;
  resultReceivedAt: number | null;
  returnedAt: number | null;
  note?: string;
}

export interface Form06Data {
  issuer: Issuer;
  at: number;
  period: string;
  rows: LogbookRow[];
}

const when = (t: number | null) => (t === null ? '' : shortDate(t));

/** Form 06: Sổ theo dõi hồ sơ, the desk's log book for a period (A4 landscape). */
export async function form06(d: Form06Data): Promise<Buffer> {
  const p = new Paper({
    size: 'A4',
    landscape: true,
    title: 'Sổ theo dõi hồ sơ',
    issuedAt: new Date(d.at),
    fontSize: 11,
  });
  p.heading(heading(d.issuer, d.at));
  p.title('SỔ THEO DÕI HỒ SƠ', d.period);
  p.table(
    [
      { header: 'TT', width: 0.035, align: 'center' },
      { header: 'Mã hồ sơ', width: 0.12 },
      { header: 'Tên thủ tục hành chính', width: 0.13 },
      { header: 'Số lượng hồ sơ (bộ)', width: 0.05, align: 'center' },
      { header: 'Tên cá nhân, tổ chức', width: 0.1 },
      { header: 'Địa chỉ, số điện thoại', width: 0.1 },
      { header: 'Cơ quan chủ trì giải quyết', width: 0.1 },
      { header: 'Nhận hồ sơ', width: 0.065, align: 'center' },
      { header: 'Hẹn trả kết quả', width: 0.065, align: 'center' },
      { header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 0.065, align: 'center' },
      { header: 'Nhận kết quả từ cơ quan giải quyết', width: 0.065, align: 'center' },
      { header: 'Trả kết quả cho cá nhân, tổ chức', width: 0.065, align: 'center' },
      { header: 'Ghi chú', width: 0.05 },
    ],
    d.rows.map((r, i) => [
      String(i + 1),
      r.dossierCode,
      r.procedure,
      String(r.sets),
      r.applicant,
      r.contact,
      r.resolvingAgency,
      shortDate(r.receivedAt),
      shortDate(r.dueAt),
      when(r.transferredAt),
      when(r.resultReceivedAt),
      when(r.returnedAt),
      r.note ?? '',
    ]),
    8.5,
  );
  return p.bytes();
}
