import type { FieldError } from './validation';

/** Problem types (RFC 9457 `type`), shared by api and web. */
export const PROBLEM_TYPES = {
  validation: 'https://doorbraak.nl/problems/validation',
  malformedRequest: 'https://doorbraak.nl/problems/malformed-request',
  unauthenticated: 'https://doorbraak.nl/problems/unauthenticated',
  invalidCredentials: 'https://doorbraak.nl/problems/invalid-credentials',
  forbidden: 'https://doorbraak.nl/problems/forbidden',
  notFound: 'https://doorbraak.nl/problems/not-found',
  conflict: 'https://doorbraak.nl/problems/conflict',
  preconditionFailed: 'https://doorbraak.nl/problems/precondition-failed',
  preconditionRequired: 'https://doorbraak.nl/problems/precondition-required',
  payloadTooLarge: 'https://doorbraak.nl/problems/payload-too-large',
  unsupportedMediaType: 'https://doorbraak.nl/problems/unsupported-media-type',
  tooManyRequests: 'https://doorbraak.nl/problems/too-many-requests',
  unavailable: 'https://doorbraak.nl/problems/unavailable',
  linkExpired: 'https://doorbraak.nl/problems/link-expired',
  linkRevoked: 'https://doorbraak.nl/problems/link-revoked',
  /** A single-use action link that was already answered (a replay): 409. */
  linkUsed: 'https://doorbraak.nl/problems/link-used',
  oidcFailed: 'https://doorbraak.nl/problems/oidc-failed',
  internal: 'https://doorbraak.nl/problems/internal',
} as const;
export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}
