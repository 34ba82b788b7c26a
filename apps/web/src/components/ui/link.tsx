import { Link as RouterLink, type LinkProps } from 'react-router';

export function Link({ className, ...props }: LinkProps) {
  return <RouterLink className={['link', className].filter(Boolean).join(' ')} {...props} />;
}

/** A link that looks like a button (for "Nieuw knelpunt melden" and the like). */
export function ButtonLink({
  className,
  variant = 'primary',
  ...props
}: LinkProps & { variant?: 'primary' | 'secondary' }) {
  return (
    <RouterLink
      className={['button', `button--${variant}`, className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}
