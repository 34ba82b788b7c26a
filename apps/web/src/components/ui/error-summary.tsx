import { Heading } from '@nl-design-system-candidate/heading-react';
import { Link } from '@nl-design-system-candidate/link-react';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useI18n } from '@/lib/i18n';

export interface ErrorSummaryItem {
  /** The id of the field the message is about; the link moves focus there. */
  fieldId: string;
  message: string;
}

/**
 * The list of problems at the top of a form (NL Design System / GOV.UK pattern). It takes focus when
 * it appears or when `focusKey` changes (each failed submit), and each message links to its field.
 * Built from NL Design System parts: the error alert of `@utrecht/alert-css` (no React package is
 * installable), the NL heading and the NL link.
 */
export function ErrorSummary({ items, focusKey }: { items: ErrorSummaryItem[]; focusKey?: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const hasItems = items.length > 0;

  useEffect(() => {
    if (hasItems) ref.current?.focus();
  }, [hasItems, focusKey]);

  if (!hasItems) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView?.({ block: 'center' });
  };

  return (
    <div
      ref={ref}
      className="utrecht-alert utrecht-alert--error error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          <Heading level={2} appearance="level-3" id="error-summary-title" className="error-summary__title">
            {t('errorSummary.title')}
          </Heading>
          <ul className="error-summary__list">
            {items.map((item) => (
              <li key={`${item.fieldId}:${item.message}`}>
                <Link href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId)}>
                  {item.message}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
