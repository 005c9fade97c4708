// The workflows the demo procedures run with (version 1 of each). Step times are demo values; the legal total is
// the procedure's processing time in the catalogue. Department codes are those of the demo organisation
// (TNTKQ: Bộ phận Tiếp nhận và Trả kết quả; VP: Văn phòng) and are looked up at the acting agency.

import type { Role } from '../../platform/auth/roles.ts';
import type { ActionDefinition, Requirement, StepDefinition, StepTime, WorkflowDefinition } from './definition.ts';

const days = (amount: number): StepTime => ({ unit: 'working_days', amount });
const hours = (amount: number): StepTime => ({ unit: 'working_hours', amount });

// Decree 61: a dossier completed after a request to supplement during processing counts from zero again (?).
const settings = { supplementClock: 'restart' } as const;

const RECEIVE_EFFECTS = ['clock.start', 'code.assign', 'appointment.set', 'notify.applicant'] as const;

const draft: StepDefinition = {
  id: 'draft',
  name: 'Soạn hồ sơ',
  status: 'draft',
  actions: [
    // The desk officer submits on the applicant's behalf for a dossier brought in person or by post.
    {
      id: 'submit',
      name: 'Nộp hồ sơ',
      to: 'reception',
      by: ['applicant', 'one_stop_officer'],
      effects: ['notify.applicant'],
    },
  ],
};

const refusal = (name: string, by: Role[]): ActionDefinition => ({
  id: 'refuse',
  name,
  to: 'refused',
  by,
  requires: ['reason'],
  effects: ['notify.applicant'],
});

const forward = (
  id: string,
  name: string,
  to: string,
  by: Role,
  requires: Requirement[] = ['opinion'],
): ActionDefinition => ({
  id,
  name,
  to,
  by: [by],
  requires,
});

/** The desk checks the components: accept (Form 01), ask for a supplement (Form 02) or refuse (Form 03). */
function reception(name: string, actions: ActionDefinition[]): StepDefinition {
  return {
    id: 'reception',
    name,
    status: 'waiting_receipt',
    role: 'one_stop_officer',
    department: 'TNTKQ',
    timeAllowed: hours(4),
    allows: ['supplement'],
    actions: [...actions, refusal('Từ chối tiếp nhận (Mẫu 03)', ['one_stop_officer'])],
  };
}

const accept = (to: string, more: Partial<ActionDefinition> = {}): ActionDefinition => ({
  id: 'accept',
  name: 'Tiếp nhận hồ sơ (Mẫu 01)',
  to,
  by: ['one_stop_officer'],
  effects: [...RECEIVE_EFFECTS],
  ...more,
});

const resultAtDesk: StepDefinition = {
  id: 'result',
  name: 'Trả kết quả',
  status: 'resolved',
  role: 'one_stop_officer',
  department: 'TNTKQ',
  actions: [
    // An electronic result is returned by the system when the applicant downloads it.
    {
      id: 'return_result',
      name: 'Trả kết quả cho người nộp',
      to: 'returned',
      by: ['one_stop_officer', 'system'],
      requires: ['delivery'],
      effects: ['notify.applicant'],
    },
  ],
};

const ends: StepDefinition[] = [
  { id: 'returned', name: 'Đã trả kết quả', status: 'returned', terminal: true, actions: [] },
  { id: 'refused', name: 'Từ chối giải quyết', status: 'refused', terminal: true, actions: [] },
];

const INTERRUPTIONS = ['supplement', 'suspend', 'hand_off'] as const;

/**
 * The specialist examines and proposes, the department head reviews and sends the result up for the leader's
 * signature: the middle of every department-level workflow. `proposal` names the specialist's step, `toLeader`
 * the head's action.
 */
/**
 * The resolving agency's leader signs and the dossier goes back to the unit that received it, with the result or
 * with a refusal: the applicant deals with the receiving unit (liên thông, Decree 118 centres).
 */
const signingAndHandBack = (step: {
  id: string;
  name: string;
  sign: string;
  sendBack: [name: string, to: string];
}): StepDefinition => ({
  id: step.id,
  name: step.name,
  status: 'processing',
  role: 'agency_leader',
  timeAllowed: days(1),
  allows: ['suspend'],
  actions: [
    {
      id: 'sign',
      name: step.sign,
      to: 'result',
      by: ['agency_leader'],
      requires: ['signature'],
      effects: ['agency.takeBack', 'notify.applicant'],
    },
    forward('send_back', step.sendBack[0], step.sendBack[1], 'agency_leader'),
    { ...refusal('Từ chối giải quyết (Mẫu 03)', ['agency_leader']), effects: ['agency.takeBack', 'notify.applicant'] },
  ],
});

const specialistAndHead = (proposal: string, toLeader: string): StepDefinition[] => [
  {
    id: 'processing',
    name: proposal,
    status: 'processing',
    role: 'specialist',
    timeAllowed: days(5),
    allows: [...INTERRUPTIONS],
    actions: [forward('propose', 'Trình lãnh đạo phòng', 'review', 'specialist', ['opinion', 'documents'])],
  },
  {
    id: 'review',
    name: 'Lãnh đạo phòng xem xét',
    status: 'processing',
    role: 'department_head',
    timeAllowed: days(2),
    allows: ['suspend'],
    actions: [
      { ...forward('approve', toLeader, 'signing', 'department_head'), effects: ['result.require_signature'] },
      forward('send_back', 'Trả lại chuyên viên', 'processing', 'department_head'),
    ],
  },
];

/** (a) Settled on the spot at a commune desk: certification of copies, signatures (chứng thực). */
export const COMMUNE_ON_THE_SPOT: WorkflowDefinition = {
  code: 'commune-on-the-spot',
  version: 1,
  name: 'Giải quyết ngay tại bộ phận một cửa cấp xã',
  description: 'Chứng thực bản sao, chữ ký: tiếp nhận, ký chứng thực và trả ngay; không cần Mẫu 01 nhưng vẫn ghi sổ.',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Tiếp nhận và chứng thực', [
      {
        id: 'certify',
        name: 'Chứng thực và trả kết quả ngay',
        to: 'returned',
        by: ['one_stop_officer'],
        requires: ['signature', 'delivery'],
        effects: ['code.assign', 'notify.applicant'],
      },
    ]),
    ...ends,
  ],
};

/** (b) Commune: desk → specialist → the chairman signs → desk returns. */
export const COMMUNE_STANDARD: WorkflowDefinition = {
  code: 'commune-standard',
  version: 1,
  name: 'Quy trình cấp xã: một cửa → công chức chuyên môn → Chủ tịch ký → trả kết quả',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Tiếp nhận hồ sơ', [accept('processing')]),
    {
      id: 'processing',
      name: 'Công chức chuyên môn thụ lý',
      status: 'processing',
      role: 'specialist',
      timeAllowed: days(2),
      allows: [...INTERRUPTIONS],
      actions: [
        {
          ...forward('propose', 'Trình Chủ tịch ký', 'signing', 'specialist', ['opinion', 'documents']),
          effects: ['result.require_signature'],
        },
      ],
    },
    {
      id: 'signing',
      name: 'Chủ tịch UBND xã ký',
      status: 'processing',
      role: 'agency_leader',
      timeAllowed: days(1),
      allows: ['suspend'],
      actions: [
        {
          id: 'sign',
          name: 'Ký duyệt kết quả',
          to: 'result',
          by: ['agency_leader'],
          requires: ['signature'],
          effects: ['notify.applicant'],
        },
        forward('send_back', 'Trả lại công chức thụ lý', 'processing', 'agency_leader'),
        refusal('Từ chối giải quyết (Mẫu 03)', ['agency_leader']),
      ],
    },
    resultAtDesk,
    ...ends,
  ],
};

/** (c) A department of the province: desk → specialist → department head → director signs → clerk issues → desk. */
export const DEPARTMENT_STANDARD: WorkflowDefinition = {
  code: 'department-standard',
  version: 1,
  name: 'Quy trình cấp sở: một cửa → chuyên viên → lãnh đạo phòng → lãnh đạo sở ký → văn thư → trả kết quả',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Tiếp nhận hồ sơ', [accept('processing')]),
    ...specialistAndHead('Chuyên viên thụ lý', 'Trình lãnh đạo sở ký'),
    {
      id: 'signing',
      name: 'Lãnh đạo sở ký',
      status: 'processing',
      role: 'agency_leader',
      timeAllowed: days(1),
      allows: ['suspend'],
      actions: [
        { id: 'sign', name: 'Ký duyệt kết quả', to: 'issuing', by: ['agency_leader'], requires: ['signature'] },
        forward('send_back', 'Trả lại lãnh đạo phòng', 'review', 'agency_leader'),
        refusal('Từ chối giải quyết (Mẫu 03)', ['agency_leader']),
      ],
    },
    {
      id: 'issuing',
      name: 'Văn thư vào số, đóng dấu, phát hành',
      status: 'processing',
      role: 'clerk',
      department: 'VP',
      timeAllowed: hours(4),
      actions: [
        {
          id: 'issue',
          name: 'Phát hành kết quả, chuyển một cửa',
          to: 'result',
          by: ['clerk'],
          requires: ['documents'],
          effects: ['notify.applicant'],
        },
      ],
    },
    resultAtDesk,
    ...ends,
  ],
};

/** (d) Across levels (liên thông): the commune receives, the district resolves, the commune returns. */
export const COMMUNE_TO_DISTRICT: WorkflowDefinition = {
  code: 'commune-to-district',
  version: 1,
  name: 'Liên thông xã – huyện: xã tiếp nhận, huyện giải quyết, xã trả kết quả',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Một cửa xã tiếp nhận', [
      accept('district_reception', {
        name: 'Tiếp nhận (Mẫu 01), chuyển huyện giải quyết',
        effects: [...RECEIVE_EFFECTS, 'agency.handOff'],
      }),
    ]),
    {
      id: 'district_reception',
      name: 'Một cửa huyện nhận hồ sơ liên thông',
      status: 'processing',
      role: 'one_stop_officer',
      department: 'TNTKQ',
      timeAllowed: hours(4),
      actions: [forward('dispatch', 'Chuyển phòng chuyên môn thụ lý', 'district_processing', 'one_stop_officer', [])],
    },
    {
      id: 'district_processing',
      name: 'Chuyên viên phòng chuyên môn huyện thụ lý',
      status: 'processing',
      role: 'specialist',
      timeAllowed: days(3),
      allows: [...INTERRUPTIONS],
      actions: [
        {
          ...forward('propose', 'Trình lãnh đạo UBND huyện ký', 'district_signing', 'specialist', [
            'opinion',
            'documents',
          ]),
          effects: ['result.require_signature'],
        },
      ],
    },
    signingAndHandBack({
      id: 'district_signing',
      name: 'Lãnh đạo UBND huyện ký',
      sign: 'Ký và chuyển kết quả về xã',
      sendBack: ['Trả lại chuyên viên', 'district_processing'],
    }),
    { ...resultAtDesk, name: 'Một cửa xã trả kết quả' },
    ...ends,
  ],
};

/** (e) With a fee or charge to pay before the result is handed over. */
export const WITH_FEE: WorkflowDefinition = {
  code: 'with-fee',
  version: 1,
  name: 'Quy trình có thu phí, lệ phí trước khi trả kết quả',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Tiếp nhận hồ sơ', [accept('processing')]),
    {
      id: 'processing',
      name: 'Chuyên viên thụ lý',
      status: 'processing',
      role: 'specialist',
      timeAllowed: days(3),
      allows: [...INTERRUPTIONS],
      actions: [
        {
          ...forward('propose', 'Trình lãnh đạo ký', 'signing', 'specialist', ['opinion', 'documents']),
          effects: ['result.require_signature'],
        },
      ],
    },
    {
      id: 'signing',
      name: 'Lãnh đạo ký',
      status: 'processing',
      role: 'agency_leader',
      timeAllowed: days(1),
      allows: ['suspend'],
      actions: [
        {
          id: 'sign',
          name: 'Ký duyệt, yêu cầu nộp phí',
          to: 'payment',
          by: ['agency_leader'],
          requires: ['signature'],
          // Time spent waiting for the applicant to pay does not count against the agency.
          effects: ['payment.require', 'clock.pause', 'notify.applicant'],
        },
        forward('send_back', 'Trả lại chuyên viên', 'processing', 'agency_leader'),
        refusal('Từ chối giải quyết (Mẫu 03)', ['agency_leader']),
      ],
    },
    {
      id: 'payment',
      name: 'Chờ nộp phí, lệ phí',
      status: 'waiting_payment',
      role: 'one_stop_officer',
      department: 'TNTKQ',
      actions: [
        // The payment platform confirms online payments; the desk records payments in cash.
        {
          id: 'confirm_payment',
          name: 'Xác nhận đã nộp phí, lệ phí',
          to: 'result',
          by: ['system', 'one_stop_officer'],
          requires: ['payment'],
          effects: ['clock.resume', 'notify.applicant'],
        },
      ],
    },
    resultAtDesk,
    ...ends,
  ],
};

/**
 * (f) Decree 118/2025: a Public Administrative Service Centre receives regardless of administrative boundary, the
 * competent agency resolves, the centre returns. The dossier records both; its code carries the centre.
 */
export const SERVICE_CENTRE: WorkflowDefinition = {
  code: 'service-centre',
  version: 1,
  name: 'Trung tâm Phục vụ hành chính công tiếp nhận, cơ quan có thẩm quyền giải quyết (Nghị định 118/2025)',
  start: 'draft',
  settings,
  steps: [
    draft,
    reception('Trung tâm Phục vụ hành chính công tiếp nhận', [
      accept('processing', {
        name: 'Tiếp nhận (Mẫu 01), chuyển cơ quan giải quyết',
        effects: [...RECEIVE_EFFECTS, 'agency.handOff'],
      }),
    ]),
    ...specialistAndHead('Chuyên viên cơ quan giải quyết thụ lý', 'Trình lãnh đạo cơ quan ký'),
    signingAndHandBack({
      id: 'signing',
      name: 'Lãnh đạo cơ quan giải quyết ký',
      sign: 'Ký và chuyển kết quả về Trung tâm',
      sendBack: ['Trả lại lãnh đạo phòng', 'review'],
    }),
    { ...resultAtDesk, name: 'Trung tâm trả kết quả' },
    ...ends,
  ],
};

export const SEEDED_WORKFLOWS: readonly WorkflowDefinition[] = [
  COMMUNE_ON_THE_SPOT,
  COMMUNE_STANDARD,
  DEPARTMENT_STANDARD,
  COMMUNE_TO_DISTRICT,
  WITH_FEE,
  SERVICE_CENTRE,
];
