// What a signature looks like on the page (Decree 30/2020/NĐ-CP, Annex I; DOMAIN.md §6):
// - a person's signature: position, then the handwritten signature image, then the full name;
// - the organisation's signature: its seal at actual size, overlapping the left third of the signer's image;
// - an attachment: a text box at the top right of page 1, in Times New Roman 10, with the number and symbol of
//   the document it belongs to and the signing time in ISO 8601.
// Each is a form XObject (the widget's normal appearance) drawn with Tinos and PNG images.
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { EmbeddedFont, type FontStyle, type ObjectSink } from './font.ts';
import { dict, formatNumber as n, name, type PdfDict, type PdfRef, PdfStream } from './pdf-objects.ts';
import type { RasterImage } from './png.ts';

/** A rectangle in PDF user space (points, origin at the bottom left of the page). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Appearance =
  | { layout: 'signer'; position: string; fullName: string; image: RasterImage }
  | { layout: 'seal'; image: RasterImage }
  | { layout: 'attachment'; numberSymbol: string; signedAt: Date };

export type Layout = Appearance['layout'];

const MM = 72 / 25.4;
export const SIGNER_SIZE = { width: 200, height: 120 };
const TEXT_SIZE = 13;
/** The seal is printed at actual size; an image that does not say its size is taken as a 36 mm seal. */
const DEFAULT_SEAL_MM = 36;
const ATTACHMENT_SIZE = { width: 190, height: 34 };
const ATTACHMENT_FONT_SIZE = 10;
const PAGE_MARGIN = { top: 20 * MM, right: 20 * MM };

/** Where the handwritten image sits inside a person's signature box: between the position and the name. */
export function signerImageSlot(box: Box): Box {
  return { x: box.x + 10, y: box.y + 26, width: box.width - 20, height: box.height - 50 };
}

/** The seal's box: actual size, its right edge a third of the way into the signer's image slot. */
export function sealBox(signerBox: Box, seal: RasterImage): Box {
  const slot = signerImageSlot(signerBox);
  const size = sealSize(seal);
  return {
    x: slot.x + slot.width / 3 - size.width,
    y: slot.y + slot.height / 2 - size.height / 2,
    ...size,
  };
}

function sealSize(seal: RasterImage): { width: number; height: number } {
  const pointsPerPixel = seal.pixelsPerMetre
    ? 72 / 0.0254 / seal.pixelsPerMetre
    : (DEFAULT_SEAL_MM * MM) / Math.max(seal.width, seal.height);
  return { width: seal.width * pointsPerPixel, height: seal.height * pointsPerPixel };
}

/** The attachment box: top right of the page, inside the margins of Decree 30. */
export function attachmentBox(mediaBox: Box): Box {
  return {
    x: mediaBox.x + mediaBox.width - PAGE_MARGIN.right - ATTACHMENT_SIZE.width,
    y: mediaBox.y + mediaBox.height - PAGE_MARGIN.top - ATTACHMENT_SIZE.height,
    ...ATTACHMENT_SIZE,
  };
}

/** The signing time as Decree 30 shows it: ISO 8601 in Vietnam's time zone (UTC+7, no daylight saving). */
export function isoVietnam(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** Builds a form XObject's content and resources as it is drawn. */
class Canvas {
  private readonly ops: string[] = [];
  private readonly fonts = new Map<FontStyle, EmbeddedFont>();
  private readonly images: PdfRef[] = [];

  constructor(
    readonly sink: ObjectSink,
    readonly width: number,
    readonly height: number,
  ) {}

  /** Text centred on `cx`, shrunk to fit `maxWidth` rather than running out of its box. */
  text(text: string, cx: number, baseline: number, size: number, style: FontStyle, align: 'center' | 'left'): void {
    const font = this.font(style);
    const fitted = Math.min(size, (size * (this.width - 8)) / Math.max(font.width(text, size), 1));
    const x = align === 'center' ? cx - font.width(text, fitted) / 2 : cx;
    this.ops.push(`BT /${fontKey(style)} ${n(fitted)} Tf ${n(x)} ${n(baseline)} Td ${font.show(text)} Tj ET`);
  }

  image(image: RasterImage, box: Box): void {
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    const [x, y] = [box.x + (box.width - w) / 2, box.y + (box.height - h) / 2];
    this.images.push(writeImage(this.sink, image));
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /Im${this.images.length} Do Q`);
  }

  raw(op: string): void {
    this.ops.push(op);
  }

  finish(): PdfRef {
    const fonts = dict({});
    for (const [style, font] of this.fonts) fonts.set(fontKey(style), font.write(this.sink));
    const xobjects = dict({});
    for (const [i, ref] of this.images.entries()) xobjects.set(`Im${i + 1}`, ref);
    const resources: PdfDict = dict({ Font: fonts, XObject: xobjects });
    return this.sink.add(
      new PdfStream(
        dict({
          Type: name('XObject'),
          Subtype: name('Form'),
          BBox: [0, 0, this.width, this.height],
          Resources: resources,
          Filter: name('FlateDecode'),
        }),
        deflateSync(Buffer.from(this.ops.join('\n'), 'latin1')),
      ),
    );
  }

  private font(style: FontStyle): EmbeddedFont {
    let font = this.fonts.get(style);
    if (!font) {
      font = new EmbeddedFont(style);
      this.fonts.set(style, font);
    }
    return font;
  }
}

const fontKey = (style: FontStyle) => (style === 'bold' ? 'TinosB' : 'Tinos');

/** Writes the appearance of a signature occupying `box` and returns its form XObject. */
export function drawAppearance(sink: ObjectSink, appearance: Appearance, box: Box): PdfRef {
  const canvas = new Canvas(sink, box.width, box.height);
  const local = { x: 0, y: 0, width: box.width, height: box.height };
  switch (appearance.layout) {
    case 'signer': {
      const cx = box.width / 2;
      canvas.raw('0 0 0 rg');
      canvas.text(appearance.position.toLocaleUpperCase('vi'), cx, box.height - TEXT_SIZE, TEXT_SIZE, 'bold', 'center');
      canvas.image(appearance.image, signerImageSlot(local));
      canvas.text(appearance.fullName, cx, 8, TEXT_SIZE, 'bold', 'center');
      break;
    }
    case 'seal':
      canvas.image(appearance.image, local);
      break;
    case 'attachment': {
      const size = ATTACHMENT_FONT_SIZE;
      canvas.raw(`0 0 0 rg 0 0 0 RG 0.5 w 0.25 0.25 ${n(box.width - 0.5)} ${n(box.height - 0.5)} re S`);
      canvas.text(`Số: ${appearance.numberSymbol}`, 6, box.height - 6 - size, size, 'regular', 'left');
      canvas.text(`Thời gian ký: ${isoVietnam(appearance.signedAt)}`, 6, 8, size, 'regular', 'left');
      break;
    }
  }
  return canvas.finish();
}

export const QR_SIZE = { width: 62, height: 72 };

/** A QR code to the public verification page, with a caption; drawn as filled squares, sharp at any zoom. */
export function drawVerificationQr(sink: ObjectSink, url: string): PdfRef {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const side = QR_SIZE.width;
  const cell = side / (count + 2);
  const canvas = new Canvas(sink, QR_SIZE.width, QR_SIZE.height);
  const squares: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) {
        squares.push(`${n((col + 1) * cell)} ${n(QR_SIZE.height - (row + 2) * cell)} ${n(cell)} ${n(cell)} re`);
      }
    }
  }
  canvas.raw(`1 1 1 rg 0 0 ${side} ${QR_SIZE.height} re f 0 0 0 rg ${squares.join(' ')} f`);
  canvas.text('Quét để xác thực', side / 2, 2, 7, 'regular', 'center');
  return canvas.finish();
}

function writeImage(sink: ObjectSink, image: RasterImage): PdfRef {
  const common = { Type: name('XObject'), Subtype: name('Image'), Width: image.width, Height: image.height };
  const smask = image.alpha
    ? sink.add(
        new PdfStream(
          dict({ ...common, ColorSpace: name('DeviceGray'), BitsPerComponent: 8, Filter: name('FlateDecode') }),
          deflateSync(image.alpha),
        ),
      )
    : null;
  return sink.add(
    new PdfStream(
      dict({
        ...common,
        ColorSpace: name(image.channels === 3 ? 'DeviceRGB' : 'DeviceGray'),
        BitsPerComponent: 8,
        Filter: name('FlateDecode'),
        ...(smask ? { SMask: smask } : {}),
      }),
      deflateSync(image.color),
    ),
  );
}
