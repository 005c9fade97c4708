import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRITERIA, isRatable, type Scores, scoreColumns, scoreErrors, scoresOf } from './rating.ts';

const level = fc.constantFrom(0, 1, 2);
const complete = fc.record({
  totalTime: level,
  agencyTime: level,
  agenciesContacted: level,
  contacts: level,
  attitude: level,
  feedback: fc.option(level, { nil: undefined }),
});

describe('Decree 61 rating', () => {
  it('accepts every combination of levels, with or without the feedback criterion, and keeps them', () => {
    fc.assert(
      fc.property(complete, (scores) => {
        expect(scoreErrors(scores)).toEqual([]);
        const back = scoresOf(scoreColumns(scores));
        for (const c of CRITERIA) expect(back[c.id]).toBe(scores[c.id] ?? null);
      }),
    );
  });

  it('names each required criterion left out, and only those', () => {
    fc.assert(
      fc.property(
        complete,
        fc.subarray(['totalTime', 'agencyTime', 'agenciesContacted', 'contacts', 'attitude']),
        (s, gone) => {
          const scores: Scores = { ...s };
          for (const id of gone) delete scores[id as keyof Scores];
          expect(scoreErrors(scores).map((e) => e.field)).toEqual(gone.map((id) => `criteria.${id}`));
        },
      ),
    );
  });

  it('refuses a level outside the scale, naming the criterion in Vietnamese', () => {
    fc.assert(
      fc.property(
        complete,
        fc.integer().filter((n) => n < 0 || n > 2),
        (scores, bad) => {
          const errors = scoreErrors({ ...scores, attitude: bad });
          expect(errors).toEqual([
            {
              field: 'criteria.attitude',
              message: 'Mức đánh giá "Tinh thần, thái độ phục vụ của cán bộ, công chức" phải là 0, 1 hoặc 2.',
            },
          ]);
        },
      ),
    );
    expect(scoreErrors({ totalTime: 1.5 } as Scores).map((e) => e.field)).toContain('criteria.totalTime');
  });

  it('refuses a criterion Decree 61 does not have', () => {
    const errors = scoreErrors({
      totalTime: 2,
      agencyTime: 2,
      agenciesContacted: 2,
      contacts: 2,
      attitude: 2,
      speed: 1,
    } as Scores);
    expect(errors).toEqual([{ field: 'criteria.speed', message: 'Không có tiêu chí đánh giá "speed".' }]);
  });

  it('is open once the result is returned or the dossier refused, not before and not after a withdrawal', () => {
    expect(['returned', 'refused'].filter(isRatable)).toEqual(['returned', 'refused']);
    expect(['draft', 'waiting_receipt', 'processing', 'resolved', 'withdrawn', 'cancelled'].filter(isRatable)).toEqual(
      [],
    );
  });
});
