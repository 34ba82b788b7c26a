import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';

/**
 * A button that shows and hides a panel (a form, mostly). Opening moves focus to the first field
 * in the panel; closing (by the button or `close()`) moves it back to the button.
 */
export function Disclosure({
  label,
  variant = 'secondary',
  children,
}: {
  label: string;
  variant?: 'primary' | 'secondary' | 'subtle';
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const previous = useRef(open);

  useEffect(() => {
    if (previous.current === open) return;
    previous.current = open;
    if (open) {
      panelRef.current
        ?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')
        ?.focus();
    } else {
      buttonRef.current?.focus();
    }
  }, [open]);

  return (
    <div className="disclosure">
      <Button
        ref={buttonRef}
        variant={variant}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </Button>
      <div id={panelId} ref={panelRef} hidden={!open} className="disclosure__panel">
        {open ? children(() => setOpen(false)) : null}
      </div>
    </div>
  );
}
