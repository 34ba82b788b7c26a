import type { Language } from '@doorbraak/domain';
import { isApiError } from '@/lib/api-client';
import { describeRequestError } from '@/lib/form-errors';
import type { Translate } from '@/lib/i18n';
import { transitionRuleMessage } from './labels';

/**
 * A sentence for a refused action on a case: a 409 that names a transition rule gets the domain's
 * message for that rule; a stale version (412) says the case changed; the rest as usual.
 */
export function describeCaseActionError(error: unknown, t: Translate, language: Language): string {
  if (isApiError(error, 409)) {
    return transitionRuleMessage(error.rule, language) ?? describeRequestError(error, t);
  }
  if (isApiError(error, 412)) return t('case.error.stale');
  if (isApiError(error, 403)) return error.problem.detail ?? t('case.error.forbidden');
  return describeRequestError(error, t);
}
