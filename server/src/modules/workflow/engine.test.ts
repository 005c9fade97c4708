import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.ts';
import type { MacroStatus, WorkflowDefinition } from './definition.ts';
import type { Effect } from './effects.ts';
import { type ActionInput, applyAction, availableActions } from './engine.ts';
import {
  COMMUNE_ON_THE_SPOT,
  COMMUNE_STANDARD,
  COMMUNE_TO_DISTRICT,
  DEPARTMENT_STANDARD,
  SERVICE_CENTRE,
  WITH_FEE,
} from './seeds.ts';
import { type Actor, currentAgency, type DossierState, openDossier, stateProblems } from './state.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 6, 1, 2, 0); // 09:00 01/07/2025 in Hà Nội
const staff = (role: Role, staffId: string = role): Actor => ({ kind: 'staff', staffId, roles: [role] });
const applicant: Actor = { kind: 'applicant', id: 'citizen-1' };
const system: Actor = { kind: 'system' };

const COMMUNE = '001.00.00.H05';
const DISTRICT = '000.01.00.H05';

type Row = [action: string, actor: Actor, input: ActionInput, status: MacroStatus];

/** Runs the rows one hour apart, checking each status and the invariants; returns the state and all effects. */
function run(def: WorkflowDefinition, rows: Row[], resolvingAgency = COMMUNE) {
  let state = openDossier(def, { at: T0, receivingUnit: COMMUNE, resolvingAgency });
  const effects: Effect[] = [];
  rows.forEach(([action, actor, input, status], i) => {
    const outcome = applyAction(def, state, action, actor, T0 + (i + 1) * HOUR, input);
    if (!outcome.ok) throw new Error(`${action}: ${outcome.reason}`);
    state = outcome.state;
    effects.push(...outcome.effects);
    expect(state.status, `after ${action}`).toBe(status);
    expect(stateProblems(def, state)).toEqual([]);
  });
  return { state, effects };
}

const types = (effects: Effect[]) => effects.map((e) => e.type);
const submit: Row = ['submit', applicant, {}, 'waiting_receipt'];
const accept: Row = ['accept', staff('one_stop_officer'), {}, 'processing'];
const ret: Row = ['return_result', staff('one_stop_officer'), { delivery: 'desk' }, 'returned'];

describe('seeded workflows end to end, as the right roles', () => {
  it('(a) a certification settled on the spot: submitted, certified, returned, with a code but no appointment', () => {
    const { state, effects } = run(COMMUNE_ON_THE_SPOT, [
      ['submit', staff('one_stop_officer'), {}, 'waiting_receipt'],
      ['certify', staff('one_stop_officer'), { signedDocumentId: 'ban-sao', delivery: 'desk' }, 'returned'],
    ]);
    expect(state.closed?.as).toBe('returned');
    expect(types(effects)).toContain('code.assign');
    expect(types(effects)).not.toContain('appointment.set');
    expect(state.clock.phase).toBe('idle');
  });

  it('(b) commune: desk → specialist → chairman signs → desk returns', () => {
    const { state, effects } = run(COMMUNE_STANDARD, [
      submit,
      accept,
      ['propose', staff('specialist'), { opinion: 'Đủ điều kiện', documents: ['du-thao'] }, 'processing'],
      ['sign', staff('agency_leader'), { signedDocumentId: 'giay-chung-nhan' }, 'resolved'],
      ret,
    ]);
    expect(state.step).toBe('returned');
    expect(state.resultDocuments).toEqual(['du-thao', 'giay-chung-nhan']);
    expect(state.clock.phase).toBe('stopped');
    expect(effects).toContainEqual({ type: 'notify.applicant', notice: { event: 'received', form: '01' } });
    expect(effects).toContainEqual({ type: 'result.require_signature', step: 'signing' });
    expect(effects).toContainEqual({ type: 'result.deliver', channel: 'desk' });
    expect(types(effects).filter((t) => t === 'handover.record')).toHaveLength(4);
  });

  it('(c) department: desk → specialist → head → director signs → clerk issues → desk returns', () => {
    const { state } = run(DEPARTMENT_STANDARD, [
      submit,
      accept,
      ['propose', staff('specialist'), { opinion: 'Đề xuất cấp', documents: ['du-thao'] }, 'processing'],
      ['approve', staff('department_head'), { opinion: 'Đồng ý' }, 'processing'],
      ['sign', staff('agency_leader'), { signedDocumentId: 'quyet-dinh' }, 'processing'],
      ['issue', staff('clerk'), {}, 'resolved'],
      ret,
    ]);
    expect(state.closed).toEqual({ as: 'returned', at: T0 + 7 * HOUR });
  });

  it('(d) across levels: the commune receives, the district resolves, the commune returns', () => {
    const { state, effects } = run(
      COMMUNE_TO_DISTRICT,
      [
        submit,
        accept,
        ['dispatch', staff('one_stop_officer'), {}, 'processing'],
        ['propose', staff('specialist'), { opinion: 'Đủ điều kiện', documents: ['du-thao'] }, 'processing'],
        ['sign', staff('agency_leader'), { signedDocumentId: 'kq' }, 'resolved'],
        ret,
      ],
      DISTRICT,
    );
    expect(effects).toContainEqual({
      type: 'agency.handOff',
      at: T0 + 2 * HOUR,
      from: COMMUNE,
      to: DISTRICT,
      purpose: 'workflow',
    });
    expect(effects).toContainEqual({
      type: 'agency.takeBack',
      at: T0 + 5 * HOUR,
      from: DISTRICT,
      to: COMMUNE,
      purpose: 'workflow',
    });
    expect(currentAgency(state)).toBe(COMMUNE);
  });

  it('(d) the district works on the dossier while it is handed over: its agency is the current one', () => {
    const { state } = run(COMMUNE_TO_DISTRICT, [submit, accept], DISTRICT);
    expect(currentAgency(state)).toBe(DISTRICT);
    expect(state.agencies).toEqual([COMMUNE, DISTRICT]);
  });

  it('(e) with a fee: the clock stands still while the applicant pays, then the result is returned', () => {
    const { state, effects } = run(WITH_FEE, [
      submit,
      accept,
      ['propose', staff('specialist'), { opinion: 'Đủ điều kiện', documents: ['du-thao'] }, 'processing'],
      ['sign', staff('agency_leader'), { signedDocumentId: 'kq' }, 'waiting_payment'],
      ['confirm_payment', system, { paymentRef: 'PAYGOV-123' }, 'resolved'],
      ['return_result', system, { delivery: 'electronic' }, 'returned'],
    ]);
    expect(state.payment).toBe('paid');
    expect(effects).toContainEqual({ type: 'clock.pause', at: T0 + 4 * HOUR, reason: 'workflow' });
    expect(effects).toContainEqual({ type: 'clock.resume', at: T0 + 5 * HOUR, reason: 'workflow' });
    expect(effects).toContainEqual({ type: 'payment.confirm', ref: 'PAYGOV-123' });
  });

  it('(f) Decree 118/2025: the centre receives, another agency resolves; the code carries the centre', () => {
    const centre = '000.00.00.H05-TTPVHCC';
    let state = openDossier(SERVICE_CENTRE, { at: T0, receivingUnit: centre, resolvingAgency: DISTRICT });
    const steps: Row[] = [
      submit,
      accept,
      ['propose', staff('specialist'), { opinion: 'Đủ', documents: ['d'] }, 'processing'],
      ['approve', staff('department_head'), { opinion: 'Đồng ý' }, 'processing'],
      ['sign', staff('agency_leader'), { signedDocumentId: 'kq' }, 'resolved'],
      ret,
    ];
    const effects: Effect[] = [];
    steps.forEach(([action, actor, input, status], i) => {
      const outcome = applyAction(SERVICE_CENTRE, state, action, actor, T0 + i * HOUR, input);
      if (!outcome.ok) throw new Error(outcome.reason);
      state = outcome.state;
      effects.push(...outcome.effects);
      expect(state.status).toBe(status);
      if (action === 'accept') expect(currentAgency(state)).toBe(DISTRICT);
    });
    expect(effects).toContainEqual({ type: 'code.assign', receivingUnit: centre });
    expect(state.receivingUnit).toBe(centre);
    expect(state.resolvingAgency).toBe(DISTRICT);
    expect(currentAgency(state)).toBe(centre);
  });
});

describe('what every dossier can do at a step that allows it', () => {
  const processing = () => run(COMMUNE_STANDARD, [submit, accept]).state;

  it('a supplement asked for at the desk (Form 02) needs no clock; the applicant supplements, the desk accepts', () => {
    const { state, effects } = run(COMMUNE_STANDARD, [
      submit,
      ['request_supplement', staff('one_stop_officer'), { reason: 'Thiếu bản sao CCCD' }, 'supplement_requested'],
      ['supplement', applicant, {}, 'waiting_receipt'],
      accept,
    ]);
    expect(state.step).toBe('processing');
    expect(effects).toContainEqual({
      type: 'notify.applicant',
      notice: { event: 'supplement_requested', form: '02', reason: 'Thiếu bản sao CCCD' },
    });
    expect(types(effects).filter((t) => t.startsWith('clock.'))).toEqual(['clock.start']);
  });

  it('Decree 61 (DOMAIN.md §4, setting "restart"): a supplement during processing pauses, then counts from zero', () => {
    const request = applyAction(
      COMMUNE_STANDARD,
      processing(),
      'request_supplement',
      staff('specialist'),
      T0 + 10 * HOUR,
      {
        reason: 'Thiếu giấy tờ',
      },
    );
    if (!request.ok) throw new Error(request.reason);
    expect(request.state.clock).toEqual({ phase: 'paused', pauses: [{ reason: 'supplement', since: T0 + 10 * HOUR }] });
    const supplement = applyAction(COMMUNE_STANDARD, request.state, 'supplement', applicant, T0 + 20 * HOUR);
    if (!supplement.ok) throw new Error(supplement.reason);
    expect(supplement.effects).toEqual([
      { type: 'clock.restart', at: T0 + 20 * HOUR },
      { type: 'appointment.set', from: T0 + 20 * HOUR },
    ]);
    expect(supplement.state.clock.phase).toBe('running');
  });

  it('with the setting "resume" the clock resumes where it stopped and the appointment stays', () => {
    const def: WorkflowDefinition = { ...COMMUNE_STANDARD, settings: { supplementClock: 'resume' } };
    const request = applyAction(def, processing(), 'request_supplement', staff('specialist'), T0 + 10 * HOUR, {
      reason: 'Thiếu giấy tờ',
    });
    if (!request.ok) throw new Error(request.reason);
    const supplement = applyAction(def, request.state, 'supplement', applicant, T0 + 20 * HOUR);
    expect(supplement.ok && supplement.effects).toEqual([
      { type: 'clock.resume', at: T0 + 20 * HOUR, reason: 'supplement' },
    ]);
  });

  it('suspends and resumes (leaders only), handing the clock back', () => {
    const suspended = applyAction(COMMUNE_STANDARD, processing(), 'suspend', staff('agency_leader'), T0 + 5 * HOUR, {
      reason: 'Chờ xác minh',
    });
    if (!suspended.ok) throw new Error(suspended.reason);
    expect(suspended.state.status).toBe('processing');
    expect(suspended.state.clock.phase).toBe('paused');
    expect(availableActions(COMMUNE_STANDARD, suspended.state, staff('specialist')).map((a) => a.id)).not.toContain(
      'propose',
    );
    const resumed = applyAction(COMMUNE_STANDARD, suspended.state, 'resume', staff('agency_leader'), T0 + 6 * HOUR);
    expect(resumed.ok && resumed.state.clock).toEqual({ phase: 'running', pauses: [] });
  });

  it('hands the dossier to another agency and takes it back, writing two rows of Form 05', () => {
    const out = applyAction(COMMUNE_STANDARD, processing(), 'hand_off', staff('specialist', 'cv-1'), T0 + 5 * HOUR, {
      agencyId: 'cong-an-xa',
    });
    if (!out.ok) throw new Error(out.reason);
    expect(out.state.status).toBe('waiting_other_agency');
    expect(out.state.clock.phase).toBe('running');
    const back = applyAction(COMMUNE_STANDARD, out.state, 'take_back', system, T0 + 8 * HOUR);
    if (!back.ok) throw new Error(back.reason);
    expect(back.state.status).toBe('processing');
    expect([...out.effects, ...back.effects].filter((e) => e.type === 'handover.record')).toEqual([
      {
        type: 'handover.record',
        at: T0 + 5 * HOUR,
        fromStep: 'processing',
        toStep: 'processing',
        fromAgency: COMMUNE,
        toAgency: 'cong-an-xa',
        by: 'cv-1',
      },
      {
        type: 'handover.record',
        at: T0 + 8 * HOUR,
        fromStep: 'processing',
        toStep: 'processing',
        fromAgency: 'cong-an-xa',
        toAgency: COMMUNE,
        by: null,
      },
    ]);
  });

  it('assigns, records an opinion and attaches results without moving the dossier', () => {
    let state = processing();
    for (const [action, actor, input] of [
      ['assign', staff('department_head'), { assignee: 'cv-2' }],
      ['add_opinion', staff('specialist'), { opinion: 'Đã kiểm tra' }],
      ['attach_result', staff('specialist'), { documents: ['kq-1', 'kq-1'] }],
    ] as const) {
      const out = applyAction(COMMUNE_STANDARD, state, action, actor, T0 + 9 * HOUR, input);
      if (!out.ok) throw new Error(out.reason);
      state = out.state;
    }
    expect(state).toMatchObject({ step: 'processing', assignee: 'cv-2', resultDocuments: ['kq-1'] });
  });

  it('withdraws at the applicant request, stopping the clock', () => {
    const out = applyAction(COMMUNE_STANDARD, processing(), 'withdraw', applicant, T0 + 9 * HOUR, {
      reason: 'Không còn nhu cầu',
    });
    if (!out.ok) throw new Error(out.reason);
    expect(out.state.status).toBe('withdrawn');
    expect(out.state.clock.phase).toBe('stopped');
    expect(stateProblems(COMMUNE_STANDARD, out.state)).toEqual([]);
  });

  it('lets the applicant cancel a draft, and only administrators cancel a submitted dossier', () => {
    const draft = openDossier(COMMUNE_STANDARD, { at: T0, receivingUnit: COMMUNE, resolvingAgency: COMMUNE });
    const dropped = applyAction(COMMUNE_STANDARD, draft, 'cancel', applicant, T0, { reason: 'Nhập nhầm' });
    expect(dropped.ok && dropped.state.status).toBe('cancelled');
    const refused = applyAction(COMMUNE_STANDARD, processing(), 'cancel', applicant, T0, { reason: 'x' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const cancelled = applyAction(COMMUNE_STANDARD, processing(), 'cancel', staff('agency_admin'), T0, {
      reason: 'Trùng hồ sơ',
    });
    expect(cancelled.ok && cancelled.state.status).toBe('cancelled');
  });

  it('Form 04: a leader apologises and sets a new date once', () => {
    const out = applyAction(COMMUNE_STANDARD, processing(), 'extend', staff('department_head'), T0 + 9 * HOUR, {
      reason: 'Cần xác minh thực địa',
      newDate: T0 + 100 * HOUR,
    });
    if (!out.ok) throw new Error(out.reason);
    expect(out.effects).toEqual([
      { type: 'appointment.extend', newDate: T0 + 100 * HOUR, reason: 'Cần xác minh thực địa' },
      {
        type: 'notify.applicant',
        notice: { event: 'extended', form: '04', reason: 'Cần xác minh thực địa', newDate: T0 + 100 * HOUR },
      },
    ]);
    expect(out.state.extension).toEqual({
      at: T0 + 9 * HOUR,
      reason: 'Cần xác minh thực địa',
      newDate: T0 + 100 * HOUR,
    });
  });
});

describe('refusals, with their reasons', () => {
  const at = (rows: Row[]) => run(COMMUNE_STANDARD, rows).state;

  it('refuses the wrong role (403-like) and names who may act', () => {
    const out = applyAction(COMMUNE_STANDARD, at([submit, accept]), 'propose', staff('clerk'), T0, { opinion: 'x' });
    expect(out).toEqual({
      ok: false,
      code: 'forbidden',
      reason: 'Thao tác "Trình Chủ tịch ký" dành cho: Chuyên viên thụ lý.',
    });
  });

  it('refuses an action of another step', () => {
    const out = applyAction(COMMUNE_STANDARD, at([submit]), 'sign', staff('agency_leader'), T0, {
      signedDocumentId: 's',
    });
    expect(out).toEqual({
      ok: false,
      code: 'not_allowed_now',
      reason: 'Thao tác "Ký duyệt kết quả" không thực hiện được khi hồ sơ ở bước "Tiếp nhận hồ sơ".',
    });
  });

  it('refuses an action no workflow has', () => {
    expect(applyAction(COMMUNE_STANDARD, at([submit]), 'teleport', system, T0)).toMatchObject({
      code: 'unknown_action',
    });
  });

  it('refuses a second Form 04 extension', () => {
    const state: DossierState = {
      ...at([submit, accept]),
      extension: { at: T0, reason: 'Lần đầu', newDate: T0 + 50 * HOUR },
    };
    const out = applyAction(COMMUNE_STANDARD, state, 'extend', staff('agency_leader'), T0 + HOUR, {
      reason: 'Lần hai',
      newDate: T0 + 90 * HOUR,
    });
    expect(out).toEqual({
      ok: false,
      code: 'extension_used',
      reason: 'Hồ sơ đã được hẹn lại ngày trả một lần (Mẫu 04).',
    });
  });

  it('refuses Form 04 before the dossier has an appointment, and a new date in the past', () => {
    expect(
      applyAction(COMMUNE_STANDARD, at([submit]), 'extend', staff('agency_leader'), T0, {
        reason: 'r',
        newDate: T0 + HOUR,
      }),
    ).toMatchObject({ code: 'not_allowed_now' });
    expect(
      applyAction(COMMUNE_STANDARD, at([submit, accept]), 'extend', staff('agency_leader'), T0 + 9 * HOUR, {
        reason: 'r',
        newDate: T0,
      }),
    ).toMatchObject({ code: 'missing_input', reason: 'Cần ngày hẹn trả kết quả mới, sau thời điểm hiện tại.' });
  });

  it('refuses any action on a closed dossier', () => {
    const closed = at([submit, ['refuse', staff('one_stop_officer'), { reason: 'Không thuộc thẩm quyền' }, 'refused']]);
    expect(availableActions(COMMUNE_STANDARD, closed, staff('system_admin'))).toEqual([]);
    expect(applyAction(COMMUNE_STANDARD, closed, 'cancel', staff('system_admin'), T0, { reason: 'x' })).toEqual({
      ok: false,
      code: 'closed',
      reason: 'Hồ sơ đã kết thúc (Từ chối giải quyết), không thể thực hiện thêm thao tác.',
    });
  });

  it('refuses a refusal without its reason (Form 03 states it)', () => {
    expect(
      applyAction(COMMUNE_STANDARD, at([submit]), 'refuse', staff('one_stop_officer'), T0, { reason: '  ' }),
    ).toEqual({
      ok: false,
      code: 'missing_input',
      reason: 'Cần nêu lý do.',
    });
  });

  it('keeps the step actions waiting while the applicant supplements', () => {
    const waiting = at([
      submit,
      accept,
      ['request_supplement', staff('specialist'), { reason: 'Thiếu' }, 'supplement_requested'],
    ]);
    expect(
      applyAction(COMMUNE_STANDARD, waiting, 'propose', staff('specialist'), T0, { opinion: 'x', documents: ['d'] }),
    ).toEqual({
      ok: false,
      code: 'not_allowed_now',
      reason: 'Hồ sơ đang chờ người nộp bổ sung hồ sơ.',
    });
  });

  it('refuses an interruption the step does not allow', () => {
    const signing = at([
      submit,
      accept,
      ['propose', staff('specialist'), { opinion: 'x', documents: ['d'] }, 'processing'],
    ]);
    expect(applyAction(COMMUNE_STANDARD, signing, 'hand_off', staff('agency_leader'), T0, { agencyId: 'x' })).toEqual({
      ok: false,
      code: 'not_allowed_now',
      reason: 'Bước "Chủ tịch UBND xã ký" không cho phép chuyển cơ quan khác.',
    });
  });
});

describe('availableActions', () => {
  it('offers each actor what it may do now, the step’s own actions first', () => {
    const { state } = run(COMMUNE_STANDARD, [submit]);
    expect(availableActions(COMMUNE_STANDARD, state, staff('one_stop_officer')).map((a) => a.id)).toEqual([
      'accept',
      'refuse',
      'assign',
      'add_opinion',
      'request_supplement',
      'withdraw',
    ]);
    expect(availableActions(COMMUNE_STANDARD, state, applicant).map((a) => a.id)).toEqual(['withdraw']);
    expect(availableActions(COMMUNE_STANDARD, state, staff('one_stop_officer'))[0]).toEqual({
      id: 'accept',
      name: 'Tiếp nhận hồ sơ (Mẫu 01)',
      to: 'processing',
      needs: [],
    });
  });
});
