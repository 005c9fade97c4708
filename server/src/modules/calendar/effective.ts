// The calendar that applies to an agency, from stored layers: the province's calendar first, then the overrides
// of the agency's ancestors from the farthest to the nearest, then the agency's own. Pure: no database here.
// - Working hours and the paper cut-off: those of the nearest layer that sets its own.
// - Entries: merged by date, a nearer layer's entry replacing a farther one's on the same date.
// - The province's years: a stored year is as stored (official, provisional or confirmed); a year without a row
//   is generated from the Labor Code (provisionalSchedule) and flagged provisional.
// - A make-up day inherited onto a day that the effective hours already make a working day is dropped: an agency
//   that works on Saturdays has nothing to make up.

import { type CalendarEntry, isDayOff, provisionalSchedule, type YearSchedule } from './holidays.ts';
import { parseIsoDate, weekdayOf } from './vn-time.ts';
import {
  buildCalendar,
  type CalendarDefinition,
  INDEX_FIRST_YEAR,
  INDEX_LAST_YEAR,
  type Period,
  type WorkingCalendar,
  type WorkingHours,
} from './working-time.ts';

export type YearStatus = 'official' | 'provisional' | 'confirmed';

export interface YearInfo {
  status: YearStatus;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  /** false: no row, generated on the fly. */
  stored: boolean;
}

export interface Layer {
  id: string;
  agencyId: string;
  isProvince: boolean;
  version: number;
  /** Periods per day 0–6 (Sunday–Saturday) and 7 (make-up day), or null when the layer inherits its hours. */
  periods: Period[][] | null;
  paperCutOff: number | null;
  entriesByYear: Map<number, CalendarEntry[]>;
  years: Map<number, YearInfo>;
}

export interface EffectiveEntry {
  entry: CalendarEntry;
  layer: Layer;
  provisional: boolean;
}

export class EffectiveCalendar {
  readonly province: Layer;
  readonly hours: WorkingHours;
  readonly paperCutOff: number | null;
  /** Identifies the contents: the id and version of each layer. A dossier can keep it as the version applied. */
  readonly key: string;
  #compiled: WorkingCalendar | undefined;

  /** `layers`: the province's first, then the overrides from the farthest ancestor to the agency itself. */
  constructor(readonly layers: readonly Layer[]) {
    this.province = layers[0]!;
    const nearest = layers.findLast((l) => l.periods !== null)!;
    const periods = nearest.periods!;
    this.hours = { weekly: periods.slice(0, 7), makeUpDay: periods[7]! };
    this.paperCutOff = nearest.paperCutOff;
    this.key = layerKey(layers);
  }

  yearInfo(year: number): YearInfo {
    return (
      this.province.years.get(year) ?? { status: 'provisional', confirmedAt: null, confirmedBy: null, stored: false }
    );
  }

  isProvisional(year: number): boolean {
    return this.yearInfo(year).status === 'provisional';
  }

  /** The days off and make-up days of a year, in date order, each with the layer it comes from. */
  entriesOf(year: number): EffectiveEntry[] {
    const byDate = new Map<string, EffectiveEntry>();
    const provisional = this.isProvisional(year);
    for (const layer of this.layers) {
      for (const entry of this.#layerEntries(layer, year)) {
        byDate.set(entry.date, { entry, layer, provisional: layer.isProvince && provisional });
      }
    }
    return [...byDate.values()]
      .filter(
        ({ entry }) => isDayOff(entry.kind) || this.hours.weekly[weekdayOf(parseIsoDate(entry.date))]!.length === 0,
      )
      .sort((a, b) => a.entry.date.localeCompare(b.entry.date));
  }

  /** The compiled index for deadline arithmetic (2000–2099), built on first use. */
  get compiled(): WorkingCalendar {
    this.#compiled ??= buildCalendar(this.definition());
    return this.#compiled;
  }

  definition(): CalendarDefinition {
    const entries: CalendarEntry[] = [];
    for (let year = INDEX_FIRST_YEAR; year <= INDEX_LAST_YEAR; year++) {
      for (const e of this.entriesOf(year)) entries.push(e.entry);
    }
    return { hours: this.hours, entries, paperCutOff: this.paperCutOff };
  }

  #layerEntries(layer: Layer, year: number): readonly CalendarEntry[] {
    if (layer.isProvince && !layer.years.has(year)) return generatedSchedule(year).entries;
    return layer.entriesByYear.get(year) ?? [];
  }
}

/** Identifies the contents of a list of layers: each one's id and version. */
export const layerKey = (layers: readonly { id: string; version: number }[]) =>
  layers.map((l) => `${l.id}:${l.version}`).join('|');

const generated = new Map<number, YearSchedule>();

/** provisionalSchedule(year), computed once per process (it is a pure function of the year). */
export function generatedSchedule(year: number): YearSchedule {
  let schedule = generated.get(year);
  if (!schedule) {
    schedule = provisionalSchedule(year);
    generated.set(year, schedule);
  }
  return schedule;
}
