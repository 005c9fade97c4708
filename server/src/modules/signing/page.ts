// The public verification page (/verify): what a signed document's QR code opens. It shows the record of that
// signature when the code names one, and takes a PDF to check; the result is rendered on the server, so the
// page needs no script.
import { isoVietnam } from './appearance.ts';
import type { VerifiedSignature } from './verify.ts';

interface SignatureRecordView {
  signer_name: string;
  agency_name: string;
  signed_at: Date;
  output_sha256: string;
}

export interface PageInput {
  record: SignatureRecordView | null;
  result?: VerifiedSignature[];
  error?: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const yesNo = (value: boolean, good: boolean) =>
  `<span class="${value === good ? 'ok' : 'bad'}">${value ? 'Có' : 'Không'}</span>`;

function recordSection(record: SignatureRecordView): string {
  return `<section><h2>Văn bản được ký trên hệ thống</h2><dl>
<dt>Người ký</dt><dd>${escapeHtml(record.signer_name)}</dd>
<dt>Cơ quan</dt><dd>${escapeHtml(record.agency_name)}</dd>
<dt>Thời gian ký</dt><dd>${escapeHtml(isoVietnam(record.signed_at))}</dd>
<dt>Mã băm SHA-256 của tệp đã ký</dt><dd><code>${escapeHtml(record.output_sha256)}</code></dd>
</dl><p>Tải tệp bạn nhận được lên dưới đây để kiểm tra đúng là tệp này và chữ ký còn nguyên vẹn.</p></section>`;
}

function resultSection(signatures: VerifiedSignature[]): string {
  if (signatures.length === 0) return '<section><h2>Kết quả</h2><p>Tệp không có chữ ký số nào.</p></section>';
  const rows = signatures
    .map(
      (s, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(s.signer ?? '—')}</td><td>${escapeHtml(s.issuer ?? '—')}</td>
<td>${escapeHtml(s.signedAt ?? '—')}</td><td>${yesNo(s.intact, true)}</td><td>${yesNo(s.modifiedAfter, false)}</td>
<td>${yesNo(s.trusted, true)}</td><td><ul>${s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></td></tr>`,
    )
    .join('');
  return `<section><h2>Kết quả</h2><table><thead><tr><th>#</th><th>Người ký</th><th>Tổ chức cấp chứng thư</th>
<th>Thời gian ký</th><th>Nguyên vẹn</th><th>Bị sửa sau khi ký</th><th>Được tin cậy</th><th>Ghi chú</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

export function verificationPage(input: PageInput): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Xác thực chữ ký số — congso</title>
<style>body{font-family:"Times New Roman",Tinos,serif;max-width:960px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;vertical-align:top}
.ok{color:#0a6b2d;font-weight:bold}.bad{color:#b00020;font-weight:bold}.error{color:#b00020}dt{font-weight:bold}</style>
</head><body><h1>Xác thực chữ ký số trên văn bản</h1>
${input.record ? recordSection(input.record) : ''}
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
${input.result ? resultSection(input.result) : ''}
<form method="post" action="/verify" enctype="multipart/form-data">
<label>Tệp PDF đã ký: <input type="file" name="file" accept="application/pdf" required></label>
<button type="submit">Kiểm tra</button></form>
</body></html>`;
}
