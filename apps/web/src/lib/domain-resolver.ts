import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { translateMessage, zodLocale, type Language } from '@doorbraak/domain';

/** Put an error at a dotted path (`contacts.0.email`) in react-hook-form's nested errors object. */
function setError(errors: Record<string, unknown>, path: string, error: FieldError): void {
  const keys = path.split('.');
  let node = errors;
  keys.slice(0, -1).forEach((key, index) => {
    const next = node[key];
    if (next === null || typeof next !== 'object') {
      node[key] = /^\d+$/.test(keys[index + 1] ?? '') ? [] : {};
    }
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] as string] = error;
}

/** A field-specific sentence for an issue (return undefined to keep the schema's message). */
export type DescribeIssue = (path: string, issue: z.core.$ZodIssue) => string | undefined;

/**
 * A react-hook-form resolver that validates with a libs/domain schema: the form keeps what the
 * user typed (strings), `toInput` turns it into the api's input, and the schema — the very one the
 * api validates with — judges it. Issues land on their path (`contacts.0.email`); messages are the
 * domain's, in the user's language, unless `describe` has a clearer one for that field.
 */
export function domainResolver<TValues extends FieldValues, TOutput>(
  schema: z.ZodType<TOutput>,
  toInput: (values: TValues) => unknown,
  language: Language,
  describe?: DescribeIssue,
): Resolver<TValues, unknown, TOutput> {
  return (values) => {
    const result = schema.safeParse(toInput(values), { error: zodLocale(language) });
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || 'root.server';
      if (seen.has(path)) continue;
      seen.add(path);
      const message = describe?.(path, issue) ?? translateMessage(issue.message, language);
      setError(errors, path, { type: issue.code, message });
    }
    return { values: {}, errors: errors as FieldErrors<TValues> };
  };
}
