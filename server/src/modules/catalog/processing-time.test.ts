import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_CHANNELS, TIME_UNITS } from './model.ts';
import { formatProcessingTimes, parseProcessingTimes } from './processing-time.ts';

describe('processing times in a cell', () => {
  it('writes one time for every channel, or one per channel, in Vietnamese', () => {
    expect(formatProcessingTimes([{ channel: 'any', value: 15, unit: 'working_days' }])).toBe('15 ngày làm việc');
    expect(
      formatProcessingTimes([
        { channel: 'online', value: 0.5, unit: 'working_days' },
        { channel: 'desk', value: 4, unit: 'working_hours' },
      ]),
    ).toBe('Trực tuyến: 0,5 ngày làm việc; Trực tiếp: 4 giờ làm việc');
  });

  it('reads what it writes', () => {
    const time = fc.record({
      channel: fc.constantFrom(...TIME_CHANNELS.codes),
      value: fc.oneof(fc.integer({ min: 1, max: 365 }), fc.constantFrom(0.5, 1.5, 2.25)),
      unit: fc.constantFrom(...TIME_UNITS.codes),
    });
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 4 }), (times) => {
        expect(parseProcessingTimes(formatProcessingTimes(times))).toEqual({ ok: true, value: times });
      }),
    );
  });

  it('accepts a decimal point and extra spaces, ignoring case', () => {
    expect(parseProcessingTimes(' trực tuyến :  1.5  Ngày làm việc ;')).toEqual({
      ok: true,
      value: [{ channel: 'online', value: 1.5, unit: 'working_days' }],
    });
  });

  it.each(['', '15', '15 ngày', 'Qua mạng: 3 ngày làm việc', 'mười lăm ngày làm việc'])('refuses %j', (text) => {
    const parsed = parseProcessingTimes(text);
    expect(parsed.ok).toBe(false);
  });
});
