import type { ComponentProps } from 'react';

type ButtonProps = ComponentProps<'button'> & {
  variant?: 'primary' | 'secondary' | 'subtle';
  /** Shows `busyText` and blocks double submits while a request runs. */
  isBusy?: boolean;
  busyText?: string;
};

export function Button({
  variant = 'primary',
  isBusy = false,
  busyText,
  className,
  children,
  type = 'button',
  disabled,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={['button', `button--${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || isBusy}
      {...props}
    >
      {isBusy && busyText ? busyText : children}
    </button>
  );
}
