// Đánh giá (Decree 61/2018 as amended by 107/2021): once the result is returned (or the dossier refused), the
// applicant rates the handling on each criterion — very satisfied, satisfied, not satisfied — once. The criterion
// on feedback handling applies only to someone who sent feedback, which the portal does not take yet, so it is
// left out.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { ProblemError } from '../../api/client.ts';
import { type DossierDetail, dossierKey, type Rating, type RatingInput, rate } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

type Criterion = keyof RatingInput['criteria'];
/** The criteria asked of everyone, in the order of the Decree. */
const ASKED: readonly Criterion[] = ['totalTime', 'agencyTime', 'agenciesContacted', 'contacts', 'attitude'];
const LEVELS = [2, 1, 0] as const;

export function RatingSection({ dossier: x }: { dossier: DossierDetail }) {
  if (x.rating) return <RatingGiven rating={x.rating} />;
  if (!x.ratable) return null;
  return <RatingForm dossierId={x.id} />;
}

function RatingGiven({ rating }: { rating: Rating }) {
  const { t } = useI18n();
  const r = t.portal.rating;
  return (
    <section className="panel" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{r.title}</h2>
      <p>{r.thanks(t.portal.date(rating.ratedAt))}</p>
      <dl className="facts">
        {ASKED.map((c) => (
          <div key={c}>
            <dt>{r.criteria[c]}</dt>
            <dd>{r.levels[rating.criteria[c] as 0 | 1 | 2]}</dd>
          </div>
        ))}
      </dl>
      {rating.comment && <p className="pre-line">{rating.comment}</p>}
    </section>
  );
}

function RatingForm({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const r = t.portal.rating;
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<Partial<Record<Criterion, number>>>({});
  const [comment, setComment] = useState('');
  const [checked, setChecked] = useState(false);
  const commentId = useId();
  const send = useMutation({
    mutationFn: () =>
      rate(dossierId, {
        criteria: scores as RatingInput['criteria'],
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossierKey(dossierId) }),
  });
  const serverError = (c: Criterion) =>
    send.error instanceof ProblemError
      ? send.error.errors.find((e) => e.field === `criteria.${c}`)?.message
      : undefined;
  const missing = ASKED.filter((c) => scores[c] === undefined);

  return (
    <section className="panel" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{r.title}</h2>
      <p>{r.lead}</p>
      {ASKED.map((c) => {
        const error = (checked && scores[c] === undefined ? r.missing : undefined) ?? serverError(c);
        return (
          <fieldset key={c} className="rating__criterion" aria-describedby={error ? `rating-${c}-error` : undefined}>
            <legend>{r.criteria[c]}</legend>
            <div className="rating__levels">
              {LEVELS.map((level) => (
                <label key={level} className={`rating__level${scores[c] === level ? ' rating__level--chosen' : ''}`}>
                  <input
                    type="radio"
                    name={`rating-${c}`}
                    value={level}
                    checked={scores[c] === level}
                    onChange={() => setScores((s) => ({ ...s, [c]: level }))}
                  />
                  {r.levels[level]}
                </label>
              ))}
            </div>
            {error && (
              <p id={`rating-${c}-error`} className="field-error">
                {error}
              </p>
            )}
          </fieldset>
        );
      })}
      <label htmlFor={commentId} className="field-label">
        {r.comment}
      </label>
      <Input.TextArea
        id={commentId}
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {checked && missing.length > 0 && (
        <Alert type="error" showIcon role="alert" title={r.incomplete} className="block-top" />
      )}
      {send.isError && <ProblemAlert error={send.error} />}
      <div className="wizard__actions">
        <Button
          type="primary"
          size="large"
          loading={send.isPending}
          onClick={() => {
            setChecked(true);
            if (missing.length === 0 && !send.isPending) send.mutate();
          }}
        >
          {r.send}
        </Button>
      </div>
    </section>
  );
}
