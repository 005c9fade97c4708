// Tinos (Times New Roman's metrics, every Vietnamese letter) as the papers use it, made cheap to use in many
// documents without changing a byte of any of them.
//
// - Parsed once per process: a font's tables (metrics, outlines, layout lookups) are decoded once and kept; decoding
//   them anew in each document cost most of a form's rendering time.
// - Each document gets its own view of the parsed font, with its own glyph cache and layout engine: fontkit fixes a
//   glyph's code points the first time it makes the glyph (and a subset makes glyphs without any), so a glyph cache
//   shared between documents would let one document's history change another's text map.
// - A word shaped once is not shaped again: for a word that the layout lookups leave as the font's character map
//   gives it (no substitution), a later document repeats the only steps of shaping that touch its glyph cache (the
//   glyphs of the word's characters, then the space) and takes the positions, which depend on the font alone.
//   Words with a substitution (ligatures, hidden characters) are shaped every time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
export type FontStyle = keyof typeof FILES;

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
interface Shaped {
  positions: Position[];
}
/** Enough for the words of every form and template; beyond it the cache starts again. */
const SHAPED_LIMIT = 20_000;

/** A glyph run as pdfkit reads one: glyphs, positions (which it scales in place) and their total advance. */
class ShapedRun {
  constructor(
    readonly glyphs: fontkit.Glyph[],
    readonly positions: Position[],
  ) {}

  get advanceWidth(): number {
    return this.positions.reduce((width, p) => width + p.xAdvance, 0);
  }
}

interface ParsedFont {
  font: fontkit.Font;
  shaped: Map<string, Shaped>;
}

function parse(file: string): ParsedFont {
  const font = fontkit.create(readFileSync(require.resolve(`@expo-google-fonts/tinos/${file}`))) as fontkit.Font;
  // The character map is shared too: it holds no glyph.
  void (font as unknown as { _cmapProcessor: unknown })._cmapProcessor;
  return { font, shaped: new Map() };
}

const PARSED = Object.fromEntries(Object.entries(FILES).map(([style, file]) => [style, parse(file)])) as Record<
  FontStyle,
  ParsedFont
>;

const copy = (p: Position): Position => ({
  xAdvance: p.xAdvance,
  yAdvance: p.yAdvance,
  xOffset: p.xOffset,
  yOffset: p.yOffset,
});

type Layout = (text: string, ...rest: unknown[]) => fontkit.GlyphRun | ShapedRun;

/** One document's view of a parsed font: its own glyph cache and layout engine, shaped words shared. */
function documentView({ font, shaped }: ParsedFont): fontkit.Font {
  const view = Object.assign(Object.create(font), { _glyphs: {} }) as fontkit.Font;
  const layout = font.layout as unknown as Layout;
  (view as unknown as { layout: Layout }).layout = (text, ...rest) => {
    if (rest.some((r) => r !== undefined)) return layout.call(view, text, ...rest);
    const known = shaped.get(text);
    if (known) {
      // What shaping does to the glyph cache, in the same order: the characters' glyphs, then the space.
      const glyphs = view.glyphsForString(text);
      view.glyphForCodePoint(0x20);
      return new ShapedRun(glyphs, known.positions.map(copy));
    }
    const run = layout.call(view, text) as fontkit.GlyphRun;
    const mapped = view.glyphsForString(text);
    const unchanged = mapped.length === run.glyphs.length && mapped.every((g, i) => g === run.glyphs[i]);
    if (unchanged) {
      if (shaped.size >= SHAPED_LIMIT) shaped.clear();
      shaped.set(text, { positions: run.positions.map(copy) });
    }
    return run;
  };
  return view;
}

/** The four Tinos styles for one document. */
export function documentFonts(): Record<FontStyle, fontkit.Font> {
  return Object.fromEntries(Object.entries(PARSED).map(([style, parsed]) => [style, documentView(parsed)])) as Record<
    FontStyle,
    fontkit.Font
  >;
}
