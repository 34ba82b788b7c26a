import { vi } from 'vitest';

/**
 * A fetch stub at the network boundary: each handler answers one method + path; anything else is
 * a 501 and shows up in `unhandled`, so a test notices calls it did not expect.
 */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** An empty answer (204 No Content). */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, type: 'about:blank', title: 'Error', ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function mockApi(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const unhandled: string[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
    const method = (init.method ?? 'GET').toUpperCase();
    const body =
      typeof init.body === 'string'
        ? (JSON.parse(init.body) as unknown)
        : init.body instanceof FormData
          ? init.body
          : undefined;
    const request: RecordedRequest = { method, url, headers: new Headers(init.headers), body };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) {
      unhandled.push(`${method} ${url.pathname}`);
      return problem(501, { title: `No handler for ${method} ${url.pathname}` });
    }
    return handler(request);
  });

  vi.stubGlobal('fetch', fetchMock);

  return {
    requests,
    unhandled,
    /** Requests to one method + path. */
    calls: (method: string, pathname: string) =>
      requests.filter((r) => r.method === method && r.url.pathname === pathname),
  };
}
