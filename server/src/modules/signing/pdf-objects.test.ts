import { describe, expect, it } from 'vitest';
import { dict, name, type PdfDict, PdfLexer, PdfRef, PdfString, serialize } from './pdf-objects.ts';

const parse = (text: string) => new PdfLexer(Buffer.from(text, 'latin1')).value();

describe('PDF objects', () => {
  it('reads dictionaries, arrays, references, names with #-escapes and both kinds of string', () => {
    const value = parse('<< /Type /Sig /A#20B [1 0 R 2.5 -3 (a\\(b\\)\\101) <48 49>] /N null /T true >>') as PdfDict;
    expect((value.get('Type') as { name: string }).name).toBe('Sig');
    const [ref, real, int, lit, hex] = value.get('A B') as [PdfRef, number, number, PdfString, PdfString];
    expect([ref.num, ref.gen, real, int]).toEqual([1, 0, 2.5, -3]);
    expect([lit.decode(), hex.decode()]).toEqual(['a(b)A', 'HI']);
    expect([value.get('N'), value.get('T')]).toEqual([null, true]);
  });

  it('writes what it reads back, Vietnamese text strings and escaped literals included', () => {
    const original = dict({
      T: PdfString.text('Chữ ký số'),
      URI: PdfString.latin1('https://x/verify?id=(1)\\'),
      Rect: [0, 1.5, 200, 120],
      P: new PdfRef(7, 0),
      S: name('URI'),
    });
    const back = parse(serialize(original)) as PdfDict;
    expect((back.get('T') as PdfString).decode()).toBe('Chữ ký số');
    expect((back.get('URI') as PdfString).decode()).toBe('https://x/verify?id=(1)\\');
    expect(serialize(back)).toBe(serialize(original));
  });
});
