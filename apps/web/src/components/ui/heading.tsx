import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/**
 * The page's one h1. After a client-side navigation focus moves here, so screen reader users hear
 * the new page (on the very first load the browser starts at the top by itself).
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key, pathname } = useLocation();
  const isFirstLoad = key === 'default';

  useEffect(() => {
    if (!isFirstLoad) ref.current?.focus({ preventScroll: false });
  }, [isFirstLoad, pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
