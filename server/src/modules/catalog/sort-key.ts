// A sort key that orders Vietnamese names as a Vietnamese reader expects, stored in a `COLLATE "C"` column so that
// PostgreSQL and PGlite (which has no ICU) sort the same way by plain byte comparison.
//
// Primary order is by letter of the Vietnamese alphabet, a < ă < â < b < c < d < đ < e < ê < g … < o < ô < ơ … <
// u < ư < v < x < y (f, j, w, z of foreign words in their Latin places), digits before letters, and any run of
// spaces or punctuation as one word break that comes before every letter ("Đăng ký" < "Đăng kýa"). Tones only
// break ties (secondary), in dictionary order: ngang < huyền < hỏi < ngã < sắc < nặng (a, à, ả, ã, á, ạ), as in
// Hoàng Phê's Từ điển tiếng Việt. Case breaks the remaining ties (tertiary).

const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const LETTER_WEIGHT = new Map(ALPHABET.map((letter, i) => [letter, String.fromCharCode(0x41 + i)]));
/** Combining marks that carry the tone; the others (breve, circumflex, horn) make a letter of their own. */
const TONE_MARKS = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const COMBINING = /[\u0300-\u036f]/;

// Weights chosen so that byte order is the intended order: level break < word break < digits < letters.
const LEVEL_BREAK = '!';
const WORD_BREAK = '#';

interface Unit {
  primary: string;
  tone: number;
  upper: boolean;
}

/** Splits a text into letters (base + marks), digits and word breaks. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  const chars = [...text.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const base = chars[i]!;
    let marks = '';
    while (i + 1 < chars.length && COMBINING.test(chars[i + 1]!)) marks += chars[++i];
    const lower = base.toLowerCase();
    if (/\d/.test(base)) out.push({ primary: base, tone: 0, upper: false });
    else if (/\p{L}/u.test(base)) out.push(letterUnit(lower, marks, base !== lower));
    else if (out.length > 0 && out.at(-1)!.primary !== WORD_BREAK)
      out.push({ primary: WORD_BREAK, tone: 0, upper: false });
  }
  if (out.at(-1)?.primary === WORD_BREAK) out.pop();
  return out;
}

function letterUnit(lower: string, marks: string, upper: boolean): Unit {
  const tone = TONE_MARKS.findIndex((t) => marks.includes(t)) + 1;
  const shape = [...marks].filter((m) => !TONE_MARKS.includes(m)).join('');
  const letter = (lower + shape).normalize('NFC');
  // A letter outside the alphabet (ç, ñ …) sorts as its base letter.
  const primary = LETTER_WEIGHT.get(letter) ?? LETTER_WEIGHT.get(lower) ?? lower;
  return { primary, tone, upper };
}

export function vietnameseSortKey(text: string): string {
  const us = units(text);
  const letters = us.filter((u) => u.primary !== WORD_BREAK);
  return [
    us.map((u) => u.primary).join(''),
    letters.map((u) => String(u.tone)).join(''),
    letters.map((u) => (u.upper ? '1' : '0')).join(''),
  ].join(LEVEL_BREAK);
}

/** Compares two texts in Vietnamese order (what sorting by the stored key gives). */
export const compareVietnamese = (a: string, b: string): number => {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
