import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { draftStorageKey } from '@/lib/drafts';
import { LAST_STEP, meldenValuesSchema, type MeldenValues } from './melden-values';

/**
 * The Melden draft in localStorage, one per user (`doorbraak.draft.melden.<userId>`, cleared at logout): the values
 * and the step, written on every change once something differs from the empty form. Files are not
 * kept (a File cannot be stored); the attachments step says so.
 */
const draftSchema = z.object({
  version: z.literal(1),
  step: z.number().int().min(0).max(LAST_STEP),
  values: meldenValuesSchema,
});
type Draft = z.infer<typeof draftSchema>;

export function draftKey(userId: string): string {
  return draftStorageKey('melden', userId);
}

function read(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(key: string, draft: Draft | null): void {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

const same = (a: MeldenValues, b: MeldenValues) => JSON.stringify(a) === JSON.stringify(b);

export function useMeldenDraft(userId: string, empty: MeldenValues) {
  const key = draftKey(userId);
  const [initial] = useState(() => read(key));
  const [values, setValues] = useState<MeldenValues>(() => initial?.values ?? empty);
  const [step, setStep] = useState(() => initial?.step ?? 0);
  const emptyRef = useRef(empty);
  /** Cleared after a submit: nothing may write the draft back afterwards. */
  const finished = useRef(false);

  useEffect(() => {
    if (finished.current) return;
    const untouched = step === 0 && same(values, emptyRef.current);
    write(key, untouched ? null : { version: 1, step, values });
  }, [key, step, values]);

  /** Forget the draft and start over (Concept verwijderen). */
  const discard = useCallback(() => {
    write(key, null);
    setValues(emptyRef.current);
    setStep(0);
  }, [key]);

  /** The case was created: remove the draft for good. */
  const clear = useCallback(() => {
    finished.current = true;
    write(key, null);
  }, [key]);

  return { values, setValues, step, setStep, restored: initial !== null, discard, clear };
}
