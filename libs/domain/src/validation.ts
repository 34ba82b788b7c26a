import type { z } from 'zod';
import { type Language, translateMessage, zodLocale } from './i18n';

export interface FieldError {
  /** Dotted path of the field, e.g. `homes.total`; empty for the whole input. */
  field: string;
  code: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validate input with a domain schema; messages in the given language. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  language: Language = 'nl',
): ValidationResult<z.output<S>> {
  const result = schema.safeParse(input, { error: zodLocale(language) });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      code: issue.code,
      message: translateMessage(issue.message, language),
    })),
  };
}
