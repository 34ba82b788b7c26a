import { Link as NlLink } from '@nl-design-system-candidate/link-react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useHref, useLinkClickHandler, type LinkProps } from 'react-router';

/**
 * What React Router's own `<Link>` does, for an NL Design System anchor: the `href` for `to`, and a
 * click handler that navigates on the client (a modified click, `target` or `reloadDocument` is
 * left to the browser). Framework-mode props (`discover`, `prefetch`) do not apply here.
 */
function useRouterAnchor({
  to,
  replace,
  state,
  preventScrollReset,
  relative,
  viewTransition,
  reloadDocument,
  discover,
  prefetch,
  onClick,
  ...anchorProps
}: LinkProps): AnchorHTMLAttributes<HTMLAnchorElement> & { href: string } {
  void discover;
  void prefetch;
  const href = useHref(to, { relative });
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to, {
    replace,
    // The router types `state` as `any`; it is handed on untouched.
    state: state as unknown,
    target: anchorProps.target,
    preventScrollReset,
    relative,
    viewTransition,
  });
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented && !reloadDocument) navigate(event);
  };
  return { ...anchorProps, href, onClick: handleClick };
}

/**
 * A link inside the app: the NL Design System link (`@nl-design-system-candidate/link-react`) with
 * the router's `<Link to>` API. `aria-current` becomes the NL link's `current`, which also styles it.
 */
export function Link(props: LinkProps) {
  const { 'aria-current': current, ...anchorProps } = useRouterAnchor(props);
  return <NlLink current={current} {...anchorProps} />;
}

/**
 * A link that looks like a button (for "Nieuw knelpunt melden" and the like): the NL Design System
 * button link. It has no React package of its own, so these are the class names of
 * `@utrecht/button-link-css`.
 */
export function ButtonLink({
  className,
  variant = 'primary',
  ...props
}: LinkProps & { variant?: 'primary' | 'secondary' }) {
  const anchorProps = useRouterAnchor(props);
  return (
    <a
      {...anchorProps}
      className={[
        'utrecht-button-link',
        'utrecht-button-link--html-a',
        `utrecht-button-link--${variant}-action`,
        className,
      ]
        .filter(Boolean)
        .join(' ')}
    />
  );
}
