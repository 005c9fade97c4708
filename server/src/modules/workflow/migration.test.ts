import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.ts';
import type { WorkflowDefinition } from './definition.ts';
import { type ActionInput, applyAction } from './engine.ts';
import { describeMigration, type InFlightDossier, planMigration, type StepMapping } from './migration.ts';
import { type HistoryEntry, replay } from './reducer.ts';
import { COMMUNE_STANDARD, WITH_FEE } from './seeds.ts';
import { type Actor, type DossierState, openDossier, stateProblems } from './state.ts';

const T0 = Date.UTC(2025, 6, 1, 2);
const staff = (role: Role): Actor => ({ kind: 'staff', staffId: role, roles: [role] });
const applicant: Actor = { kind: 'applicant', id: 'citizen' };
const OPENING = { at: T0, receivingUnit: 'xa', resolvingAgency: 'xa' };

/** Version 2: a department head now reviews before the chairman signs, and processing can no longer be suspended. */
const V1 = COMMUNE_STANDARD;
const V2: WorkflowDefinition = {
  ...V1,
  version: 2,
  steps: V1.steps.flatMap((step) => {
    if (step.id === 'processing') {
      return [
        {
          ...step,
          allows: ['supplement', 'hand_off'],
          actions: [
            { id: 'propose', name: 'Trình lãnh đạo phòng', to: 'review', by: ['specialist'], requires: ['opinion'] },
          ],
        },
        {
          id: 'review',
          name: 'Lãnh đạo phòng xem xét',
          status: 'processing',
          role: 'department_head',
          allows: ['suspend'],
          actions: [
            { id: 'approve', name: 'Trình Chủ tịch ký', to: 'signing', by: ['department_head'], requires: ['opinion'] },
          ],
        },
      ];
    }
    return [step];
  }),
};

type Move = [action: string, actor: Actor, input?: ActionInput];
const SUBMIT: Move = ['submit', applicant];
const ACCEPT: Move = ['accept', staff('one_stop_officer')];
const PROPOSE: Move = ['propose', staff('specialist'), { opinion: 'Đủ', documents: ['d'] }];

function dossier(id: string, moves: Move[], def: WorkflowDefinition = V1): InFlightDossier {
  let state: DossierState = openDossier(def, OPENING);
  moves.forEach(([action, actor, input], i) => {
    const out = applyAction(def, state, action, actor, T0 + i * 60_000, input);
    if (!out.ok) throw new Error(out.reason);
    state = out.state;
  });
  return { id, state };
}

const MAPPING: StepMapping = { draft: 'draft', reception: 'reception', processing: 'processing', signing: 'review' };

describe('planMigration (dry run)', () => {
  const dossiers = [
    dossier('HS-1', [SUBMIT]),
    dossier('HS-2', [SUBMIT, ACCEPT, ['suspend', staff('agency_leader'), { reason: 'Chờ xác minh' }]]),
    dossier('HS-3', [SUBMIT, ACCEPT]),
    dossier('HS-4', [SUBMIT, ACCEPT, PROPOSE]),
    dossier('HS-5', [SUBMIT, ACCEPT, PROPOSE, ['sign', staff('agency_leader'), { signedDocumentId: 's' }]]),
    dossier('HS-6', [SUBMIT, ['refuse', staff('one_stop_officer'), { reason: 'Sai thẩm quyền' }]]),
    dossier('HS-7', [SUBMIT], WITH_FEE),
  ];
  const plan = planMigration(V1, V2, MAPPING, dossiers, T0 + 86_400_000);

  it('moves the dossiers whose step is mapped to a step of the same status', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.moves.map((m) => [m.dossierId, m.fromStep, m.toStep])).toEqual([
      ['HS-1', 'reception', 'reception'],
      ['HS-3', 'processing', 'processing'],
      ['HS-4', 'signing', 'review'],
    ]);
    for (const move of plan.moves) {
      expect(move.state.workflow).toEqual({ code: V1.code, version: 2 });
      expect(stateProblems(V2, move.state)).toEqual([]);
    }
  });

  it('blocks, with the reason, a dossier waiting in a way the new step does not allow, and an unmapped step', () => {
    expect(plan.blocked).toEqual([
      {
        dossierId: 'HS-2',
        step: 'processing',
        reason: 'Hồ sơ đang tạm dừng xử lý mà bước mới "Công chức chuyên môn thụ lý" không cho phép.',
      },
      { dossierId: 'HS-5', step: 'result', reason: 'Bước "result" không có trong bảng ánh xạ.' },
    ]);
  });

  it('leaves closed dossiers and those of other workflows alone', () => {
    expect(plan.skipped).toEqual([
      { dossierId: 'HS-6', reason: 'Hồ sơ đã kết thúc, giữ phiên bản cũ.' },
      { dossierId: 'HS-7', reason: 'Hồ sơ theo quy trình "with-fee" phiên bản 1.' },
    ]);
  });

  it('blocks a mapping that would change what the applicant sees', () => {
    const changed = planMigration(V1, V2, { reception: 'processing' }, [dossiers[0]!], T0);
    expect(changed.blocked[0]?.reason).toBe(
      'Bước mới "Công chức chuyên môn thụ lý" có trạng thái "Đang giải quyết", khác trạng thái hiện tại "Chờ tiếp nhận".',
    );
  });

  it('prints the dry-run report', () => {
    expect(describeMigration(plan)).toBe(
      [
        'Chuyển quy trình "commune-standard" từ phiên bản 1 sang 2 (chạy thử)',
        'Chuyển được 3 hồ sơ:',
        '  - HS-1: reception → reception',
        '  - HS-3: processing → processing',
        '  - HS-4: signing → review',
        'Không chuyển được 2 hồ sơ:',
        '  - HS-2 (bước processing): Hồ sơ đang tạm dừng xử lý mà bước mới "Công chức chuyên môn thụ lý" không cho phép.',
        '  - HS-5 (bước result): Bước "result" không có trong bảng ánh xạ.',
        'Bỏ qua 2 hồ sơ:',
        '  - HS-6: Hồ sơ đã kết thúc, giữ phiên bản cũ.',
        '  - HS-7: Hồ sơ theo quy trình "with-fee" phiên bản 1.',
      ].join('\n'),
    );
  });

  it('moves nothing while the mapping or the versions are wrong', () => {
    const wrong = planMigration(
      V1,
      { ...V2, version: 3 },
      { processing: 'examination', nowhere: 'review' },
      dossiers,
      T0,
    );
    expect(wrong.moves).toEqual([]);
    expect(wrong.problems).toEqual([
      { path: 'to.version', message: 'Chỉ chuyển từ phiên bản 1 sang 2.' },
      { path: 'mapping.processing', message: 'Phiên bản 3 không có bước "examination".' },
      { path: 'mapping.nowhere', message: 'Phiên bản 1 không có bước "nowhere".' },
    ]);
    expect(describeMigration(wrong)).toContain('Không thể chuyển:\n  - to.version: Chỉ chuyển từ phiên bản 1 sang 2.');
  });
});

describe('replay across a migration', () => {
  it('rebuilds a dossier that moved to version 2 halfway, then continued under it', () => {
    const before: HistoryEntry[] = [
      { kind: 'action', action: 'submit', actor: applicant, at: T0, input: {} },
      { kind: 'action', action: 'accept', actor: staff('one_stop_officer'), at: T0 + 1, input: {} },
    ];
    const { state: atV1 } = dossier('HS', [SUBMIT, ACCEPT]);
    const plan = planMigration(V1, V2, MAPPING, [{ id: 'HS', state: atV1 }], T0 + 2);
    const move = plan.moves[0]!;
    const after = applyAction(V2, move.state, 'propose', staff('specialist'), T0 + 3, { opinion: 'Đủ' });
    if (!after.ok) throw new Error(after.reason);
    expect(after.state.step).toBe('review');
    const history = {
      version: 1,
      opening: OPENING,
      entries: [
        ...before,
        move.entry,
        {
          kind: 'action' as const,
          action: 'propose',
          actor: staff('specialist'),
          at: T0 + 3,
          input: { opinion: 'Đủ' },
        },
      ],
    };
    expect(replay([V1, V2], history)).toEqual(after.state);
    expect(() => replay(V1, history)).toThrow('Thiếu quy trình phiên bản 2 để dựng lại hồ sơ.');
  });
});
