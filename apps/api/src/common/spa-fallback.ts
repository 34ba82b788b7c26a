import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Serves the web app's index.html for browser navigations to client-side routes. */
export class SpaFallback {
  private readonly html: string;

  private constructor(html: string) {
    this.html = html;
  }

  static load(webDist: string): SpaFallback | null {
    const file = path.join(webDist, 'index.html');
    return existsSync(file) ? new SpaFallback(readFileSync(file, 'utf8')) : null;
  }

  handles(request: FastifyRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (request.url === '/api' || request.url.startsWith('/api/')) return false;
    if (/\.[a-z0-9]{1,8}(\?|$)/i.test(request.url)) return false; // a missing asset stays a 404
    return true;
  }

  send(reply: FastifyReply): void {
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(this.html);
  }
}
