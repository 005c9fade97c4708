// Tinos (Times New Roman's metrics, full Vietnamese coverage) embedded in an appearance stream as a subset: a
// Type 0 font with Identity-H encoding, so each glyph is addressed by its id in the subset, and a ToUnicode map
// so that copying or extracting the text gives back the Vietnamese letters.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { dict, name, type PdfRef, PdfStream, PdfString, type PdfValue } from './pdf-objects.ts';

export type FontStyle = 'regular' | 'bold';

const FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
};

const require = createRequire(import.meta.url);
const loaded = new Map<FontStyle, fontkit.Font>();

function tinos(style: FontStyle): fontkit.Font {
  let font = loaded.get(style);
  if (!font) {
    font = fontkit.create(readFileSync(require.resolve(FILES[style]))) as fontkit.Font;
    loaded.set(style, font);
  }
  return font;
}

// Shaping a line with fontkit costs milliseconds; appearances repeat the same few lines (a position, a name), so
// shaped runs are kept per font and text, within a bound.
const shaped = new Map<string, fontkit.GlyphRun>();
const SHAPED_LIMIT = 1000;

function shape(font: fontkit.Font, style: FontStyle, text: string): fontkit.GlyphRun {
  const key = `${style}\u0000${text}`;
  let run = shaped.get(key);
  if (!run) {
    if (shaped.size >= SHAPED_LIMIT) shaped.clear();
    run = font.layout(text.normalize('NFC'));
    shaped.set(key, run);
  }
  return run;
}

/**
 * The text a glyph stands for. fontkit keeps one glyph object per id for the whole process, and a glyph first made
 * by a subset (or by another run) has no code points: the font's character map says which text it is, and only a
 * glyph the map does not reach (a ligature) relies on its code points.
 */
function textOf(font: fontkit.Font, glyph: fontkit.Glyph): string {
  if (glyph.codePoints.length) return String.fromCodePoint(...glyph.codePoints);
  return font.stringsForGlyph(glyph.id)[0] ?? '';
}

/** Where the objects of an incremental update go: each value added gets the next object number. */
export interface ObjectSink {
  add(value: PdfValue): PdfRef;
}

/** One font of one appearance: the glyphs its text uses, written once the text is known. */
export class EmbeddedFont {
  private readonly font: fontkit.Font;
  private readonly subset: fontkit.Subset;
  /** Subset glyph id → the text it stands for. */
  private readonly unicode = new Map<number, string>();
  private readonly widths = new Map<number, number>();

  constructor(readonly style: FontStyle) {
    this.font = tinos(style);
    this.subset = this.font.createSubset();
  }

  /** Width of `text` at `size` points. */
  width(text: string, size: number): number {
    return (shape(this.font, this.style, text).advanceWidth * size) / this.font.unitsPerEm;
  }

  /** The hex string that shows `text` with this font (for the Tj operator). */
  show(text: string): string {
    const ids = shape(this.font, this.style, text).glyphs.map((glyph) => {
      const id = this.subset.includeGlyph(glyph) as unknown as number;
      this.unicode.set(id, textOf(this.font, glyph));
      this.widths.set(id, Math.round((glyph.advanceWidth * 1000) / this.font.unitsPerEm));
      return id.toString(16).padStart(4, '0');
    });
    return `<${ids.join('')}>`;
  }

  /** Writes the font's objects; call after every `show`. */
  write(sink: ObjectSink): PdfRef {
    const program = Buffer.from(this.subset.encode());
    // A subset's name starts with six capital letters that differ per subset (§9.6.4).
    const tag = [...createHash('sha256').update(program).digest().subarray(0, 6)]
      .map((b) => String.fromCharCode(65 + (b % 26)))
      .join('');
    const baseFont = name(`${tag}+${this.font.postscriptName}`);
    const scale = 1000 / this.font.unitsPerEm;
    const bbox = this.font.bbox;
    const descriptor = sink.add(
      dict({
        Type: name('FontDescriptor'),
        FontName: baseFont,
        Flags: 6, // serif, symbolic (glyphs are addressed by id, not by a standard encoding)
        FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
        ItalicAngle: 0,
        Ascent: Math.round(this.font.ascent * scale),
        Descent: Math.round(this.font.descent * scale),
        CapHeight: Math.round(this.font.capHeight * scale),
        StemV: this.style === 'bold' ? 140 : 80,
        FontFile2: sink.add(
          new PdfStream(dict({ Filter: name('FlateDecode'), Length1: program.length }), deflateSync(program)),
        ),
      }),
    );
    const ids = [...this.widths.keys()].sort((a, b) => a - b);
    const cidFont = sink.add(
      dict({
        Type: name('Font'),
        Subtype: name('CIDFontType2'),
        BaseFont: baseFont,
        CIDSystemInfo: dict({
          Registry: PdfString.latin1('Adobe'),
          Ordering: PdfString.latin1('Identity'),
          Supplement: 0,
        }),
        FontDescriptor: descriptor,
        W: ids.flatMap((id) => [id, [this.widths.get(id)!]]),
        CIDToGIDMap: name('Identity'),
      }),
    );
    return sink.add(
      dict({
        Type: name('Font'),
        Subtype: name('Type0'),
        BaseFont: baseFont,
        Encoding: name('Identity-H'),
        DescendantFonts: [cidFont],
        ToUnicode: sink.add(new PdfStream(dict({ Filter: name('FlateDecode') }), deflateSync(this.toUnicode()))),
      }),
    );
  }

  private toUnicode(): Buffer {
    const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex');
    const lines = [...this.unicode].map(([id, text]) => `<${id.toString(16).padStart(4, '0')}> <${utf16(text)}>`);
    const chunks: string[] = [];
    // At most 100 entries per bfchar block (§9.10.3).
    for (let i = 0; i < lines.length; i += 100) {
      const block = lines.slice(i, i + 100);
      chunks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    return Buffer.from(
      [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange\n<0000> <ffff>\nendcodespacerange',
        ...chunks,
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n'),
      'latin1',
    );
  }
}
