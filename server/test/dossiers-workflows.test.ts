// Every seeded workflow end to end through HTTP, as the roles its steps name, received on Friday 24/01/2025 just
// before Tết 2025 (weekdays 27–31/01 off, DOMAIN.md §5): statuses, the Form 01 appointment, step due times,
// history, audit entries and outbox events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';
import { makePki } from './signing-fixtures.ts';

const clock = fixedClock(new Date(vnInstant('2025-01-24', '10:00')));
let t: TestApp;
let desk: Desk;

/** Moves the clock to a time in Vietnam; sessions idle past their limit are renewed by signing in again. */
function at(date: string, time: string) {
  clock.set(new Date(vnInstant(date, time)));
  desk.forgetSessions();
}

const iso = (date: string, time: string) => new Date(vnInstant(date, time)).toISOString();

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.900001', [[AGENCY.p1, 'commune-on-the-spot']]);
  await desk.procedure('9.900002', [[AGENCY.p1, 'commune-standard']]);
  await desk.procedure('9.900003', [[AGENCY.stp, 'department-standard']]);
  await desk.procedure('9.900004', [[AGENCY.p1, 'commune-to-district']]);
  await desk.procedure('9.900005', [[AGENCY.p1, 'with-fee']]);
  await desk.procedure('9.900006', [[AGENCY.ttpvhcc, 'service-centre']]);
  // The demo has no one-stop officer at the department of justice (the city's desk officer is seeded with one).
  await desk.grant('motcua.tinh', 'one_stop_officer', AGENCY.stp);
  // Those who sign results, with keys of the test PKI valid since before the test's clock.
  const pki = await makePki(new Date('2024-01-01'));
  await desk.signingKeys(pki, ['lanhdao.p1', 'giamdoc.stp', 'lanhdao.tpbl', 'motcua.p1']);
}, 120_000);
afterAll(() => t.close());

const actionsOf = (dossier: { history: { action: string }[] }) => dossier.history.map((h) => h.action);

describe('(b) commune-standard: desk → specialist → chairman signs → desk returns', () => {
  it('runs with assignment, an opinion and a supplement that restarts the clock (Decree 61 setting)', async () => {
    at('2025-01-24', '10:00');
    const opened = await desk.open('motcua.p1', { procedureCode: '9.900002' });
    expect(opened).toMatchObject({ status: 'waiting_receipt', step: 'reception', code: null, dueAt: null });
    expect(opened.availableActions.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(['accept', 'refuse', 'request_supplement']),
    );
    const id = opened.id;

    const accepted = await desk.act('motcua.p1', id, 'accept');
    expect(accepted).toMatchObject({ status: 'processing', step: 'processing', clock: 'running', dueState: 'on_time' });
    expect(accepted.code).toBe('000.02.11.H05-250124-0001');
    // DOMAIN.md §5: 5 working days from Friday 24/01/2025 10:00 across Tết are due Friday 07/02/2025 10:00.
    expect(accepted.dueAt).toBe(iso('2025-02-07', '10:00'));
    expect(accepted.originalDueAt).toBe(iso('2025-02-07', '10:00'));
    expect(accepted.stepDueAt).toBe(iso('2025-02-04', '10:00'));

    await desk.act('lanhdao.p1', id, 'assign', { assignee: await desk.staffId('chuyenvien.p1') });
    at('2025-02-03', '08:00');
    await desk.act('chuyenvien.p1', id, 'add_opinion', { opinion: 'Hồ sơ đủ điều kiện xem xét.' });
    const asked = await desk.act('chuyenvien.p1', id, 'request_supplement', {
      reason: 'Thiếu bản sao giấy chứng sinh.',
    });
    expect(asked).toMatchObject({ status: 'supplement_requested', clock: 'paused' });

    at('2025-02-05', '09:00');
    const supplemented = await desk.act('motcua.p1', id, 'supplement', { note: 'Đã nộp bản sao giấy chứng sinh.' });
    // Counting restarts from zero: 5 working days from Wednesday 05/02 09:00.
    expect(supplemented).toMatchObject({ status: 'processing', clock: 'running' });
    expect(supplemented.dueAt).toBe(iso('2025-02-12', '09:00'));

    const result = await desk.result('chuyenvien.p1', id);
    await desk.act('chuyenvien.p1', id, 'propose', { opinion: 'Đề nghị cấp.', documents: [result] });
    await desk.sign('lanhdao.p1', id, result);
    const signed = await desk.act('lanhdao.p1', id, 'sign', { signedDocumentId: result });
    expect(signed).toMatchObject({ status: 'resolved', step: 'result', stepDueAt: null });

    at('2025-02-10', '14:00');
    const returned = await desk.act('motcua.p1', id, 'return_result', { delivery: 'desk' });
    expect(returned).toMatchObject({ status: 'returned', outcome: 'early', clock: 'stopped', availableActions: [] });
    expect(returned.returnedAt).toBe(iso('2025-02-10', '14:00'));
    expect(actionsOf(returned)).toEqual([
      'submit',
      'accept',
      'assign',
      'add_opinion',
      'request_supplement',
      'supplement',
      'propose',
      'sign',
      'return_result',
    ]);
    expect(await desk.audits(id)).toEqual(['dossier.opened', ...actionsOf(returned).map((a) => `dossier.${a}`)]);
    const topics = await desk.topics(id);
    expect(topics).toEqual(
      expect.arrayContaining([
        'dossier.opened',
        'dossier.received',
        'dossier.assigned',
        'dossier.signature_required',
        'dossier.result_delivery',
      ]),
    );
    // draft → waiting_receipt → processing → supplement_requested → processing → resolved → returned
    expect(topics.filter((x) => x === 'dossier.status_changed')).toHaveLength(6);
  });
});

describe('(a) commune-on-the-spot: certified and returned at once', () => {
  it('gets a code and closes in one action, without an appointment', async () => {
    at('2025-01-24', '10:30');
    const { id } = await desk.open('motcua.p1', { procedureCode: '9.900001' });
    const certified = await desk.signedResult('motcua.p1', 'motcua.p1', id);
    const done = await desk.act('motcua.p1', id, 'certify', { signedDocumentId: certified, delivery: 'desk' });
    expect(done).toMatchObject({ status: 'returned', dueAt: null, outcome: null, availableActions: [] });
    expect(done.code).toMatch(/^000\.02\.11\.H05-250124-\d{4}$/);
    expect(actionsOf(done)).toEqual(['submit', 'certify']);
    expect(await desk.topics(id)).toEqual(
      expect.arrayContaining(['dossier.received', 'dossier.result_delivery', 'dossier.status_changed']),
    );
  });
});

describe('(c) department-standard: desk → specialist → head → director signs → clerk issues → desk', () => {
  it('runs with a suspension, a Form 04 extension, and a late return judged against Form 01', async () => {
    at('2025-01-24', '10:00');
    const stp = await desk.agencyId(AGENCY.stp);
    const { id } = await desk.open('motcua.tinh', { procedureCode: '9.900003', receivingUnitId: stp });
    const accepted = await desk.act('motcua.tinh', id, 'accept');
    expect(accepted.code).toBe('000.00.03.H05-250124-0001');
    expect(accepted.dueAt).toBe(iso('2025-02-07', '10:00'));
    // The specialist has 5 working days of the department's calendar.
    expect(accepted.stepDueAt).toBe(iso('2025-02-07', '10:00'));

    at('2025-02-03', '09:00');
    const draft = await desk.result('chuyenvien.stp', id);
    const proposed = await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ điều kiện.', documents: [draft] });
    expect(proposed).toMatchObject({ step: 'review', stepDueAt: iso('2025-02-05', '09:00') });
    const suspended = await desk.act('truongphong.stp', id, 'suspend', { reason: 'Chờ ý kiến cơ quan chuyên môn.' });
    expect(suspended).toMatchObject({ status: 'processing', clock: 'paused' });
    await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'x' }, 409);

    at('2025-02-04', '09:00');
    const resumed = await desk.act('truongphong.stp', id, 'resume');
    // One working day paused pushes the appointment and the step by one working day.
    expect(resumed).toMatchObject({ clock: 'running', dueAt: iso('2025-02-10', '10:00') });
    expect(resumed.stepDueAt).toBe(iso('2025-02-06', '09:00'));
    await desk.act('truongphong.stp', id, 'approve', { opinion: 'Trình ký.' });

    const extended = await desk.act('giamdoc.stp', id, 'extend', {
      reason: 'Cần xác minh thêm thông tin.',
      newDate: '2025-02-14T16:00:00+07:00',
    });
    expect(extended).toMatchObject({
      dueAt: iso('2025-02-14', '16:00'),
      originalDueAt: iso('2025-02-10', '10:00'),
      extendedDueAt: iso('2025-02-14', '16:00'),
    });
    // A new date only once (DOMAIN.md §4 (?)).
    const again = await desk.act(
      'giamdoc.stp',
      id,
      'extend',
      { reason: 'Lần nữa.', newDate: '2025-02-20T16:00:00+07:00' },
      409,
    );
    expect(again.title).toMatch(/một lần/);

    at('2025-02-11', '09:00');
    await desk.sign('giamdoc.stp', id, draft);
    await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: draft });
    await desk.act('vanthu.stp', id, 'attach_result', { documents: [await desk.result('vanthu.stp', id)] });
    const issued = await desk.act('vanthu.stp', id, 'issue');
    expect(issued).toMatchObject({ status: 'resolved', step: 'result' });
    at('2025-02-12', '08:00');
    const returned = await desk.act('motcua.tinh', id, 'return_result', { delivery: 'post' });
    // Returned before the Form 04 date but after the Form 01 appointment: late (DOMAIN.md §5).
    expect(returned).toMatchObject({ status: 'returned', outcome: 'late' });
    expect(await desk.topics(id)).toEqual(expect.arrayContaining(['dossier.extended', 'dossier.applicant_notice']));
  });
});

describe('(d) commune-to-district: the commune receives, the district resolves, the commune returns', () => {
  it('moves the dossier to the district and back, with the district staff acting on it there', async () => {
    at('2025-01-24', '14:00');
    const tpbl = await desk.agencyId(AGENCY.tpbl);
    const p1 = await desk.agencyId(AGENCY.p1);
    const { id } = await desk.open('motcua.p1', { procedureCode: '9.900004', resolvingAgencyId: tpbl });
    const accepted = await desk.act('motcua.p1', id, 'accept');
    expect(accepted).toMatchObject({ step: 'district_reception', currentAgencyId: tpbl, receivingUnitId: p1 });
    expect(accepted.code).toMatch(/^000\.02\.11\.H05-250124-/);
    // The commune's desk no longer acts on it; the district's does.
    await desk.act('motcua.p1', id, 'dispatch', {}, 403);
    at('2025-02-03', '08:00');
    await desk.act('motcua.tpbl', id, 'dispatch');
    const result = await desk.result('chuyenvien.tpbl', id);
    await desk.act('chuyenvien.tpbl', id, 'propose', { opinion: 'Đủ điều kiện.', documents: [result] });
    await desk.sign('lanhdao.tpbl', id, result);
    const signed = await desk.act('lanhdao.tpbl', id, 'sign', { signedDocumentId: result });
    expect(signed).toMatchObject({ status: 'resolved', currentAgencyId: p1 });
    const returned = await desk.act('motcua.p1', id, 'return_result', { delivery: 'electronic' });
    expect(returned).toMatchObject({ status: 'returned', outcome: 'early' });
    const topics = await desk.topics(id);
    expect(topics).toEqual(expect.arrayContaining(['dossier.handed_off', 'dossier.taken_back']));
    // Form 05 rows: every hand-over after the submission is in the history's effects.
    const handovers = returned.history.flatMap((h: { effects: { type: string }[] }) =>
      h.effects.filter((e) => e.type === 'handover.record'),
    );
    expect(handovers).toHaveLength(5);
  });
});

describe('(e) with-fee: the clock waits while the applicant pays', () => {
  it('pauses at the payment step and resumes when the payment is confirmed', async () => {
    at('2025-01-24', '15:30');
    const { id } = await desk.open('motcua.p1', { procedureCode: '9.900005', channel: 'post' });
    const accepted = await desk.act('motcua.p1', id, 'accept');
    // A paper dossier after the 15:00 cut-off counts from the next working morning: Monday 03/02 07:00 after Tết.
    expect(accepted.dueAt).toBe(iso('2025-02-10', '07:00'));
    at('2025-02-03', '10:00');
    const result = await desk.result('chuyenvien.p1', id);
    await desk.act('chuyenvien.p1', id, 'propose', { opinion: 'Đủ điều kiện.', documents: [result] });
    await desk.sign('lanhdao.p1', id, result);
    const signed = await desk.act('lanhdao.p1', id, 'sign', { signedDocumentId: result });
    expect(signed).toMatchObject({ status: 'waiting_payment', clock: 'paused' });
    at('2025-02-04', '10:00');
    const paid = await desk.act('motcua.p1', id, 'confirm_payment', { paymentRef: 'BL-000123' });
    expect(paid).toMatchObject({ status: 'resolved', clock: 'running', dueAt: iso('2025-02-11', '07:00') });
    const returned = await desk.act('motcua.p1', id, 'return_result', { delivery: 'desk' });
    expect(returned.outcome).toBe('early');
    expect(await desk.topics(id)).toEqual(expect.arrayContaining(['dossier.payment_required']));
  });
});

describe('(f) service-centre (Decree 118/2025): the centre receives, the department resolves', () => {
  it('carries the centre in the code and consults another agency on the way', async () => {
    at('2025-01-24', '09:00');
    const stp = await desk.agencyId(AGENCY.stp);
    const sxd = await desk.agencyId(AGENCY.sxd);
    const centre = await desk.agencyId(AGENCY.ttpvhcc);
    const { id } = await desk.open('motcua.tinh', {
      procedureCode: '9.900006',
      receivingUnitId: centre,
      resolvingAgencyId: stp,
    });
    const accepted = await desk.act('motcua.tinh', id, 'accept');
    expect(accepted.code).toBe('000.00.02.H05-250124-0001');
    expect(accepted).toMatchObject({ currentAgencyId: stp, dueAt: iso('2025-02-07', '09:00') });
    at('2025-02-03', '09:00');
    const handed = await desk.act('chuyenvien.stp', id, 'hand_off', { agencyId: sxd, note: 'Xin ý kiến Sở Xây dựng.' });
    expect(handed).toMatchObject({ status: 'waiting_other_agency', clock: 'running' });
    const back = await desk.act('chuyenvien.stp', id, 'take_back');
    expect(back.status).toBe('processing');
    const result = await desk.result('chuyenvien.stp', id);
    await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ điều kiện.', documents: [result] });
    await desk.act('truongphong.stp', id, 'approve', { opinion: 'Trình ký.' });
    await desk.sign('giamdoc.stp', id, result);
    const signed = await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: result });
    expect(signed).toMatchObject({ status: 'resolved', currentAgencyId: centre });
    const returned = await desk.act('motcua.tinh', id, 'return_result', { delivery: 'desk' });
    expect(returned).toMatchObject({ status: 'returned', outcome: 'early' });
  });

  it('gives the dossier to the agency that manages the procedure when nobody names one (an online applicant)', async () => {
    at('2025-01-24', '10:00');
    const centre = await desk.agencyId(AGENCY.ttpvhcc);
    const procedure = await t.app.inject({ url: '/api/v1/procedures/9.900006' });
    const managing = await desk.agencyId(procedure.json().managingAgency.identifier);
    const { id } = await desk.open('motcua.tinh', { procedureCode: '9.900006', receivingUnitId: centre });
    expect(await desk.act('motcua.tinh', id, 'accept')).toMatchObject({ currentAgencyId: managing });
    // A commune receiving for another agency still has to name it: nothing says which.
    const commune = await desk.open('motcua.p1', { procedureCode: '9.900004' }, 400);
    expect(commune.errors).toEqual([
      {
        field: 'resolvingAgencyId',
        message: 'Quy trình này chuyển hồ sơ sang cơ quan giải quyết: cần chọn cơ quan đó.',
      },
    ]);
  });
});

describe('reception outcomes and closing at the request of the applicant or an administrator', () => {
  it('refuses at the desk with a reason (Form 03), and then refuses every action', async () => {
    at('2025-01-24', '10:00');
    const { id } = await desk.open('motcua.p1', { procedureCode: '9.900002' });
    const missing = await desk.act('motcua.p1', id, 'refuse', {}, 400);
    expect(missing.errors).toEqual([{ field: 'reason', message: 'Cần nêu lý do.' }]);
    const refused = await desk.act('motcua.p1', id, 'refuse', { reason: 'Không thuộc thẩm quyền.' });
    expect(refused).toMatchObject({ status: 'refused', code: null });
    const closed = await desk.act('motcua.p1', id, 'accept', {}, 409);
    expect(closed.title).toMatch(/đã kết thúc/);
  });

  it('withdraws at the request of the applicant, and lets an administrator cancel within their scope', async () => {
    const first = await desk.open('motcua.p1', { procedureCode: '9.900002' });
    await desk.act('motcua.p1', first.id, 'accept');
    const withdrawn = await desk.act('motcua.p1', first.id, 'withdraw', { reason: 'Người nộp xin rút hồ sơ.' });
    expect(withdrawn.status).toBe('withdrawn');
    const second = await desk.open('motcua.p1', { procedureCode: '9.900002' });
    await desk.act('motcua.p1', second.id, 'cancel', { reason: 'Nhập nhầm.' }, 403);
    await desk.act('quantri.stp', second.id, 'cancel', { reason: 'Nhập nhầm.' }, 403);
    const cancelled = await desk.act('quantri.tpbl', second.id, 'cancel', { reason: 'Nhập nhầm.' });
    expect(cancelled.status).toBe('cancelled');
  });
});
