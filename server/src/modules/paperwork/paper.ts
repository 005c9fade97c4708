// A small layout kit over pdfkit for administrative papers: the Decree 30 header (agency on the left, national
// motto on the right, place and date line), titles, paragraphs, tables, signature blocks and a QR code, all in
// Tinos (Times New Roman's metrics, every Vietnamese diacritic), embedded as a subset.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { documentFonts, type FontStyle } from './fonts.ts';

export type { FontStyle } from './fonts.ts';

const MM = 72 / 25.4;
export const mm = (millimetres: number) => millimetres * MM;

export interface PaperOptions {
  size: 'A5' | 'A4';
  landscape?: boolean;
  /** The document's title in its metadata. */
  title: string;
  /** The moment the paper is issued: its metadata dates, so that the same data gives the same file. */
  issuedAt: Date;
  /** Base font size; Decree 30 uses 13–14 pt on A4, the A5 forms a little less. */
  fontSize?: number;
}

export interface AgencyHeading {
  /** The agency above the issuing one (UBND TỈNH BẠC LIÊU), when there is one. */
  superior?: string;
  agency: string;
  /** "Số: 12/GTN" when the paper is numbered. */
  number?: string;
  place: string;
  dateLine: string;
}

export interface Column {
  header: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  title: string;
  note?: string;
  name?: string;
}

/** Room left on the page for a digital signature's appearance: 1-based page, top-left from the page's top-left. */
export interface SignatureSlot {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Paper {
  readonly doc: PDFKit.PDFDocument;
  readonly size: number;
  /** The page being written, from 1. */
  page = 1;

  constructor(options: PaperOptions) {
    this.size = options.fontSize ?? (options.size === 'A5' ? 10 : 13);
    // Decree 30 margins (top/bottom 20–25 mm, left 30–35, right 15–20) on A4; proportionally smaller on A5.
    const margins =
      options.size === 'A4'
        ? { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) }
        : { top: mm(12), bottom: mm(12), left: mm(18), right: mm(10) };
    this.doc = new PDFDocument({
      size: options.size,
      layout: options.landscape ? 'landscape' : 'portrait',
      margins,
      info: {
        Title: options.title,
        Creator: 'congso',
        Producer: 'congso',
        CreationDate: options.issuedAt,
        ModDate: options.issuedAt,
      },
      autoFirstPage: true,
    });
    // The typings name only files and buffers; pdfkit also takes a parsed font (anything with `layout`).
    for (const [style, font] of Object.entries(documentFonts()))
      this.doc.registerFont(style, font as unknown as Buffer);
    this.font('regular');
    this.doc.on('pageAdded', () => this.page++);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  font(style: FontStyle, size = this.size): this {
    this.doc.font(style).fontSize(size);
    return this;
  }

  /** The two-column heading of Decree 30: issuing agency left, national motto right, place and date below. */
  heading(h: AgencyHeading): this {
    const { doc } = this;
    const top = doc.y;
    const leftWidth = this.width * 0.4;
    const rightX = this.left + leftWidth;
    const rightWidth = this.width - leftWidth;
    const small = this.size - 1;
    if (h.superior) this.font('regular', small).centered(h.superior.toUpperCase(), this.left, leftWidth);
    this.font('bold', small).centered(h.agency.toUpperCase(), this.left, leftWidth);
    this.rule(this.left + leftWidth * 0.3, leftWidth * 0.4);
    if (h.number) this.font('regular', small).centered(h.number, this.left, leftWidth);
    const leftBottom = doc.y;
    doc.y = top;
    this.font('bold', small).centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightWidth + 6);
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    this.font('bold', this.size).centered(motto, rightX, rightWidth);
    const mottoWidth = doc.widthOfString(motto);
    this.rule(rightX + (rightWidth - mottoWidth) / 2, mottoWidth);
    doc.moveDown(0.4);
    this.font('italic', this.size).centered(h.dateLine, rightX, rightWidth);
    doc.y = Math.max(doc.y, leftBottom) + this.size * 0.8;
    return this;
  }

  /** The paper's name in bold capitals, centred, with optional lines under it. */
  title(text: string, ...below: string[]): this {
    this.font('bold', this.size + 1).centered(text, this.left, this.width);
    for (const line of below) this.font('italic', this.size).centered(line, this.left, this.width);
    this.doc.moveDown(0.6);
    return this;
  }

  paragraph(text: string, style: FontStyle = 'regular', indent = 0): this {
    this.font(style).doc.text(text, this.left + indent, this.doc.y, {
      width: this.width - indent,
      align: 'justify',
      lineGap: 1.5,
    });
    this.doc.moveDown(0.15);
    return this;
  }

  /** "Label: value", the label regular and the value bold, wrapping as one paragraph. */
  field(label: string, value: string): this {
    this.font('regular').doc.text(`${label}: `, this.left, this.doc.y, {
      continued: true,
      width: this.width,
      lineGap: 1.5,
    });
    this.font('bold').doc.text(value || '…', { lineGap: 1.5 });
    this.doc.moveDown(0.1);
    return this;
  }

  /** A bordered table with a bold header row; rows grow to fit their longest cell. */
  table(columns: Column[], rows: string[][], fontSize = this.size - 1): this {
    const { doc } = this;
    const widths = columns.map((c) => c.width * this.width);
    const pad = 3;
    const drawRow = (cells: string[], style: FontStyle) => {
      this.font(style, fontSize);
      const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * pad }));
      const height = Math.max(...heights) + 2 * pad;
      this.keep(height);
      const top = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        doc.rect(x, top, widths[i]!, height).lineWidth(0.5).stroke();
        const align = style === 'bold' ? 'center' : (columns[i]!.align ?? 'left');
        doc.text(cell, x + pad, top + pad, { width: widths[i]! - 2 * pad, align });
        x += widths[i]!;
      });
      doc.x = this.left;
      doc.y = top + height;
    };
    drawRow(
      columns.map((c) => c.header),
      'bold',
    );
    for (const row of rows) drawRow(row, 'regular');
    doc.moveDown(0.5);
    return this;
  }

  /** Starts a new page unless `height` points still fit on this one: a block is never split. */
  keep(height: number): this {
    const { doc } = this;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    return this;
  }

  /** Signature blocks side by side: title in bold capitals, the note in italics, room to sign, the name. */
  signatures(blocks: SignatureBlock[]): this {
    const { doc } = this;
    this.keep(this.size * 7);
    // A single signer signs on the right (Decree 30); several share the width.
    const columns = Math.max(2, blocks.length);
    const columnWidth = this.width / columns;
    const top = doc.y + this.size * 0.4;
    let bottom = top;
    blocks.forEach((b, i) => {
      const x = this.left + (i + columns - blocks.length) * columnWidth;
      doc.y = top;
      this.font('bold').centered(b.title.toUpperCase(), x, columnWidth);
      if (b.note) this.font('italic', this.size - 1).centered(b.note, x, columnWidth);
      doc.y += this.size * 3.2;
      if (b.name) this.font('bold').centered(b.name, x, columnWidth);
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = this.left;
    doc.y = bottom + this.size;
    return this;
  }

  /**
   * The signature row of a document to be signed digitally (Decree 30): for each signer the authority line in bold
   * capitals ("TM. ỦY BAN NHÂN DÂN") and an empty box of `slot` size where the signature's appearance (position,
   * handwritten image, name) will go; "Nơi nhận:" and its list on the left when given. Returns the boxes.
   */
  signingRow(signers: { authority?: string }[], slot: { width: number; height: number }, recipients?: string[]) {
    const { doc } = this;
    this.keep(slot.height + this.size * 3);
    const columnWidth = this.width / 2;
    const top = doc.y + this.size * 0.4;
    let bottom = top;
    if (recipients?.length) {
      doc.y = top;
      this.font('boldItalic', this.size - 1).doc.text('Nơi nhận:', this.left, doc.y, { width: columnWidth });
      for (const line of recipients) {
        this.font('regular', this.size - 2).doc.text(`- ${line}`, this.left, doc.y, { width: columnWidth });
      }
      bottom = doc.y;
    }
    const slots: SignatureSlot[] = signers.map((signer, i) => {
      const x = this.left + (i + 2 - signers.length) * columnWidth;
      doc.y = top;
      if (signer.authority) this.font('bold').centered(signer.authority.toUpperCase(), x, columnWidth);
      const box = { page: this.page, x: x + (columnWidth - slot.width) / 2, y: doc.y, ...slot };
      bottom = Math.max(bottom, doc.y + slot.height);
      return box;
    });
    doc.x = this.left;
    doc.y = bottom + this.size;
    return slots;
  }

  /** A QR code drawn as vector squares (crisp at any zoom), `size` points wide, at (x, y). */
  qr(text: string, x: number, y: number, size: number): this {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cell = size / modules.size;
    const { doc } = this;
    doc.save().fillColor('black');
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
      }
    }
    doc.fill().restore();
    return this;
  }

  /** The finished PDF. */
  async bytes(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => this.doc.on('end', () => resolve()));
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }

  private centered(text: string, x: number, width: number): this {
    this.doc.text(text, x, this.doc.y, { width, align: 'center', lineGap: 1 });
    return this;
  }

  private rule(x: number, width: number): void {
    const y = this.doc.y + 1;
    this.doc
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(0.6)
      .stroke();
    this.doc.y = y + 3;
  }
}
