// A signature as an incremental update (ISO 32000-1 §7.5.6, §12.8): the original bytes stay as they are, and new
// objects follow them: the signature dictionary with its /ByteRange and a /Contents placeholder, the widget that
// shows it, its appearance, the page and the form updated to point at it, a cross-reference section and a
// trailer with /Prev. Because nothing earlier is rewritten, earlier signatures keep verifying.
import { randomBytes } from 'node:crypto';
import { type Appearance, type Box, drawAppearance, drawVerificationQr } from './appearance.ts';
import type { ObjectSink } from './font.ts';
import { arrayOf, type PdfFile } from './pdf-file.ts';
import { dict, name, PdfDict, PdfRef, PdfString, type PdfValue, serialize, serializeObject } from './pdf-objects.ts';

/** Room for the CMS: a signer certificate, two CA certificates, a timestamp token with its own chain. */
export const CONTENTS_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '[0 9999999999 9999999999 9999999999]';

export interface SignatureRequest {
  pageIndex: number;
  box: Box;
  appearance: Appearance;
  fieldName: string;
  signedAt: Date;
  signerName: string;
  reason?: string;
  /** A QR code to the public verification page, drawn (and linked) at `box`. */
  qr?: { url: string; box: Box };
}

export interface PreparedPdf {
  bytes: Buffer;
  byteRange: [number, number, number, number];
}

/** Collects the update's objects: new ones numbered from the trailer's /Size, and replaced old ones. */
class Update implements ObjectSink {
  readonly objects = new Map<number, { gen: number; bytes: Buffer }>();
  private next: number;

  constructor(private readonly file: PdfFile) {
    this.next = file.size;
  }

  get size(): number {
    return this.next;
  }

  reserve(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  add(value: PdfValue): PdfRef {
    const ref = this.reserve();
    this.objects.set(ref.num, { gen: 0, bytes: serializeObject(ref, value) });
    return ref;
  }

  put(ref: PdfRef, bytes: Buffer): void {
    this.objects.set(ref.num, { gen: ref.gen, bytes });
  }

  replace(num: number, value: PdfValue): void {
    const ref = new PdfRef(num, this.file.generation(num));
    this.objects.set(num, { gen: ref.gen, bytes: serializeObject(ref, value) });
  }
}

/** Writes the update with an empty /Contents; `embedSignature` fills it once the CMS is made. */
export function prepareSignature(file: PdfFile, request: SignatureRequest): PreparedPdf {
  const update = new Update(file);
  const pages = file.pages();
  const pageRef = pages[request.pageIndex];
  if (!pageRef) throw new RangeError(`page ${request.pageIndex + 1} of ${pages.length}`);
  const sigRef = update.reserve();
  const sigObject = signatureDictionary(sigRef, request);
  update.put(sigRef, sigObject.bytes);
  const rect = (b: Box) => [b.x, b.y, b.x + b.width, b.y + b.height];
  const widget = update.add(
    dict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: PdfString.text(request.fieldName),
      V: sigRef,
      F: 132, // print, locked
      P: pageRef,
      Rect: rect(request.box),
      AP: dict({ N: drawAppearance(update, request.appearance, request.box) }),
    }),
  );
  const annotations = [widget, ...(request.qr ? qrAnnotations(update, request.qr, pageRef, rect(request.qr.box)) : [])];
  appendAnnotations(file, update, pageRef, annotations);
  addField(file, update, widget);
  return assemble(file, update, sigRef, sigObject.offsets);
}

function qrAnnotations(update: Update, qr: { url: string; box: Box }, page: PdfRef, rect: number[]): PdfRef[] {
  const stamp = dict({
    Type: name('Annot'),
    Subtype: name('Stamp'),
    F: 132,
    P: page,
    Rect: rect,
    AP: dict({ N: drawVerificationQr(update, qr.url) }),
  });
  const link = dict({
    Type: name('Annot'),
    Subtype: name('Link'),
    P: page,
    Rect: rect,
    Border: [0, 0, 0],
    A: dict({ S: name('URI'), URI: PdfString.latin1(qr.url) }),
  });
  return [update.add(stamp), update.add(link)];
}

/** The signature dictionary, serialised by hand so that the placeholders' positions are known. */
function signatureDictionary(ref: PdfRef, request: SignatureRequest) {
  const head = `${ref.num} ${ref.gen} obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange `;
  const contents = ` /Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`;
  const rest = dict({
    M: PdfString.latin1(pdfDate(request.signedAt)),
    Name: PdfString.text(request.signerName),
    ...(request.reason ? { Reason: PdfString.text(request.reason) } : {}),
  });
  const tail = ` ${serialize(rest).slice(3, -3)} >>\nendobj\n`;
  const text = `${head}${BYTE_RANGE_PLACEHOLDER}${contents}${tail}`;
  return {
    bytes: Buffer.from(text, 'latin1'),
    offsets: { byteRange: head.length, contents: head.length + BYTE_RANGE_PLACEHOLDER.length + 11 },
  };
}

/** D:YYYYMMDDHHmmSS+07'00' in Vietnam's time (§7.9.4). */
function pdfDate(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `D:${local}+07'00'`;
}

function appendAnnotations(file: PdfFile, update: Update, pageRef: PdfRef, annotations: PdfRef[]): void {
  const page = file.dictAt(pageRef, 'trang cần ký').clone();
  const annots = page.get('Annots');
  if (annots instanceof PdfRef) {
    update.replace(annots.num, [...arrayOf(file.resolve(annots)), ...annotations]);
    return;
  }
  page.set('Annots', [...arrayOf(annots), ...annotations]);
  update.replace(pageRef.num, page);
}

/** Adds the signature field to the document's form, creating the form if there is none (§12.7.2). */
function addField(file: PdfFile, update: Update, field: PdfRef): void {
  const rootRef = file.trailer.get('Root') as PdfRef;
  const catalog = file.catalog().clone();
  const existing = catalog.get('AcroForm');
  const form = existing ? file.dictAt(existing, 'biểu mẫu (/AcroForm)').clone() : dict({});
  const fields = form.get('Fields');
  if (fields instanceof PdfRef) update.replace(fields.num, [...arrayOf(file.resolve(fields)), field]);
  else form.set('Fields', [...arrayOf(fields), field]);
  form.set('SigFlags', 3); // signatures exist; append only
  if (existing instanceof PdfRef) {
    update.replace(existing.num, form);
    return;
  }
  catalog.set('AcroForm', existing instanceof PdfDict ? form : update.add(form));
  update.replace(rootRef.num, catalog);
}

function assemble(file: PdfFile, update: Update, sigRef: PdfRef, sigOffsets: { byteRange: number; contents: number }) {
  const original = Buffer.from(file.bytes);
  const parts: Buffer[] = [original];
  let offset = original.length;
  if (original[original.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    offset++;
  }
  const offsets = new Map<number, number>();
  for (const [num, object] of [...update.objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, offset);
    parts.push(object.bytes);
    offset += object.bytes.length;
  }
  const xrefAt = offset;
  parts.push(Buffer.from(xrefTable(update, offsets) + trailer(file, update, xrefAt), 'latin1'));
  const bytes = Buffer.concat(parts);
  const sigAt = offsets.get(sigRef.num)!;
  const contentsStart = sigAt + sigOffsets.contents;
  const contentsEnd = contentsStart + CONTENTS_BYTES * 2 + 2;
  const byteRange: PreparedPdf['byteRange'] = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  bytes.write(rangeText.replace(/\]( *)$/, '$1]'), sigAt + sigOffsets.byteRange, 'latin1');
  return { bytes, byteRange };
}

function xrefTable(update: Update, offsets: Map<number, number>): string {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const lines = ['xref'];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    lines.push(`${nums[i]} ${j - i + 1}`);
    for (let k = i; k <= j; k++) {
      const gen = update.objects.get(nums[k]!)!.gen;
      // Each entry is exactly 20 bytes, the line ending included (§7.5.4).
      lines.push(`${String(offsets.get(nums[k]!)).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r`);
    }
    i = j + 1;
  }
  return `${lines.join('\n')}\n`;
}

function trailer(file: PdfFile, update: Update, xrefAt: number): string {
  const previous = file.trailer;
  const ids = arrayOf(previous.get('ID'));
  const fresh = new PdfString(randomBytes(16), true);
  const t = dict({ Size: update.size, Root: previous.get('Root')!, Prev: file.lastXref });
  const info = previous.get('Info');
  if (info) t.set('Info', info);
  t.set('ID', [ids[0] instanceof PdfString ? ids[0] : fresh, fresh]);
  return `trailer\n${serialize(t)}\nstartxref\n${xrefAt}\n%%EOF\n`;
}

/** The bytes the signature covers: everything but the /Contents hole. */
export function signedRanges(prepared: PreparedPdf): Buffer[] {
  const [a, b, c, d] = prepared.byteRange;
  return [prepared.bytes.subarray(a, a + b), prepared.bytes.subarray(c, c + d)];
}

/** Puts the CMS into the /Contents hole, in place. */
export function embedSignature(prepared: PreparedPdf, cms: Uint8Array): Buffer {
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > CONTENTS_BYTES * 2) throw new RangeError(`CMS of ${cms.length} bytes exceeds ${CONTENTS_BYTES}`);
  prepared.bytes.write(hex, prepared.byteRange[1] + 1, 'latin1');
  return prepared.bytes;
}
