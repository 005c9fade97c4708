// The sets of one-stop forms (Forms 01–06), each in force from its effective date: today the set of Circular
// 01/2018/TT-VPCP; a later set (the Circular 03/2025 forms under Decree 118/2025) is one more entry of FORM_SETS
// with its names and renderers. A dossier's forms come from the set in force on the dossier's date, so that a
// dossier received under the old set keeps printing its forms as they were issued.
import { form01, form02, form03, form04, form05, form06 } from './forms.ts';

export const FORM_IDS = ['01', '02', '03', '04', '05', '06'] as const;
export type FormId = (typeof FORM_IDS)[number];

export interface FormRenderers {
  '01': typeof form01;
  '02': typeof form02;
  '03': typeof form03;
  '04': typeof form04;
  '05': typeof form05;
  '06': typeof form06;
}

export interface FormSet {
  /** A stable identifier of the set, e.g. `tt-01-2018-vpcp`. */
  code: string;
  /** The legal act that prescribes the forms. */
  basis: string;
  /** The first day (Vietnam, yyyy-mm-dd) the set is in force. */
  effectiveFrom: string;
  /** Each form's name as the act gives it. */
  names: Record<FormId, string>;
  render: FormRenderers;
}

export const CIRCULAR_01_2018: FormSet = {
  code: 'tt-01-2018-vpcp',
  basis: 'Thông tư 01/2018/TT-VPCP',
  // Signed 23/11/2018, in force 45 days later (?).
  effectiveFrom: '2019-01-08',
  names: {
    '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    '06': 'Sổ theo dõi hồ sơ',
  },
  render: { '01': form01, '02': form02, '03': form03, '04': form04, '05': form05, '06': form06 },
};

/** Every set, in any order. */
export const FORM_SETS: readonly FormSet[] = [CIRCULAR_01_2018];

/**
 * The set in force on `day` (Vietnam, yyyy-mm-dd): the one with the latest effective date not after it. A date
 * before every set (a dossier migrated from an older system) gets the earliest set rather than no form at all.
 */
export function formSetOn(day: string, sets: readonly FormSet[] = FORM_SETS): FormSet {
  const byDate = [...sets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const first = byDate[0];
  if (!first) throw new Error('no form set');
  return byDate.findLast((s) => s.effectiveFrom <= day) ?? first;
}
