// A year at a glance: twelve months, weeks from Monday, each day off, make-up day and weekend marked in words (for
// screen readers) as well as in colour; provisional days are outlined with a dashed line.
import { useI18n } from '../../../i18n/index.tsx';
import type { ListedEntry } from './api.ts';

const DAY = 86_400_000;
/** Monday first, as Vietnamese calendars print the week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

/** The weeks of a month as rows of seven days (null outside the month), Monday first. */
function weeksOf(year: number, month: number): (number | null)[][] {
  const first = Date.UTC(year, month, 1);
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const cells = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, d) => first + d * DAY)];
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) {
    const week = cells.slice(i, i + 7);
    weeks.push([...week, ...Array<null>(7 - week.length).fill(null)]);
  }
  return weeks;
}

export function YearGrid({ year, entries }: { year: number; entries: readonly ListedEntry[] }) {
  const { t } = useI18n();
  const k = t.consoleAdmin.calendar;
  const byDate = new Map(entries.map((e) => [e.date, e]));
  return (
    <div className="year-grid">
      {MONTHS.map((month) => (
        <table key={month} className="month">
          <caption>{k.month(month + 1, year)}</caption>
          <thead>
            <tr>
              {WEEK.map((d) => (
                <th key={d} scope="col" abbr={k.weekdays[d]}>
                  {k.weekdaysShort[d]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(year, month).map((week) => (
              <tr key={week.find((d) => d !== null)}>
                {week.map((time, i) => {
                  if (time === null) return <td key={`empty-${WEEK[i]}`} />;
                  const entry = byDate.get(iso(time));
                  const weekend = WEEK[i] === 0 || WEEK[i] === 6;
                  const kind = entry ? `day--${entry.dayOff ? 'off' : 'make-up'}` : weekend ? 'day--weekend' : '';
                  return (
                    <td
                      key={time}
                      className={`day ${kind}${entry?.provisional ? ' day--provisional' : ''}`}
                      title={
                        entry
                          ? `${k.kinds[entry.kind as keyof typeof k.kinds] ?? entry.kind}: ${entry.name}`
                          : undefined
                      }
                    >
                      {new Date(time).getUTCDate()}
                      {entry && (
                        <span className="visually-hidden">, {k.kinds[entry.kind as keyof typeof k.kinds]}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <ul className="year-grid__legend">
        <li>
          <span className="day day--off">1</span> {k.legend.off}
        </li>
        <li>
          <span className="day day--make-up">1</span> {k.legend.makeUp}
        </li>
        <li>
          <span className="day day--weekend">1</span> {k.legend.weekend}
        </li>
        <li>
          <span className="day day--off day--provisional">1</span> {k.legend.provisional}
        </li>
      </ul>
    </div>
  );
}
