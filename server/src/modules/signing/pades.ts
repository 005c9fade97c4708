// The PAdES pipeline: check the document, place the signature on its page, write the incremental update, hash
// the signed byte ranges, build the CMS and put it in. Pure apart from the signer backend and the timestamper.
import { type Appearance, attachmentBox, type Box, QR_SIZE, SIGNER_SIZE, sealBox } from './appearance.ts';
import { buildCms, type SignerBackend, sha256, type Timestamper } from './cms.ts';
import { embedSignature, prepareSignature, type SignatureRequest, signedRanges } from './incremental.ts';
import { arrayOf, PdfFile, PdfStructureError, stringValue } from './pdf-file.ts';
import { PdfDict, type PdfName, PdfRef } from './pdf-objects.ts';

/** A document that cannot be signed as it is; the message says why, in Vietnamese. */
export class DocumentError extends Error {}

const MM = 72 / 25.4;

/** Where the caller wants the signature: a 1-based page (default: the last) and the box's top-left corner. */
export interface Placement {
  page?: number;
  /** Points from the page's left edge. */
  x?: number;
  /** Points from the page's top edge. */
  y?: number;
}

export interface SignatureField {
  name: string;
  pageIndex: number;
  rect: Box;
}

/** Opens a document for signing: a readable PDF, not encrypted, without JavaScript. */
export function openForSigning(bytes: Uint8Array): PdfFile {
  let file: PdfFile;
  try {
    file = new PdfFile(bytes);
  } catch (err) {
    if (err instanceof PdfStructureError) throw new DocumentError(err.message);
    throw err;
  }
  if (file.encrypted) throw new DocumentError('Tệp PDF đã được mã hóa (đặt mật khẩu); hãy gỡ mã hóa trước khi ký.');
  if (file.hasJavaScript()) throw new DocumentError('Tệp PDF chứa mã JavaScript; không ký văn bản có mã thực thi.');
  return file;
}

/** The signature fields already in the document, in form order. */
export function signatureFields(file: PdfFile): SignatureField[] {
  const form = file.catalog().get('AcroForm');
  if (!form) return [];
  const pages = file.pages();
  const fields: SignatureField[] = [];
  for (const ref of arrayOf(file.resolve(file.dictAt(form, 'biểu mẫu').get('Fields')))) {
    const field = file.resolve(ref);
    if (!(field instanceof PdfDict) || (field.get('FT') as PdfName | undefined)?.name !== 'Sig') continue;
    const [x1, y1, x2, y2] = arrayOf(file.resolve(field.get('Rect'))).map((v) => Number(file.resolve(v)));
    const page = field.get('P');
    fields.push({
      name: stringValue(field.get('T')) ?? '',
      pageIndex: page instanceof PdfRef ? pages.findIndex((p) => p.num === page.num) : -1,
      rect: { x: x1!, y: y1!, width: x2! - x1!, height: y2! - y1! },
    });
  }
  return fields;
}

function mediaBox(file: PdfFile, pageIndex: number): Box {
  const page = file.dictAt(file.pages()[pageIndex], 'trang');
  const [x1, y1, x2, y2] = arrayOf(file.inherited(page, 'MediaBox')).map((v) => Number(file.resolve(v)));
  if ([x1, y1, x2, y2].some((v) => !Number.isFinite(v)))
    throw new DocumentError('Trang PDF không có kích thước (/MediaBox).');
  return { x: x1!, y: y1!, width: x2! - x1!, height: y2! - y1! };
}

function pageIndexOf(file: PdfFile, page: number | undefined): number {
  const count = file.pages().length;
  const index = page === undefined ? count - 1 : page - 1;
  if (index < 0 || index >= count) throw new DocumentError(`Trang ${page} không có trong văn bản (có ${count} trang).`);
  return index;
}

/** A box of `size` whose top-left corner is at (x, y) from the page's top-left, or at `fallback`. */
function boxAt(media: Box, size: { width: number; height: number }, placement: Placement, fallback: Box): Box {
  if (placement.x === undefined || placement.y === undefined) return fallback;
  return { x: media.x + placement.x, y: media.y + media.height - placement.y - size.height, ...size };
}

/** Decides the page and box of a signature per its layout (Decree 30 appearance, DOMAIN.md §6). */
export function placeSignature(
  file: PdfFile,
  appearance: Appearance,
  placement: Placement,
): { pageIndex: number; box: Box } {
  if (appearance.layout === 'attachment') return { pageIndex: 0, box: attachmentBox(mediaBox(file, 0)) };
  if (appearance.layout === 'seal') {
    const signer = signatureFields(file).findLast((f) => f.name.startsWith('signer-'));
    if (placement.x === undefined && !signer) {
      throw new DocumentError('Văn bản chưa có chữ ký của người có thẩm quyền; chưa thể đóng dấu cơ quan.');
    }
    if (signer && placement.x === undefined)
      return { pageIndex: signer.pageIndex, box: sealBox(signer.rect, appearance.image) };
    const pageIndex = pageIndexOf(file, placement.page);
    const media = mediaBox(file, pageIndex);
    const seal = sealBox({ x: 0, y: 0, ...SIGNER_SIZE }, appearance.image);
    return { pageIndex, box: boxAt(media, seal, placement, seal) };
  }
  const pageIndex = pageIndexOf(file, placement.page);
  const media = mediaBox(file, pageIndex);
  // Without a position: the right-hand column above the bottom margin, where Decree 30 puts the signature.
  const fallback = {
    x: media.x + media.width - 20 * MM - SIGNER_SIZE.width,
    y: media.y + 25 * MM,
    ...SIGNER_SIZE,
  };
  return { pageIndex, box: boxAt(media, SIGNER_SIZE, placement, fallback) };
}

/** The QR code's box: bottom left of the page the signature is on, inside the margins. */
export function qrBox(file: PdfFile, pageIndex: number): Box {
  const media = mediaBox(file, pageIndex);
  return { x: media.x + 30 * MM, y: media.y + 20 * MM, ...QR_SIZE };
}

export function nextFieldName(file: PdfFile, layout: Appearance['layout']): string {
  return `${layout}-${signatureFields(file).length + 1}`;
}

/** Signs `file` as `request` says, with `signer`, and a timestamp when a timestamper is given (B-T). */
export async function signPdf(
  file: PdfFile,
  request: SignatureRequest,
  signer: SignerBackend,
  timestamper?: Timestamper,
): Promise<Buffer> {
  const prepared = prepareSignature(file, request);
  const cms = await buildCms(sha256(...signedRanges(prepared)), signer, timestamper);
  return embedSignature(prepared, cms);
}
