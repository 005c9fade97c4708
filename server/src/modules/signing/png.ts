// PNG images for signature appearances: the signer's handwritten signature and the agency's seal, both with
// transparency. PDF keeps colour and transparency apart (an image and its soft mask), so the PNG is decoded
// here; only what such images are in practice is accepted: 8 bits per channel, not interlaced.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface RasterImage {
  width: number;
  height: number;
  /** 8-bit samples, `channels` per pixel. */
  color: Uint8Array;
  channels: 1 | 3;
  /** One 8-bit opacity sample per pixel, or null when the image is opaque. */
  alpha: Uint8Array | null;
  /** Pixels per metre from the pHYs chunk, when the image says how large it is printed. */
  pixelsPerMetre: number | null;
}

export class PngError extends Error {}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Colour type → samples per pixel (grey, RGB, grey + alpha, RGBA). */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): RasterImage {
  const buf = Buffer.from(bytes);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new PngError('Ảnh phải là tệp PNG.');
  let width = 0;
  let height = 0;
  let colorType = -1;
  let pixelsPerMetre: number | null = null;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height, colorType] = [data.readUInt32BE(0), data.readUInt32BE(4), data[9]!];
      if (data[8] !== 8 || data[12] !== 0 || !(colorType in SAMPLES)) {
        throw new PngError('Ảnh PNG phải có 8 bit mỗi kênh màu, không xen kẽ (interlace), không dùng bảng màu.');
      }
    } else if (type === 'pHYs' && data[8] === 1) pixelsPerMetre = data.readUInt32BE(0);
    else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!width || !height || idat.length === 0) throw new PngError('Tệp PNG bị hỏng hoặc không có dữ liệu ảnh.');
  if (width * height > 16_000_000) throw new PngError('Ảnh PNG quá lớn (quá 16 triệu điểm ảnh).');
  const samples = SAMPLES[colorType]!;
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, samples);
  return split(pixels, width, height, samples, pixelsPerMetre);
}

function unfilter(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (data.length < height * (stride + 1)) throw new PngError('Tệp PNG bị hỏng: thiếu dữ liệu ảnh.');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      out[row + x] = (data[src + x]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new PngError('Tệp PNG bị hỏng: bộ lọc dòng không hợp lệ.');
  }
}

function split(pixels: Uint8Array, width: number, height: number, samples: number, ppm: number | null): RasterImage {
  const hasAlpha = samples === 2 || samples === 4;
  const channels = (hasAlpha ? samples - 1 : samples) as 1 | 3;
  if (!hasAlpha) return { width, height, color: pixels, channels, alpha: null, pixelsPerMetre: ppm };
  const count = width * height;
  const color = new Uint8Array(count * channels);
  const alpha = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < channels; k++) color[i * channels + k] = pixels[i * samples + k]!;
    alpha[i] = pixels[i * samples + channels]!;
  }
  return { width, height, color, channels, alpha, pixelsPerMetre: ppm };
}

/** Encodes 8-bit RGBA pixels as a PNG, with its printed size when `dpi` is given (for seals at actual size). */
export function encodePng(width: number, height: number, rgba: Uint8Array, dpi?: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const phys = Buffer.alloc(9);
  if (dpi) {
    const ppm = Math.round(dpi / 0.0254);
    phys.writeUInt32BE(ppm, 0);
    phys.writeUInt32BE(ppm, 4);
    phys[8] = 1;
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    ...(dpi ? [chunk('pHYs', phys)] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
