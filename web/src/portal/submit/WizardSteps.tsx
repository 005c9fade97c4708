// The wizard's steps as an ordered list: the current one marked for screen readers (aria-current="step"), the
// others links back once the draft exists. On a phone only the current step's name is shown with "2 / 4".
import { useI18n } from '../../i18n/index.tsx';

export const STEPS = ['noi-nop', 'to-khai', 'thanh-phan', 'xem-lai'] as const;
export type Step = (typeof STEPS)[number];

interface WizardStepsProps {
  current: Step;
  /** Whether the other steps can be opened (once the draft exists). */
  reachable: boolean;
  onGo(step: Step): void;
}

export function WizardSteps({ current, reachable, onGo }: WizardStepsProps) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={s.stepsLabel} className="wizard-steps">
      <p className="wizard-steps__phone" aria-hidden>
        {s.stepOf(at + 1, STEPS.length)}: <strong>{s.steps[current]}</strong>
      </p>
      <ol>
        {STEPS.map((step, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'next';
          const label = (
            <>
              <span className="wizard-steps__number" aria-hidden>
                {i + 1}
              </span>
              <span>{s.steps[step]}</span>
            </>
          );
          return (
            <li key={step} className={`wizard-steps__item wizard-steps__item--${state}`}>
              {i === at ? (
                <span aria-current="step">{label}</span>
              ) : reachable ? (
                <button type="button" className="link-button" onClick={() => onGo(step)}>
                  {label}
                </button>
              ) : (
                <span>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
