import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A message box: errors are `role="alert"`, the rest `role="status"`. With `focus` it takes focus
 * when it appears (after an action whose button may be gone, so focus is not lost to the page).
 *
 * The NL Design System alert. There is no installable React package for it (only the umbrella
 * `@utrecht/component-library-react` has one), so this is the markup and the class names of
 * `@utrecht/alert-css`. Without an icon the content sits in the alert itself (so the element that
 * takes focus is the one holding the text), as one block of flowing text (`.alert` in theme.css).
 */
export function Alert({
  type = 'error',
  focus = false,
  children,
}: {
  type?: 'error' | 'info';
  focus?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  return (
    <div
      ref={ref}
      className={`utrecht-alert utrecht-alert--${type} alert`}
      role={type === 'error' ? 'alert' : 'status'}
      tabIndex={focus ? -1 : undefined}
    >
      {children}
    </div>
  );
}
