import { Heading } from '@nl-design-system-candidate/heading-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/**
 * The page's one h1, the NL Design System heading (`@nl-design-system-candidate/heading-react`).
 * After a client-side navigation to a page focus moves here, so screen reader
 * users hear the new page (on the very first load the browser starts at the top by itself). A
 * change of only the query or the hash (filters, search, an in-page link) keeps focus where it is.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key, pathname } = useLocation();
  const isFirstLoad = key === 'default';
  const shownPath = useRef<string | null>(null);

  useEffect(() => {
    const isMount = shownPath.current === null;
    const pathChanged = shownPath.current !== pathname;
    shownPath.current = pathname;
    if (isMount ? !isFirstLoad : pathChanged) ref.current?.focus({ preventScroll: false });
  }, [isFirstLoad, pathname]);

  return (
    <Heading level={1} ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Heading>
  );
}
