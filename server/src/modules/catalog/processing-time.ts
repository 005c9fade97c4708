// Processing times as officers write them in a spreadsheet cell and as the portal shows them:
// "15 ngày làm việc", or one per channel: "Trực tuyến: 3 ngày làm việc; Trực tiếp: 5 ngày làm việc".
// Decimals take the Vietnamese comma ("0,5 ngày làm việc"); a point is read too.
import { type ProcessingTimeT, TIME_CHANNELS, TIME_UNITS } from './model.ts';

const formatValue = (v: number) => String(v).replace('.', ',');

export function formatProcessingTimes(times: readonly ProcessingTimeT[]): string {
  return times
    .map((t) => {
      const amount = `${formatValue(t.value)} ${TIME_UNITS.label(t.unit)}`;
      return t.channel === 'any' ? amount : `${TIME_CHANNELS.label(t.channel)}: ${amount}`;
    })
    .join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ENTRY = /^(?:([^:]+):\s*)?(\d+(?:[.,]\d+)?)\s+(.+)$/;

export function parseProcessingTimes(text: string): Parsed<ProcessingTimeT[]> {
  const entries = text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: false, message: 'Thiếu thời hạn giải quyết.' };
  const times: ProcessingTimeT[] = [];
  for (const entry of entries) {
    const m = ENTRY.exec(entry);
    const channel = m?.[1] === undefined ? 'any' : TIME_CHANNELS.codeOf(m[1]);
    const unit = m ? TIME_UNITS.codeOf(m[3]!) : undefined;
    if (!m || !channel || !unit) {
      return {
        ok: false,
        message: `Không đọc được thời hạn "${entry}": cần dạng "15 ngày làm việc" hoặc "Trực tuyến: 3 ngày làm việc".`,
      };
    }
    times.push({ channel, value: Number(m[2]!.replace(',', '.')), unit });
  }
  return { ok: true, value: times };
}
