import { type FieldError, PROBLEM_TYPES } from '@doorbraak/domain';

/** A domain or request error that the global filter renders as application/problem+json. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers (e.g. Retry-After on 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemException';
  }

  /** 429 with Retry-After (seconds). */
  static tooManyRequests(detail: string, retryAfterSeconds: number): ProblemException {
    return new ProblemException(429, PROBLEM_TYPES.tooManyRequests, 'Te veel verzoeken', detail, undefined, {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }

  static validation(errors: FieldError[], detail = 'De invoer is ongeldig.'): ProblemException {
    return new ProblemException(400, PROBLEM_TYPES.validation, 'Ongeldige invoer', detail, errors);
  }

  static notFound(detail = 'Niet gevonden.'): ProblemException {
    return new ProblemException(404, PROBLEM_TYPES.notFound, 'Niet gevonden', detail);
  }

  static forbidden(detail: string): ProblemException {
    return new ProblemException(403, PROBLEM_TYPES.forbidden, 'Geen toegang', detail);
  }

  static unauthenticated(detail = 'Log in om verder te gaan.'): ProblemException {
    return new ProblemException(401, PROBLEM_TYPES.unauthenticated, 'Niet ingelogd', detail);
  }
}
