import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem.exception';
import { toProblem } from '../common/problem.filter';
import type { AppConfig } from '../config/config';
import { SESSION_COOKIE } from '../modules/identity/cookies';
import { SessionsService } from '../modules/identity/sessions.service';
import { MAIL_QUEUE, MAINTENANCE_QUEUE } from './queue.constants';

export const BULL_BOARD_PATH = '/api/admin/queues';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull Board (queues, jobs, retry/clean) at /api/admin/queues, for admins only. It is a Fastify
 * plugin outside Nest's guards, so an onRequest hook resolves the session cookie itself: anyone
 * but a signed-in admin gets 404, as if it did not exist. Its state-changing calls (retry, clean,
 * promote) must come from the app's own origin (Bull Board's UI sends no CSRF header; the session
 * cookie is SameSite=Lax, and the Origin/Sec-Fetch-Site check closes the rest).
 */
export async function registerBullBoard(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const sessions = app.get(SessionsService);
  const queues = [MAIL_QUEUE, MAINTENANCE_QUEUE].map((name) => app.get<Queue>(getQueueToken(name)));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/fastify pins its own copy of @bull-board/api (a patch version apart): same shape, other declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Doorbraak queues' } },
  });
  const publicOrigin = new URL(config.http.publicUrl).origin;

  const refuse = (request: FastifyRequest, reply: FastifyReply, error: ProblemException) =>
    reply
      .code(error.status)
      .type('application/problem+json')
      .send(toProblem(error, String(request.id), request.url));

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies?.[SESSION_COOKIE];
      const session = token ? await sessions.resolve(token) : null;
      if (session?.actor.role !== 'admin') return refuse(request, reply, ProblemException.notFound());
      if (!SAFE_METHODS.has(request.method)) {
        const origin = request.headers.origin;
        const site = request.headers['sec-fetch-site'];
        const sameOrigin = origin ? origin === publicOrigin : site === undefined || site === 'same-origin';
        if (!sameOrigin)
          return refuse(request, reply, ProblemException.forbidden('Alleen vanaf Doorbraak zelf.'));
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
  });
}
