// Demo dossiers, so that a newcomer who runs `npm start` sees a working desk, queues and numbers: a few hundred
// dossiers over the last six weeks at Phường 1 and at the province's service centre (resolved by Sở Tư pháp), in
// every state: received today, in progress, waiting for a supplement, overdue, returned early, on time and late.
// They are driven through the real service as the demo staff, with a clock set to past working days, so that the
// appointments, step due times, history, audit entries and outbox events are those a real desk would have made; their
// results are rendered from the demo templates and signed with the demo keys (seeded first) through the results
// module, as a specialist and a leader would.
// Deterministic: a seeded pseudo-random generator, and times derived from today's date.
import type { Actor } from '../../platform/auth/actor.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { vnDayOf, vnMidnight, weekdayOf } from '../calendar/vn-time.ts';
import { DEMO_PROCEDURES } from '../catalog/demo.ts';
import type { ProcedureRecordT } from '../catalog/model.ts';
import { demoActors } from '../org/demo.ts';
import { demoTemplateFor } from '../results/demo.ts';
import { createFromTemplate, signResult } from '../results/service.ts';
import { seedDemoSigningKeys } from '../signing/demo.ts';
import { markDeadlines } from './deadline-job.ts';
import { type ActionRequest, act, openDossierFor } from './service.ts';

const P1 = '000.02.11.H05';
const CENTRE = '000.00.02.H05';
const STP = '000.00.03.H05';
const CITY = '000.00.11.H05';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What a demo dossier ends as. */
export type DemoScenario =
  | 'waiting_receipt'
  | 'today'
  | 'to_return'
  | 'in_progress'
  | 'supplement'
  | 'overdue'
  | 'early'
  | 'on_time'
  | 'late'
  | 'refused'
  | 'on_the_spot';

// ---------- a seeded pseudo-random generator (mulberry32) ----------

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

// ---------- applicants ----------

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
  'Ngô',
  'Hồ',
  'Dương',
  'Lâm',
  'Quách',
  'Thạch',
  'Tô',
  'Lý',
  'Châu',
  'Danh',
];
const MIDDLE_MALE = ['Văn', 'Minh', 'Quốc', 'Hoàng', 'Thanh', 'Đức', 'Hữu', 'Công', 'Tấn', 'Phước'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thị Thu', 'Thị Kim', 'Thị Mỹ', 'Thanh', 'Thị Bích', 'Hồng'];
const GIVEN_MALE = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Phong',
  'Khang',
  'Nghĩa',
  'Tài',
  'Lộc',
  'Hải',
  'Sơn',
  'Trí',
  'Bảo',
  'Vinh',
];
const GIVEN_FEMALE = ['Lan', 'Hoa', 'Mai', 'Trang', 'Thảo', 'Hương', 'Nhung', 'Yến', 'Vân', 'Diễm', 'Loan', 'Hạnh'];
const STREETS = [
  'Trần Phú',
  'Hòa Bình',
  'Võ Thị Sáu',
  'Hai Bà Trưng',
  'Lê Văn Duyệt',
  'Nguyễn Tất Thành',
  'Bà Triệu',
  'Điện Biên Phủ',
  'Trần Huỳnh',
  'Lý Tự Trọng',
];
const PLACES = [
  'Phường 1, thành phố Bạc Liêu',
  'Phường 2, thành phố Bạc Liêu',
  'Phường 3, thành phố Bạc Liêu',
  'Phường 7, thành phố Bạc Liêu',
  'xã Hiệp Thành, thành phố Bạc Liêu',
  'thị trấn Châu Hưng, huyện Vĩnh Lợi',
  'phường 1, thị xã Giá Rai',
  'thị trấn Gành Hào, huyện Đông Hải',
];

interface Person {
  name: string;
  male: boolean;
  identity: string;
  phone: string;
  address: string;
  born: string;
}

function person(r: Random, bornFrom = 1955, bornTo = 2004): Person {
  const male = r.next() < 0.5;
  const name = `${r.pick(FAMILY)} ${r.pick(male ? MIDDLE_MALE : MIDDLE_FEMALE)} ${r.pick(male ? GIVEN_MALE : GIVEN_FEMALE)}`;
  const year = r.int(bornFrom, bornTo);
  // Số định danh cá nhân: province 095 (Bạc Liêu), then sex and century, two digits of the year, six digits.
  const century = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
  const identity = `095${century}${String(year % 100).padStart(2, '0')}${String(r.int(0, 999_999)).padStart(6, '0')}`;
  const phone = `0${r.pick(['91', '94', '97', '98', '86', '88', '37', '39', '81', '83'])}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
  const address = `Số ${r.int(1, 250)} đường ${r.pick(STREETS)}, ${r.pick(PLACES)}, tỉnh Bạc Liêu`;
  const born = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  return { name, male, identity, phone, address, born };
}

const isoDay = (instant: number) => new Date(instant + 7 * HOUR).toISOString().slice(0, 10);

/** E-form data valid against the procedure's schema, with the applicant's details where the form asks for them. */
function eformFor(r: Random, schema: Record<string, unknown>, applicant: Person, today: number) {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const data: Record<string, unknown> = {};
  const other = person(r);
  for (const [key, p] of Object.entries(properties)) {
    const k = key.toLowerCase();
    if (Array.isArray(p.enum)) data[key] = key === 'gioiTinh' ? (applicant.male ? 'Nam' : 'Nữ') : r.pick(p.enum);
    else if (p.format === 'date') {
      if (k.startsWith('ngaysinhbennu') || k.startsWith('ngaysinhbennam') || k.includes('doituong'))
        data[key] = person(r, 1950, 2000).born;
      else if (k === 'ngaysinh') data[key] = isoDay(today - r.int(5, 50) * DAY);
      else data[key] = isoDay(today - r.int(3, 40) * DAY);
    } else if (p.pattern === '^\\d{12}$') data[key] = k === 'sodinhdanh' ? applicant.identity : other.identity;
    else if (p.pattern) data[key] = applicant.phone;
    else if (p.type === 'integer') {
      data[key] =
        k.includes('von') || k.includes('dautu')
          ? r.int(1, 50) * 100_000_000
          : k === 'sotang'
            ? r.int(1, 4)
            : r.int(1, 5);
      if (k.includes('dientich')) data[key] = r.int(40, 200);
    } else data[key] = textFor(r, key, applicant, other);
  }
  return data;
}

function textFor(r: Random, key: string, applicant: Person, other: Person): string {
  const k = key.toLowerCase();
  if (k === 'hoten' || k === 'nguoidaidien') return applicant.name;
  if (k.startsWith('hoten') || k === 'bentranhchap') return other.name;
  if (k === 'noicutru' || k.startsWith('diachi') || k.startsWith('diadiem')) return applicant.address;
  if (k === 'noisinh' || k === 'noichet') return r.pick(['Bệnh viện Đa khoa tỉnh Bạc Liêu', ...PLACES]);
  if (k === 'dantoc') return r.pick(['Kinh', 'Kinh', 'Kinh', 'Khmer', 'Hoa']);
  if (k === 'quoctich') return 'Việt Nam';
  if (k === 'quanhe') return r.pick(['Cha', 'Mẹ', 'Con', 'Vợ', 'Chồng']);
  if (k === 'mucdich')
    return r.pick(['Bổ sung hồ sơ xin việc', 'Xuất cảnh', 'Bổ sung hồ sơ du học', 'Làm thủ tục nhận con nuôi']);
  if (k === 'tengiayto') return r.pick(['Bằng tốt nghiệp trung học phổ thông', 'Giấy khai sinh', 'Căn cước công dân']);
  if (k === 'tenhopdong') return r.pick(['Hợp đồng mua bán xe máy', 'Hợp đồng thuê nhà', 'Hợp đồng tặng cho tài sản']);
  if (k === 'sothua') return String(r.int(1, 900));
  if (k === 'soto') return String(r.int(1, 60));
  if (k === 'tendoanhnghiep')
    return `Công ty TNHH ${r.pick(['Thương mại', 'Dịch vụ', 'Xây dựng'])} ${r.pick(GIVEN_MALE)} Bạc Liêu`;
  if (k.startsWith('ten'))
    return `${r.pick(['Cơ sở', 'Hộ kinh doanh', 'Bản tin'])} ${r.pick(GIVEN_FEMALE)} ${r.int(1, 9)}`;
  if (k === 'nguyennhan') return 'Bệnh già';
  if (k === 'nghenghiep') return r.pick(['Làm ruộng', 'Buôn bán', 'Công nhân', 'Nuôi trồng thủy sản']);
  return r.pick(['Theo giấy tờ kèm theo', 'Như đã trình bày trong đơn', 'Đã kê khai đầy đủ']);
}

// ---------- working days ----------

const isWeekday = (day: number) => {
  const w = weekdayOf(day);
  return w !== 0 && w !== 6;
};

/** The epoch day `n` working days (Monday to Friday) before `day`. */
function workdaysBefore(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d -= 1;
    if (isWeekday(d)) left -= 1;
  }
  return d;
}

/** Moved into office hours (07:30–16:30 in Vietnam) of a weekday, backwards if it fell on a weekend. */
function officeHours(instant: number): number {
  let day = vnDayOf(instant);
  let minutes = Math.floor((instant - vnMidnight(day)) / MINUTE);
  while (!isWeekday(day)) {
    day -= 1;
    minutes = 15 * 60;
  }
  minutes = Math.min(Math.max(minutes, 7 * 60 + 30), 16 * 60 + 30);
  return vnMidnight(day) + minutes * MINUTE;
}

// ---------- the plan ----------

interface Plan {
  scenario: DemoScenario;
  unit: typeof P1 | typeof CENTRE | typeof CITY;
  procedure: ProcedureRecordT;
  openAt: number;
}

const workingDays = (p: ProcedureRecordT) => {
  const t = p.processingTimes[0]!;
  return t.unit === 'working_days' ? t.value : 1;
};

const offeredAt = (unit: string, workflow: string) =>
  DEMO_PROCEDURES.filter((p) => p.offerings.some((o) => o.agency === unit && o.workflow === workflow));

/** How many of each scenario, at Phường 1, at the service centre and at the city's People's Committee. */
export const DEMO_MIX: Record<DemoScenario, [p1: number, centre: number, city: number]> = {
  waiting_receipt: [6, 4, 3],
  to_return: [10, 6, 5],
  today: [14, 6, 6],
  in_progress: [30, 14, 12],
  supplement: [12, 6, 4],
  overdue: [12, 8, 5],
  early: [44, 14, 12],
  on_time: [18, 8, 6],
  late: [14, 8, 6],
  refused: [4, 2, 2],
  on_the_spot: [24, 0, 0],
};

function plan(r: Random, now: number): Plan[] {
  const today = vnDayOf(now);
  const standard = offeredAt(P1, 'commune-standard').filter((p) => workingDays(p) <= 10);
  const long = offeredAt(P1, 'commune-standard').filter((p) => workingDays(p) > 10);
  const onTheSpot = offeredAt(P1, 'commune-on-the-spot');
  const centre = offeredAt(CENTRE, 'service-centre').filter((p) => p.managingAgency === STP);
  // The city's justice office (Phòng Tư pháp) has the demo staff: civil status and certification with a fee.
  const city = offeredAt(CITY, 'with-fee').filter((p) => p.managingAgency === STP && workingDays(p) <= 10);
  const plans: Plan[] = [];
  const lastToday = now - 10 * MINUTE;
  const at = (day: number, from = 7 * 60 + 30, to = 16 * 60) => {
    const t = vnMidnight(day) + r.int(from, to) * MINUTE;
    return day === today ? Math.min(t, lastToday - r.int(0, 120) * MINUTE) : t;
  };
  for (const [scenario, counts] of Object.entries(DEMO_MIX) as [DemoScenario, number[]][]) {
    counts.forEach((count, i) => {
      const unit = ([P1, CENTRE, CITY] as const)[i]!;
      for (let n = 0; n < count; n++) {
        const procedure =
          unit === CENTRE
            ? r.pick(centre)
            : unit === CITY
              ? r.pick(city)
              : scenario === 'on_the_spot'
                ? r.pick(onTheSpot)
                : scenario === 'in_progress' && r.next() < 0.2
                  ? r.pick(long)
                  : r.pick(standard);
        const days = workingDays(procedure);
        const ago = (() => {
          switch (scenario) {
            case 'waiting_receipt':
            case 'today':
              return 0;
            case 'to_return':
              return r.int(1, Math.max(1, days - 1));
            case 'in_progress':
              return days <= 1 ? 0 : r.int(1, Math.min(days - 1, 4));
            case 'supplement':
              return r.int(1, Math.max(1, days - 1));
            case 'refused':
            case 'on_the_spot':
              return r.int(0, 28);
            case 'overdue':
              return r.int(days + 3, days + 8);
            case 'early':
              return r.int(Math.max(2, days - 1), 30);
            case 'on_time':
              return r.int(days + 2, Math.max(days + 3, 28));
            case 'late':
              return r.int(days + 6, Math.max(days + 8, 32));
          }
        })();
        plans.push({ scenario, unit, procedure, openAt: at(workdaysBefore(today, ago)) });
      }
    });
  }
  // Received in the order they arrived, so that the desk's numbers follow the days.
  return plans.sort((a, b) => a.openAt - b.openAt);
}

// ---------- driving the service ----------

/**
 * Seeds the demo dossiers once: does nothing when any dossier exists. Returns how many it opened.
 * `now` is the instant the states are judged against (the real time at start-up).
 */
export async function seedDemoDossiers(ctx: AppContext, now = ctx.clock.now().getTime()): Promise<number> {
  const any = await ctx.database.db.selectFrom('dossier').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  await seedDemoSigningKeys(ctx);
  const actors = await demoActors(ctx);
  const agencies = new Map(
    (await ctx.database.db.selectFrom('agency').select(['id', 'identifier']).execute()).map((a) => [
      a.identifier,
      a.id,
    ]),
  );
  const r = generator(20_250_701);
  const clock = fixedClock(new Date(now));
  const demo: AppContext = { ...ctx, clock };
  const plans = plan(r, now);
  const as = (username: string): { actor: Actor; requestId: null } => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`Demo staff ${username} is missing`);
    return { actor, requestId: null };
  };
  let done = 0;
  for (const p of plans) {
    await seedOne(demo, clock, r, p, as, agencies, now);
    done += 1;
    if (done % 50 === 0) ctx.log.info({ dossiers: done, of: plans.length }, 'demo dossiers');
  }
  await markDeadlines(ctx, new Date(now));
  return done;
}

async function seedOne(
  ctx: AppContext,
  clock: ReturnType<typeof fixedClock>,
  r: Random,
  p: Plan,
  as: (username: string) => { actor: Actor; requestId: null },
  agencies: Map<string, string>,
  now: number,
): Promise<void> {
  const centre = p.unit === CENTRE;
  const city = p.unit === CITY;
  const desk = centre ? 'motcua.tinh' : city ? 'motcua.tpbl' : 'motcua.p1';
  const specialist = centre ? 'chuyenvien.stp' : city ? 'chuyenvien.tpbl' : 'chuyenvien.p1';
  const leader = centre ? 'giamdoc.stp' : city ? 'lanhdao.tpbl' : 'lanhdao.p1';
  const applicant = person(r);
  clock.set(new Date(p.openAt));
  const opened = await openDossierFor(ctx, as(desk), {
    procedureCode: p.procedure.code,
    channel: r.next() < 0.15 ? 'post' : 'desk',
    receivingUnitId: agencies.get(p.unit)!,
    ...(centre ? { resolvingAgencyId: agencies.get(STP)! } : {}),
    applicant: {
      name: applicant.name,
      identityNumber: applicant.identity,
      phone: applicant.phone,
      address: applicant.address,
    },
    eform: eformFor(r, p.procedure.eform.schema as Record<string, unknown>, applicant, p.openAt),
  });
  const id = (opened.body as { id: string }).id;
  if (p.scenario === 'waiting_receipt') return;
  let last = p.openAt;
  // The request may be made at the step's time: a result drafted or signed just before the action names it.
  const step = async (
    username: string,
    action: string,
    request: ActionRequest | (() => Promise<ActionRequest>),
    at: number,
  ) => {
    last = Math.min(Math.max(at, last + 2 * MINUTE), now - MINUTE);
    clock.set(new Date(last));
    const body = typeof request === 'function' ? await request() : request;
    return (await act(ctx, as(username), id, action, body, undefined)).body as {
      dueAt: string | null;
      originalDueAt: string | null;
    };
  };
  const at = (after: number) => officeHours(last + after);
  const draft = async (username: string) =>
    (await createFromTemplate(ctx, as(username), id, demoTemplateFor(p.procedure.code))).id;
  const signed = async (username: string, resultId: string) =>
    (await signResult(ctx, as(username), id, resultId, { layout: 'signer' })).id;
  let result = '';
  const proposal = (username: string, opinion: string) => async () => {
    result = await draft(username);
    return { opinion, documents: [result] };
  };

  if (p.scenario === 'on_the_spot') {
    await step(
      desk,
      'certify',
      async () => ({ signedDocumentId: await signed(desk, await draft(desk)), delivery: 'desk' }),
      at(20 * MINUTE),
    );
    return;
  }
  if (p.scenario === 'refused') {
    await step(desk, 'refuse', { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.' }, at(10 * MINUTE));
    return;
  }
  const accepted = await step(desk, 'accept', {}, last + r.int(5, 20) * MINUTE);
  const acceptedAt = last;
  const due = Date.parse(accepted.dueAt ?? '') || acceptedAt + 5 * DAY;
  if (p.scenario === 'today') {
    if (!centre && r.next() < 0.5)
      await step(leader, 'assign', { assignee: as(specialist).actor.staffId }, at(15 * MINUTE));
    return;
  }
  if (!centre) await step(leader, 'assign', { assignee: as(specialist).actor.staffId }, at(r.int(20, 90) * MINUTE));

  if (p.scenario === 'supplement') {
    await step(
      specialist,
      'request_supplement',
      { reason: 'Thiếu bản sao giấy tờ tùy thân của người yêu cầu.' },
      at(DAY),
    );
    return;
  }
  if (p.scenario === 'in_progress' || p.scenario === 'overdue') {
    await step(specialist, 'add_opinion', { opinion: 'Đang kiểm tra, xác minh thông tin.' }, at(HOUR));
    if (r.next() < 0.4) await step(specialist, 'propose', proposal(specialist, 'Đề nghị giải quyết.'), at(HOUR));
    return;
  }
  // Returned: early before the appointment's day, on time on that day, late after it.
  const returnAt =
    p.scenario === 'early' || p.scenario === 'to_return'
      ? officeHours(
          Math.min(
            acceptedAt + (due - acceptedAt) * (0.4 + 0.4 * r.next()),
            vnMidnight(vnDayOf(due)) - 8 * HOUR,
            now - HOUR,
          ),
        )
      : p.scenario === 'on_time'
        ? due - r.int(15, 90) * MINUTE
        : officeHours(due + r.int(1, 3) * DAY);
  const base = last;
  const span = Math.max(returnAt - base, 5 * MINUTE);
  const frac = (f: number) => Math.max(officeHours(base + span * f), last);
  if (!centre && p.scenario === 'early' && r.next() < 0.15) {
    await step(
      specialist,
      'request_supplement',
      { reason: 'Thiếu bản sao giấy tờ tùy thân của người yêu cầu.' },
      frac(0.1),
    );
    await step(desk, 'supplement', { note: 'Người nộp đã bổ sung giấy tờ.' }, frac(0.2));
  }
  await step(specialist, 'propose', proposal(specialist, 'Hồ sơ đủ điều kiện, đề nghị giải quyết.'), frac(0.4));
  if (centre) await step('truongphong.stp', 'approve', { opinion: 'Trình Giám đốc ký.' }, frac(0.6));
  let done = await step(leader, 'sign', async () => ({ signedDocumentId: await signed(leader, result) }), frac(0.7));
  if (city) done = await step(desk, 'confirm_payment', { paymentRef: `BL-${r.int(100_000, 999_999)}` }, frac(0.85));
  if (p.scenario === 'to_return') return;
  // Lateness is judged against the Form 01 appointment as it stands now (a payment or a supplement moves it).
  const appointment = Date.parse(done.originalDueAt ?? '') || due;
  const returnedAt =
    p.scenario === 'on_time'
      ? Math.max(appointment - r.int(15, 90) * MINUTE, vnMidnight(vnDayOf(appointment)) + 7 * HOUR, last + 2 * MINUTE)
      : p.scenario === 'late'
        ? officeHours(appointment + r.int(1, 3) * DAY)
        : returnAt;
  await step(desk, 'return_result', { delivery: r.pick(['desk', 'desk', 'post', 'electronic'] as const) }, returnedAt);
}
