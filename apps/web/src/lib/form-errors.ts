import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api-client';
import type { Translate } from './i18n';

/**
 * Put the api's field errors (problem+json `errors[]`) on the form's fields. `errors[].field` is a
 * dotted path such as `knelpuntTypes.0`; the first segment names the field. Errors for unknown or
 * empty fields go on `root.server`. Returns whether the error was a validation answer.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): boolean {
  if (!isApiError(error, 400) || error.fieldErrors.length === 0) return false;
  const general: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.field.split('.')[0] as Path<T>;
    if (fields.includes(name)) setError(name, { type: 'server', message: fieldError.message });
    else general.push(fieldError.message);
  }
  if (general.length > 0) setError('root.server', { type: 'server', message: general.join(' ') });
  return true;
}

/** A sentence for an error that is not about one field. */
export function describeRequestError(error: unknown, t: Translate): string {
  if (isApiError(error)) {
    if (error.status === 429) return t('app.error.tooMany');
    return error.problem.detail ?? error.problem.title ?? t('app.error.body');
  }
  if (error instanceof TypeError) return t('app.error.network');
  return t('app.error.body');
}
