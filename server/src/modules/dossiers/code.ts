// Dossier codes (mã hồ sơ): `<receiving unit>-<yymmdd>-<nnnn>` as practised (DOMAIN.md §4 (?)), or another pattern
// an operator sets. The number comes from a counter row that restarts each period the pattern shows (a day for the
// default), so the pattern also decides the counter's key.

import { civilDateOf, type Instant, vnDayOf } from '../calendar/vn-time.ts';

export const DEFAULT_CODE_PATTERN = '{unit}-{yy}{mm}{dd}-{seq:4}';

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'unit' | 'yyyy' | 'yy' | 'mm' | 'dd' }
  | { kind: 'seq'; width: number };

export interface CodePattern {
  source: string;
  tokens: readonly Token[];
  /** The span the daily number restarts in. */
  period: 'day' | 'month' | 'year' | 'never';
}

const TOKEN = /\{([a-z]+)(?::(\d+))?\}|[^{}]+|[{}]/g;
const NAMED = new Set(['unit', 'yyyy', 'yy', 'mm', 'dd']);

/** Reads a pattern, or returns the Vietnamese reason it cannot number dossiers uniquely. */
export function parseCodePattern(source: string): CodePattern | string {
  const tokens: Token[] = [];
  for (const [raw, name, width] of source.matchAll(TOKEN)) {
    if (name === undefined) {
      if (raw === '{' || raw === '}') return `Dấu "${raw}" lẻ trong mẫu mã hồ sơ.`;
      tokens.push({ kind: 'text', text: raw });
    } else if (name === 'seq') {
      const digits = Number(width ?? 4);
      if (!(digits >= 1 && digits <= 9)) return 'Độ dài số thứ tự {seq:N} phải từ 1 đến 9 chữ số.';
      tokens.push({ kind: 'seq', width: digits });
    } else if (NAMED.has(name) && width === undefined) {
      tokens.push({ kind: name as 'unit' });
    } else {
      return `Mẫu mã hồ sơ có phần không biết: "${raw}" (dùng {unit}, {yyyy}, {yy}, {mm}, {dd}, {seq:N}).`;
    }
  }
  const has = (kind: Token['kind']) => tokens.some((t) => t.kind === kind);
  if (tokens.filter((t) => t.kind === 'seq').length !== 1) return 'Mẫu mã hồ sơ cần đúng một {seq:N} (số thứ tự).';
  // Without the unit, two desks would give the same code; without the larger date parts, two periods would.
  if (!has('unit')) return 'Mẫu mã hồ sơ cần {unit} (mã định danh nơi tiếp nhận).';
  const year = has('yy') || has('yyyy');
  if (has('dd') && !(has('mm') && year)) return 'Mẫu có {dd} cần cả {mm} và {yy} hoặc {yyyy}.';
  if (has('mm') && !year) return 'Mẫu có {mm} cần cả {yy} hoặc {yyyy}.';
  const period = has('dd') ? 'day' : has('mm') ? 'month' : year ? 'year' : 'never';
  return { source, tokens, period };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The counter row's period key for a dossier accepted at `at` (dates in Vietnam). */
export function counterPeriod(pattern: CodePattern, at: Instant): string {
  const { year, month, day } = civilDateOf(vnDayOf(at));
  switch (pattern.period) {
    case 'day':
      return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    case 'month':
      return `${pad(year, 4)}-${pad(month, 2)}`;
    case 'year':
      return pad(year, 4);
    case 'never':
      return '*';
  }
}

/** The code of the `seq`-th dossier of its period at the unit `unitIdentifier`, accepted at `at`. */
export function formatCode(pattern: CodePattern, unitIdentifier: string, at: Instant, seq: number): string {
  const { year, month, day } = civilDateOf(vnDayOf(at));
  const parts: Record<Exclude<Token['kind'], 'text' | 'seq'>, string> = {
    unit: unitIdentifier,
    yyyy: pad(year, 4),
    yy: pad(year % 100, 2),
    mm: pad(month, 2),
    dd: pad(day, 2),
  };
  return pattern.tokens
    .map((t) => (t.kind === 'text' ? t.text : t.kind === 'seq' ? pad(seq, t.width) : parts[t.kind]))
    .join('');
}
