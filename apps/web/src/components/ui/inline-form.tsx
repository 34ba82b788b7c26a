import { Heading, type HeadingLevel } from '@nl-design-system-candidate/heading-react';
import type { FormEventHandler, ReactNode, Ref } from 'react';

/**
 * A form that opens inside a page (an action on a case, an admin edit): a framed block named by its
 * own heading (the NL Design System heading at `level`, so the outline stays right wherever it
 * opens). Its fields and `FormActions` are the children. Without `title` it is a bare frame.
 */
export function InlineForm({
  id,
  title,
  level = 3,
  headingRef,
  onSubmit,
  className,
  children,
}: {
  /** The heading gets `${id}-title`, which names the form. */
  id: string;
  title?: ReactNode;
  level?: HeadingLevel;
  /** For a form that moves focus to its heading when it opens. */
  headingRef?: Ref<HTMLHeadingElement>;
  onSubmit: FormEventHandler<HTMLFormElement>;
  className?: string;
  children: ReactNode;
}) {
  const titleId = `${id}-title`;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className={['form', 'inline-form', className].filter(Boolean).join(' ')}
      aria-labelledby={title ? titleId : undefined}
    >
      {title ? (
        <Heading
          level={level}
          id={titleId}
          ref={headingRef}
          tabIndex={headingRef ? -1 : undefined}
          className="inline-form__title"
        >
          {title}
        </Heading>
      ) : null}
      {children}
    </form>
  );
}
