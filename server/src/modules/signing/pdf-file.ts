// Reads a PDF's structure: the cross-reference sections (tables and streams, newest first along /Prev), the
// trailer, objects (also those packed in object streams) and the page list. It refuses what it cannot read with
// a PdfStructureError whose message says, in Vietnamese, what is wrong; it never guesses a repaired structure,
// because a signature over a guessed structure would sign something the signer did not see.
import { inflateSync } from 'node:zlib';
import {
  PdfDict,
  PdfLexer,
  PdfName,
  PdfRef,
  PdfStream,
  type PdfString,
  PdfSyntaxError,
  type PdfValue,
} from './pdf-objects.ts';

export class PdfStructureError extends Error {}

type XrefEntry = { kind: 'offset'; offset: number; gen: number } | { kind: 'packed'; stream: number; index: number };

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

export const looksLikePdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).includes(PDF_MAGIC);

export class PdfFile {
  readonly trailer: PdfDict;
  /** Offset of the newest cross-reference section: an incremental update's /Prev. */
  readonly lastXref: number;
  private readonly xref = new Map<number, XrefEntry>();
  private readonly packedCache = new Map<number, Map<number, PdfValue>>();

  constructor(readonly bytes: Uint8Array) {
    if (!looksLikePdf(bytes)) throw new PdfStructureError('Tệp không phải là tệp PDF.');
    this.lastXref = findStartXref(bytes);
    this.trailer = this.readXrefChain(this.lastXref);
    if (!(this.trailer.get('Root') instanceof PdfRef)) {
      throw new PdfStructureError('Tệp PDF bị hỏng: phần trailer không có mục /Root.');
    }
  }

  get size(): number {
    const size = this.trailer.get('Size');
    return typeof size === 'number' ? size : Math.max(0, ...this.xref.keys()) + 1;
  }

  get encrypted(): boolean {
    return this.trailer.get('Encrypt') !== undefined;
  }

  /** Follows a reference (or returns a direct value as it is). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.object(value.num) : value;
  }

  dictAt(value: PdfValue | undefined, what: string): PdfDict {
    const resolved = this.resolve(value);
    if (resolved instanceof PdfDict) return resolved;
    if (resolved instanceof PdfStream) return resolved.dict;
    throw new PdfStructureError(`Tệp PDF bị hỏng: không đọc được ${what}.`);
  }

  /** The generation an updated object keeps (objects packed in object streams have generation 0). */
  generation(num: number): number {
    const entry = this.xref.get(num);
    return entry?.kind === 'offset' ? entry.gen : 0;
  }

  object(num: number): PdfValue | undefined {
    const entry = this.xref.get(num);
    if (!entry) return undefined;
    if (entry.kind === 'packed') return this.packed(entry.stream).get(num);
    return this.objectAt(entry.offset, num);
  }

  catalog(): PdfDict {
    return this.dictAt(this.trailer.get('Root'), 'danh mục gốc (/Root)');
  }

  /** Page references in reading order. */
  pages(): PdfRef[] {
    const out: PdfRef[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined) => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num)) {
        throw new PdfStructureError('Tệp PDF bị hỏng: cây trang (/Pages) không hợp lệ.');
      }
      seen.add(ref.num);
      const node = this.dictAt(ref, 'một nút của cây trang');
      const type = node.get('Type');
      if (type instanceof PdfName && type.name === 'Page') out.push(ref);
      else for (const kid of arrayOf(this.resolve(node.get('Kids')))) walk(kid);
    };
    walk(this.catalog().get('Pages'));
    if (out.length === 0) throw new PdfStructureError('Tệp PDF không có trang nào.');
    return out;
  }

  /** A page attribute that may be inherited from the page tree (§7.7.3.4), such as /MediaBox. */
  inherited(page: PdfDict, key: string): PdfValue | undefined {
    let node: PdfDict | undefined = page;
    for (let depth = 0; node && depth < 64; depth++) {
      const value = node.get(key);
      if (value !== undefined) return this.resolve(value);
      const parent = node.get('Parent');
      node = parent ? this.dictAt(parent, 'trang cha') : undefined;
    }
    return undefined;
  }

  /** Whether the document carries JavaScript anywhere: in plain objects or inside object streams. */
  hasJavaScript(): boolean {
    const js = /\/(JavaScript|JS)(?=[\s()<>[\]{}/%]|$)/;
    if (js.test(Buffer.from(this.bytes).toString('latin1'))) return true;
    const objectStreams = new Set([...this.xref.values()].flatMap((e) => (e.kind === 'packed' ? [e.stream] : [])));
    for (const num of objectStreams) {
      const raw = this.object(num);
      if (raw instanceof PdfStream && js.test(Buffer.from(decodeStream(raw)).toString('latin1'))) return true;
    }
    return false;
  }

  private objectAt(offset: number, num: number): PdfValue {
    const lexer = new PdfLexer(this.bytes, offset);
    try {
      const [n, , keyword] = [lexer.word(), lexer.word(), lexer.word()];
      if (Number(n) !== num || keyword !== 'obj') throw new PdfSyntaxError(`object ${num} not at ${offset}`);
      const value = lexer.value();
      if (value instanceof PdfDict && lexer.peekWord() === 'stream') return this.streamBody(lexer, value);
      return value;
    } catch (err) {
      if (err instanceof PdfStructureError) throw err;
      throw new PdfStructureError(
        `Tệp PDF bị hỏng: bảng tham chiếu chéo (xref) trỏ sai vị trí của đối tượng ${num} (${(err as Error).message}).`,
      );
    }
  }

  private streamBody(lexer: PdfLexer, d: PdfDict): PdfStream {
    lexer.word();
    if (this.bytes[lexer.pos] === 0x0d) lexer.pos++;
    if (this.bytes[lexer.pos] === 0x0a) lexer.pos++;
    const length = this.resolve(d.get('Length'));
    if (typeof length !== 'number' || lexer.pos + length > this.bytes.length) {
      throw new PdfSyntaxError('stream length');
    }
    return new PdfStream(d, this.bytes.subarray(lexer.pos, lexer.pos + length));
  }

  private packed(streamNum: number): Map<number, PdfValue> {
    const cached = this.packedCache.get(streamNum);
    if (cached) return cached;
    const stream = this.object(streamNum);
    if (!(stream instanceof PdfStream)) throw new PdfStructureError(`Tệp PDF bị hỏng: luồng đối tượng ${streamNum}.`);
    const data = decodeStream(stream);
    const count = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number') {
      throw new PdfStructureError(`Tệp PDF bị hỏng: luồng đối tượng ${streamNum}.`);
    }
    const header = new PdfLexer(data);
    const objects = new Map<number, PdfValue>();
    const offsets: [number, number][] = [];
    for (let i = 0; i < count; i++) offsets.push([Number(header.word()), Number(header.word())]);
    for (const [num, off] of offsets) objects.set(num, new PdfLexer(data, first + off).value());
    this.packedCache.set(streamNum, objects);
    return objects;
  }

  /** Reads every section along /Prev; the newest entry for an object wins. Returns the newest trailer. */
  private readXrefChain(start: number): PdfDict {
    let newest: PdfDict | undefined;
    const visited = new Set<number>();
    const pending = [start];
    while (pending.length) {
      const offset = pending.shift()!;
      if (visited.has(offset)) continue;
      visited.add(offset);
      const trailer = this.readXrefSection(offset);
      newest ??= trailer;
      // A hybrid file's /XRefStm section belongs to the same revision, before the older ones.
      const stm = trailer.get('XRefStm');
      if (typeof stm === 'number') pending.unshift(stm);
      const prev = trailer.get('Prev');
      if (typeof prev === 'number') pending.push(prev);
    }
    return newest!;
  }

  private readXrefSection(offset: number): PdfDict {
    const broken = (why: string) =>
      new PdfStructureError(`Tệp PDF bị hỏng: bảng tham chiếu chéo (xref) không đọc được (${why}).`);
    if (offset < 0 || offset >= this.bytes.length) throw broken(`vị trí ${offset} nằm ngoài tệp`);
    const lexer = new PdfLexer(this.bytes, offset);
    try {
      if (lexer.peekWord() === 'xref') return this.readXrefTable(lexer);
      const value = this.objectAt(offset, Number(lexer.peekWord()));
      if (!(value instanceof PdfStream) || (value.dict.get('Type') as PdfName | undefined)?.name !== 'XRef') {
        throw broken(`không có bảng hay luồng xref ở vị trí ${offset}`);
      }
      this.readXrefStream(value);
      return value.dict;
    } catch (err) {
      if (err instanceof PdfStructureError) throw err;
      throw broken((err as Error).message);
    }
  }

  private readXrefTable(lexer: PdfLexer): PdfDict {
    lexer.expectWord('xref');
    for (;;) {
      const word = lexer.word();
      if (word === 'trailer') break;
      const first = Number(word);
      const count = Number(lexer.word());
      if (!Number.isInteger(first) || !Number.isInteger(count)) throw new PdfSyntaxError('subsection header');
      for (let i = 0; i < count; i++) {
        const [off, gen, kind] = [Number(lexer.word()), Number(lexer.word()), lexer.word()];
        if (!Number.isInteger(off) || (kind !== 'n' && kind !== 'f')) throw new PdfSyntaxError('entry');
        if (kind === 'n' && !this.xref.has(first + i)) this.xref.set(first + i, { kind: 'offset', offset: off, gen });
      }
    }
    const trailer = lexer.value();
    if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer');
    return trailer;
  }

  private readXrefStream(stream: PdfStream): void {
    const widths = arrayOf(stream.dict.get('W')).map(Number);
    const size = Number(stream.dict.get('Size'));
    const index = arrayOf(stream.dict.get('Index') ?? [0, size]).map(Number);
    const data = decodeStream(stream);
    const rowLength = widths.reduce((a, b) => a + b, 0);
    let row = 0;
    const field = (start: number, width: number, fallback: number) => {
      if (width === 0) return fallback;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[start + i]!;
      return v;
    };
    for (let s = 0; s < index.length; s += 2) {
      for (let i = 0; i < index[s + 1]!; i++, row++) {
        const at = row * rowLength;
        if (at + rowLength > data.length) throw new PdfSyntaxError('xref stream too short');
        const type = field(at, widths[0]!, 1);
        const a = field(at + widths[0]!, widths[1]!, 0);
        const b = field(at + widths[0]! + widths[1]!, widths[2]!, 0);
        const num = index[s]! + i;
        if (this.xref.has(num)) continue;
        if (type === 1) this.xref.set(num, { kind: 'offset', offset: a, gen: b });
        if (type === 2) this.xref.set(num, { kind: 'packed', stream: a, index: b });
      }
    }
  }
}

export const arrayOf = (value: PdfValue | undefined): PdfValue[] => (Array.isArray(value) ? value : []);

function findStartXref(bytes: Uint8Array): number {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const at = tail.lastIndexOf('startxref');
  const match = at >= 0 ? /^startxref\s+(\d+)/.exec(tail.slice(at)) : null;
  if (!match) throw new PdfStructureError('Tệp PDF bị hỏng: không tìm thấy startxref ở cuối tệp.');
  return Number(match[1]);
}

/** FlateDecode with the PNG predictors (§7.4.4.4) that cross-reference streams use; other filters are refused. */
export function decodeStream(stream: PdfStream): Uint8Array {
  const filter = stream.dict.get('Filter');
  const filters = (Array.isArray(filter) ? filter : filter ? [filter] : []) as PdfName[];
  if (filters.length === 0) return stream.data;
  if (filters.length > 1 || filters[0]?.name !== 'FlateDecode') {
    throw new PdfStructureError('Tệp PDF dùng bộ lọc nén không được hỗ trợ trong cấu trúc tệp.');
  }
  const inflated = inflateSync(stream.data);
  const params = stream.dict.get('DecodeParms');
  const predictor = params instanceof PdfDict ? Number(params.get('Predictor') ?? 1) : 1;
  if (predictor < 10) return inflated;
  const columns = Number((params as PdfDict).get('Columns') ?? 1);
  return unpredictPng(inflated, columns);
}

function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)];
    for (let c = 0; c < columns; c++) {
      const raw = data[r * (columns + 1) + 1 + c]!;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      // Cross-reference streams use "None" or "Up" in practice; Sub is cheap to support as well.
      out[r * columns + c] = type === 2 ? (raw + up) & 0xff : type === 1 ? (raw + left) & 0xff : raw;
    }
  }
  return out;
}

export const stringValue = (v: PdfValue | undefined) =>
  v && typeof v === 'object' && 'decode' in v ? (v as PdfString).decode() : undefined;
