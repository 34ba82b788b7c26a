import { useCallback, useRef, useState } from 'react';

/**
 * Which row's form is open (`'new'` for the create form), and the last saved message. Cancel
 * returns focus to the button that opened the form; a save shows the message (which takes focus).
 */
export function useEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((key: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setSaved(null);
    setEditing(key);
  }, []);
  const cancel = useCallback(() => {
    setEditing(null);
    const target = opener.current;
    // After the form is gone; the opener may be re-rendered but keeps its node.
    window.setTimeout(() => target?.focus(), 0);
  }, []);
  const done = useCallback((message: string) => {
    setEditing(null);
    setSaved(message);
  }, []);
  return { editing, saved, open, cancel, done };
}

export type Editing = ReturnType<typeof useEditing>;
