// PDF objects (ISO 32000-1 §7.3): enough of the syntax to read a document's structure and to write the objects
// of an incremental update. Strings are kept as bytes; the parser works on a latin1 view of the file so that
// one character is one byte and offsets stay byte offsets.

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}

  /** A text string (§7.9.2.2): UTF-16BE with a byte-order mark, so Vietnamese survives in any reader. */
  static text(value: string): PdfString {
    const body = Buffer.from(value, 'utf16le').swap16();
    return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), body]), true);
  }

  static latin1(value: string): PdfString {
    return new PdfString(Buffer.from(value, 'latin1'));
  }

  decode(): string {
    const b = Buffer.from(this.bytes);
    if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    return b.toString('latin1');
  }
}

export class PdfDict {
  readonly entries: Map<string, PdfValue>;
  constructor(entries: Iterable<[string, PdfValue]> = []) {
    this.entries = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }
  clone(): PdfDict {
    return new PdfDict(this.entries);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly data: Uint8Array,
  ) {}
}

export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfDict | PdfStream | PdfValue[];

export const name = (n: string) => new PdfName(n);
export const dict = (entries: Record<string, PdfValue>) => new PdfDict(Object.entries(entries));

export class PdfSyntaxError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));
const isRegular = (c: number) => !WHITESPACE.has(c) && !DELIMITERS.has(c);
const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** A cursor over the file's bytes that reads one PDF value at a time. */
export class PdfLexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** The next bare word (number or keyword) without consuming it. */
  peekWord(): string {
    const save = this.pos;
    const word = this.word();
    this.pos = save;
    return word;
  }

  word(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.bytes.length && isRegular(this.bytes[this.pos]!)) this.pos++;
    return Buffer.from(this.bytes.subarray(start, this.pos)).toString('latin1');
  }

  expectWord(expected: string): void {
    const found = this.word();
    if (found !== expected) throw new PdfSyntaxError(`expected "${expected}" at ${this.pos}, found "${found}"`);
  }

  value(): PdfValue {
    this.skipSpace();
    const c = this.bytes[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file');
    if (c === 0x2f) return this.nameToken();
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) return this.array();
    if (c === 0x3c) return this.bytes[this.pos + 1] === 0x3c ? this.dictionary() : this.hexString();
    const word = this.word();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) throw new PdfSyntaxError(`unexpected "${word}" at ${this.pos}`);
    // "n g R" is a reference: look two words ahead without committing.
    if (/^\d+$/.test(word)) {
      const save = this.pos;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === 'R') return new PdfRef(Number(word), Number(gen));
      this.pos = save;
    }
    return Number(word);
  }

  private nameToken(): PdfName {
    this.pos++;
    const start = this.pos;
    while (this.pos < this.bytes.length && isRegular(this.bytes[this.pos]!)) this.pos++;
    const raw = Buffer.from(this.bytes.subarray(start, this.pos)).toString('latin1');
    return new PdfName(
      raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    );
  }

  private literalString(): PdfString {
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    while (this.pos < this.bytes.length) {
      const c = this.bytes[this.pos++]!;
      if (c === 0x5c) {
        const next = this.bytes[this.pos++]!;
        const ch = String.fromCharCode(next);
        if (ch in ESCAPES) out.push(ESCAPES[ch]!);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = ch;
          while (octal.length < 3 && this.bytes[this.pos]! >= 0x30 && this.bytes[this.pos]! <= 0x37) {
            octal += String.fromCharCode(this.bytes[this.pos++]!);
          }
          out.push(Number.parseInt(octal, 8) & 0xff);
        } else if (next === 0x0d && this.bytes[this.pos] === 0x0a) this.pos++;
        else if (next !== 0x0a && next !== 0x0d) out.push(next);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) return new PdfString(Uint8Array.from(out));
        depth--;
        out.push(c);
      } else out.push(c);
    }
    throw new PdfSyntaxError('unterminated string');
  }

  private hexString(): PdfString {
    const end = this.bytes.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string');
    const hex = Buffer.from(this.bytes.subarray(this.pos + 1, end))
      .toString('latin1')
      .replace(/\s+/g, '');
    this.pos = end + 1;
    return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'), true);
  }

  private array(): PdfValue[] {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++;
        return items;
      }
      items.push(this.value());
    }
  }

  private dictionary(): PdfDict {
    this.pos += 2;
    const d = new PdfDict();
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return d;
      }
      const key = this.value();
      if (!(key instanceof PdfName)) throw new PdfSyntaxError(`dictionary key expected at ${this.pos}`);
      d.set(key.name, this.value());
    }
  }
}

// Serialising: the inverse, for the objects an incremental update writes.

const nameChars = (n: string) =>
  n.replace(/[^!-~]|[()<>[\]{}/%#]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(4).replace(/\.?0+$/, '');
}

function escapeByte(b: number): string {
  const c = String.fromCharCode(b);
  if (b < 32 || b > 126) return `\\${b.toString(8).padStart(3, '0')}`;
  return '()\\'.includes(c) ? `\\${c}` : c;
}

/** A literal string (§7.3.4.2), readable in the file: delimiters escaped, anything unprintable in octal. */
const literal = (value: PdfString) => `(${[...value.bytes].map(escapeByte).join('')})`;

export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof PdfName) return `/${nameChars(value.name)}`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return value.hex ? `<${Buffer.from(value.bytes).toString('hex')}>` : literal(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  if (value instanceof PdfDict) {
    const body = [...value.entries].map(([k, v]) => `/${nameChars(k)} ${serialize(v)}`).join(' ');
    return `<< ${body} >>`;
  }
  throw new Error('a stream is written as an indirect object');
}

/** An indirect object's bytes, streams included. */
export function serializeObject(ref: PdfRef, value: PdfValue): Buffer {
  const head = `${ref.num} ${ref.gen} obj\n`;
  if (value instanceof PdfStream) {
    const d = value.dict.clone().set('Length', value.data.length);
    return Buffer.concat([
      Buffer.from(`${head}${serialize(d)}\nstream\n`, 'latin1'),
      value.data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
  }
  return Buffer.from(`${head}${serialize(value)}\nendobj\n`, 'latin1');
}
