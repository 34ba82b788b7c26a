import { Button as UtrechtButton, type ButtonAppearance } from '@utrecht/button-react';
import type { ComponentProps } from 'react';

type ButtonProps = ComponentProps<'button'> & {
  variant?: 'primary' | 'secondary' | 'subtle';
  /** Shows `busyText` and blocks double submits while a request runs. */
  isBusy?: boolean;
  busyText?: string;
};

/** Our three looks on the NL Design System (Utrecht) button's three appearances. */
export const buttonAppearance: Record<NonNullable<ButtonProps['variant']>, ButtonAppearance> = {
  primary: 'primary-action-button',
  secondary: 'secondary-action-button',
  subtle: 'subtle-button',
};

/** The NL Design System button (`@utrecht/button-react`); `isBusy` also sets `aria-busy`. */
export function Button({
  variant = 'primary',
  isBusy = false,
  busyText,
  children,
  type = 'button',
  disabled,
  ...props
}: ButtonProps) {
  return (
    <UtrechtButton
      type={type}
      appearance={buttonAppearance[variant]}
      busy={isBusy}
      disabled={disabled || isBusy}
      {...props}
    >
      {isBusy && busyText ? busyText : children}
    </UtrechtButton>
  );
}
