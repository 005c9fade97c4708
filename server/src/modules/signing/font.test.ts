import { describe, expect, it } from 'vitest';
import { EmbeddedFont } from './font.ts';

const sink = () => {
  let n = 0;
  return { add: () => ({ num: ++n }) as never };
};

/** The text the font's ToUnicode map gives back for `text`, glyph by glyph. */
function extracted(text: string): string {
  const font = new EmbeddedFont('regular');
  const hex = font.show(text).slice(1, -1);
  font.write(sink());
  const map = (font as unknown as { unicode: Map<number, string> }).unicode;
  return (hex.match(/.{4}/g) ?? []).map((id) => map.get(Number.parseInt(id, 16)) ?? '?').join('');
}

describe('EmbeddedFont', () => {
  it('maps every glyph back to its letters, whatever appearances came before', () => {
    // fontkit keeps one glyph object per id for the process; a glyph first made by a subset has no code points.
    const names = ['Nguyễn Thị Phương', 'Giám đốc Sở Tư pháp', 'Lê Văn Tiến', 'Nguyễn Thị Phương', 'Chủ tịch'];
    for (const name of names) expect(extracted(name)).toBe(name);
  });
});
