import { z } from 'zod';
import type { FieldError, Problem } from '@doorbraak/domain';
import { getLanguage } from './i18n';

/** The CSRF cookie the api sets at login; its value goes back in `X-CSRF-Token` on every write. */
export const CSRF_COOKIE = 'doorbraak_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const fieldErrorSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
}) satisfies z.ZodType<FieldError>;

/** RFC 9457 problem details as the api sends them; lenient so an odd body still becomes an ApiError. */
const problemSchema = z.object({
  type: z.string().catch('about:blank'),
  title: z.string().catch(''),
  status: z.number().int().optional(),
  detail: z.string().optional().catch(undefined),
  instance: z.string().optional().catch(undefined),
  correlationId: z.string().optional().catch(undefined),
  errors: z.array(fieldErrorSchema).optional().catch(undefined),
});

/** An HTTP error answer from the api, with its problem details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? (problem.title || `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
  }

  get type(): string {
    return this.problem.type;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** The last path segment of the problem `type`: `…/conflict/reason-required` → `reason-required`. */
  get rule(): string {
    return this.problem.type.split('/').pop() ?? '';
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The api answered, but not with the shape its schema promises. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** JSON-encoded, except `FormData`, which goes as multipart/form-data. */
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const url = `/api${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText, status: response.status };
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return new ApiError(response.status, fallback);
  try {
    const parsed = problemSchema.safeParse(await response.json());
    if (!parsed.success) return new ApiError(response.status, fallback);
    return new ApiError(response.status, { ...parsed.data, status: parsed.data.status ?? response.status });
  } catch {
    return new ApiError(response.status, fallback);
  }
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLanguage(),
    ...options.headers,
  };
  const body =
    options.body instanceof FormData
      ? options.body
      : options.body === undefined
        ? undefined
        : JSON.stringify(options.body);
  // FormData sets its own multipart Content-Type with the boundary.
  if (typeof body === 'string') headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  const response = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Call the api and check the answer against a domain schema. */
async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new UnexpectedResponseError(`Unexpected response from ${options.method ?? 'GET'} ${path}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Call the api when the answer has no body (204). */
async function requestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request(path, schema, { ...options, method: 'GET' }),
  post: <S extends z.ZodType>(
    path: string,
    schema: S,
    body: unknown,
    options?: Omit<RequestOptions, 'method'>,
  ) => request(path, schema, { ...options, method: 'POST', body }),
  put: <S extends z.ZodType>(
    path: string,
    schema: S,
    body: unknown,
    options?: Omit<RequestOptions, 'method'>,
  ) => request(path, schema, { ...options, method: 'PUT', body }),
  postNoContent: (path: string, body?: unknown, options?: Omit<RequestOptions, 'method'>) =>
    requestNoContent(path, { ...options, method: 'POST', body }),
  patch: <S extends z.ZodType>(
    path: string,
    schema: S,
    body: unknown,
    options?: Omit<RequestOptions, 'method'>,
  ) => request(path, schema, { ...options, method: 'PATCH', body }),
  delete: (path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    requestNoContent(path, { ...options, method: 'DELETE' }),
};

/** `If-Match` for optimistic concurrency: the api's ETag is the quoted version. */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}
