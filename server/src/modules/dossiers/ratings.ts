// The applicant rates how their dossier was handled, once, after its result was returned or it was refused
// (Decree 61 criteria, rating.ts). Kept per dossier with the resolving agency and the receiving unit, audited, and
// announced as `dossier.rated` for the reports.
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import type { DossierRatingTable } from '../../platform/db/schema.ts';
import { conflict, invalid } from '../../platform/http/problem.ts';
import { isRatable, type Scores, scoreColumns, scoreErrors, scoresOf } from './rating.ts';
import { type DossierRequester, readable } from './service.ts';

type ApplicantRequester = Extract<DossierRequester, { applicant: unknown }>;

export interface RatingInput {
  criteria: Scores;
  comment?: string;
}

export function ratingView(r: Selectable<DossierRatingTable>) {
  return {
    criteria: scoresOf(r),
    comment: r.comment,
    resolvingAgencyId: r.resolving_agency_id,
    ratedAt: new Date(r.rated_at).toISOString(),
  };
}

export async function rateDossier(ctx: AppContext, who: ApplicantRequester, dossierId: string, input: RatingInput) {
  const row = await readable(ctx, who, dossierId);
  const errors = scoreErrors(input.criteria);
  if (errors.length) throw invalid(errors, 'Đánh giá chưa hợp lệ.');
  if (!isRatable(row.status)) {
    throw conflict('Chỉ đánh giá được khi hồ sơ đã trả kết quả hoặc đã bị từ chối.');
  }
  const now = ctx.clock.now();
  const comment = input.comment?.trim() || null;
  return runChange(ctx, { actor: null, requestId: who.requestId }, async ({ trx, audit, publish }) => {
    // The primary key keeps it to one rating per dossier, also when two arrive at once.
    const stored = await trx
      .insertInto('dossier_rating')
      .values({
        dossier_id: row.id,
        applicant_id: who.applicant.accountId,
        resolving_agency_id: row.resolving_agency_id,
        receiving_unit_id: row.receiving_unit_id,
        procedure_code: row.procedure_code,
        ...scoreColumns(input.criteria),
        comment,
        rated_at: now,
      })
      .onConflict((oc) => oc.column('dossier_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!stored) throw conflict('Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.');
    const view = ratingView(stored);
    audit('dossier.rated', 'dossier', row.id, { code: row.code, applicant: who.applicant.accountId, ...view.criteria });
    await publish('dossier.rated', {
      dossierId: row.id,
      code: row.code,
      at: now.toISOString(),
      resolvingAgencyId: row.resolving_agency_id,
      receivingUnitId: row.receiving_unit_id,
      procedureCode: row.procedure_code,
      criteria: view.criteria,
    });
    return view;
  });
}
