import { useI18n } from '@/lib/i18n';
import { MELDEN_STEPS } from './melden-values';

/**
 * Where the user is in Melden: an ordered list of the steps, the current one marked with
 * aria-current="step"; done and current steps say so in words, not only by colour.
 */
export function StepIndicator({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <div className="melden-steps">
      <ol className="melden-steps__list" aria-label={t('melden.steps')}>
        {MELDEN_STEPS.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.key}
              className={`melden-steps__item melden-steps__item--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="melden-steps__number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="melden-steps__title">
                {t(step.title)}
                {state === 'done' ? <span className="visually-hidden"> {t('melden.stepDone')}</span> : null}
                {state === 'current' ? (
                  <span className="visually-hidden"> {t('melden.stepCurrent')}</span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
