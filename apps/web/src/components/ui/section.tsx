import { Heading } from '@nl-design-system-candidate/heading-react';
import type { ReactNode } from 'react';

/**
 * A part of a page with its own h2 (the NL Design System heading), named by that heading (so it is
 * a landmark region).
 */
export function Section({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className={['section', className].filter(Boolean).join(' ')}
    >
      <Heading level={2} id={`${id}-title`} className="section__title">
        {title}
      </Heading>
      {children}
    </section>
  );
}
