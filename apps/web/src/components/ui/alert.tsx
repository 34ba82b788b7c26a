import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A message box: errors are `role="alert"`, the rest `role="status"`. With `focus` it takes focus
 * when it appears (after an action whose button may be gone, so focus is not lost to the page).
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
      className={`alert alert--${type}`}
      role={type === 'error' ? 'alert' : 'status'}
      tabIndex={focus ? -1 : undefined}
    >
      {children}
    </div>
  );
}
