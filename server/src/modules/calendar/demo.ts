// Demo data: the Bạc Liêu province calendar, owned by the province's People's Committee (000.00.00.H05): the
// official schedules 2024–2026 exactly as DOMAIN.md §5 lists them, provisional schedules for 2027–2030, and the
// demo hours (07:00–11:00, 13:00–17:00 Monday to Friday; a make-up day works a weekday's hours; cut-off 15:00).
import { type AppContext, runChange } from '../../platform/context.ts';
import { schedulesFor } from './holidays.ts';
import { forgetChainsAtCommit } from './service.ts';
import * as store from './store.ts';
import { DEMO_PAPER_CUT_OFF, DEMO_WORKING_HOURS } from './working-time.ts';

export const PROVINCE_AGENCY_IDENTIFIER = '000.00.00.H05';
const SEEDED_YEARS = [2024, 2030] as const;

/** Seeds the province calendar once; later runs find it and do nothing. Returns whether it seeded. */
export async function seedDemoCalendar(ctx: AppContext): Promise<boolean> {
  const db = ctx.database.db;
  if (await store.provinceCalendar(db)) return false;
  const agency = await store.findAgency(db, { identifier: PROVINCE_AGENCY_IDENTIFIER });
  if (!agency) return false;
  return runChange(ctx, { actor: null, requestId: null }, async (change) => {
    const { trx, audit } = change;
    forgetChainsAtCommit(change);
    const calendar = await store.insertCalendar(trx, {
      agency_id: agency.id,
      name: 'Lịch làm việc tỉnh Bạc Liêu',
      is_province: true,
      own_hours: true,
    });
    if (!calendar) return false; // another node seeded it at the same moment
    const { weekly, makeUpDay } = DEMO_WORKING_HOURS;
    await store.replaceHours(trx, calendar.id, [...weekly, makeUpDay], DEMO_PAPER_CUT_OFF);
    const schedules = schedulesFor(...SEEDED_YEARS);
    for (const s of schedules) {
      await store.replaceYearEntries(trx, calendar.id, s.year, s.entries);
      await store.setYearStatus(trx, calendar.id, s.year, s.status);
    }
    audit('seed.demo_calendar', 'calendar', calendar.id, {
      years: schedules.map((s) => ({ year: s.year, status: s.status, entries: s.entries.length })),
    });
    return true;
  });
}
