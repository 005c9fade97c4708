// The applicant's evaluation of how their dossier was handled (Decree 61/2018 as amended by 107/2021; DOMAIN.md §4):
// total time against the legal limit, time at each agency, the agencies and the contacts needed, the staff's
// attitude and the handling of feedback, each on the scale very satisfied / satisfied / not satisfied. Reports
// (Decision 766/QĐ-TTg, the satisfaction group of the service-quality index) read the stored scores.
import type { FieldError } from '../../platform/http/problem.ts';
import type { MacroStatus } from '../workflow/definition.ts';

export const CRITERIA = [
  { id: 'totalTime', column: 'total_time', name: 'Tổng thời gian giải quyết so với thời gian quy định' },
  { id: 'agencyTime', column: 'agency_time', name: 'Thời gian giải quyết tại từng cơ quan, đơn vị' },
  { id: 'agenciesContacted', column: 'agencies_contacted', name: 'Số cơ quan, đơn vị phải liên hệ' },
  { id: 'contacts', column: 'contacts', name: 'Số lần phải liên hệ để hoàn thiện hồ sơ' },
  { id: 'attitude', column: 'attitude', name: 'Tinh thần, thái độ phục vụ của cán bộ, công chức' },
  // Only for an applicant who sent a feedback or petition (phản ánh, kiến nghị) about the dossier.
  {
    id: 'feedback',
    column: 'feedback',
    name: 'Việc tiếp nhận, xử lý ý kiến phản ánh, kiến nghị',
    optional: true,
  },
] as const;

export type CriterionId = (typeof CRITERIA)[number]['id'];
export type CriterionColumn = (typeof CRITERIA)[number]['column'];

/** The three levels, as points: what the satisfaction rate counts. */
export const SCALE = [
  { value: 2, name: 'Rất hài lòng' },
  { value: 1, name: 'Hài lòng' },
  { value: 0, name: 'Không hài lòng' },
] as const;

export type Scores = Partial<Record<CriterionId, number | null>>;

/** A dossier is rated once its handling is over for the applicant: the result returned, or the dossier refused. */
export const RATABLE_STATUSES: readonly MacroStatus[] = ['returned', 'refused'];

export const isRatable = (status: string) => (RATABLE_STATUSES as readonly string[]).includes(status);

/** What is wrong with the scores, each naming `criteria.<id>`; empty when every required criterion has a level. */
export function scoreErrors(scores: Scores): FieldError[] {
  const errors: FieldError[] = [];
  for (const c of CRITERIA) {
    const value = scores[c.id];
    const field = `criteria.${c.id}`;
    if (value === undefined || value === null) {
      if (!('optional' in c)) errors.push({ field, message: `Cần chọn mức đánh giá cho "${c.name}".` });
    } else if (!SCALE.some((level) => level.value === value)) {
      errors.push({ field, message: `Mức đánh giá "${c.name}" phải là 0, 1 hoặc 2.` });
    }
  }
  for (const key of Object.keys(scores)) {
    if (!CRITERIA.some((c) => c.id === key)) {
      errors.push({ field: `criteria.${key}`, message: `Không có tiêu chí đánh giá "${key}".` });
    }
  }
  return errors;
}

type OptionalColumn = Extract<(typeof CRITERIA)[number], { optional: true }>['column'];
export type ScoreColumns = Record<Exclude<CriterionColumn, OptionalColumn>, number> &
  Record<OptionalColumn, number | null>;

/** The table's columns for scores `scoreErrors` accepted; an optional criterion left out is null. */
export function scoreColumns(scores: Scores): ScoreColumns {
  return Object.fromEntries(CRITERIA.map((c) => [c.column, scores[c.id] ?? null])) as ScoreColumns;
}

/** Scores back from the table's columns. */
export function scoresOf(row: Record<CriterionColumn, number | null>): Record<CriterionId, number | null> {
  return Object.fromEntries(CRITERIA.map((c) => [c.id, row[c.column]])) as Record<CriterionId, number | null>;
}
