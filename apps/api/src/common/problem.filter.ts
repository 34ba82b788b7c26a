import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Problem, PROBLEM_TYPES } from '@doorbraak/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception';
import type { SpaFallback } from './spa-fallback';

const TYPE_BY_STATUS: Record<number, { type: string; title: string }> = {
  400: { type: PROBLEM_TYPES.malformedRequest, title: 'Ongeldig verzoek' },
  401: { type: PROBLEM_TYPES.unauthenticated, title: 'Niet ingelogd' },
  403: { type: PROBLEM_TYPES.forbidden, title: 'Geen toegang' },
  404: { type: PROBLEM_TYPES.notFound, title: 'Niet gevonden' },
  405: { type: PROBLEM_TYPES.malformedRequest, title: 'Methode niet toegestaan' },
  409: { type: PROBLEM_TYPES.conflict, title: 'Conflict' },
  412: { type: PROBLEM_TYPES.preconditionFailed, title: 'Verouderde versie' },
  413: { type: PROBLEM_TYPES.payloadTooLarge, title: 'Verzoek te groot' },
  415: { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Type inhoud niet ondersteund' },
  428: { type: PROBLEM_TYPES.preconditionRequired, title: 'If-Match vereist' },
  429: { type: PROBLEM_TYPES.tooManyRequests, title: 'Te veel verzoeken' },
  503: { type: PROBLEM_TYPES.unavailable, title: 'Tijdelijk niet beschikbaar' },
};

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

/** Turns any thrown value into an RFC 9457 problem. Never leaks a stack trace. */
export function toProblem(error: unknown, correlationId: string, instance: string): Problem {
  if (error instanceof ProblemException) {
    return {
      type: error.type,
      title: error.title,
      status: error.status,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
      instance,
      correlationId,
    };
  }
  let status = 500;
  let detail: string | undefined;
  if (error instanceof HttpException) {
    status = error.getStatus();
    const response = error.getResponse();
    detail = typeof response === 'string' ? response : (response as { message?: string }).message;
    if (Array.isArray(detail)) detail = detail.join('; ');
  } else if (error && typeof error === 'object') {
    const e = error as ErrorWithStatus;
    const s = e.statusCode ?? e.status;
    if (typeof s === 'number' && s >= 400 && s < 500) {
      status = s;
      detail = e.message;
    }
  }
  // Nest's own "Cannot GET /x" for unknown routes becomes a Dutch sentence.
  if (status === 404 && (!detail || detail.startsWith('Cannot '))) detail = `Onbekend adres: ${instance}`;
  const known = TYPE_BY_STATUS[status];
  if (!known || (status >= 500 && status !== 503)) {
    return {
      type: PROBLEM_TYPES.internal,
      title: 'Interne fout',
      status: 500,
      detail: `Er ging iets mis aan onze kant. Vermeld bij contact met de beheerder het kenmerk ${correlationId}.`,
      instance,
      correlationId,
    };
  }
  return {
    type: known.type,
    title: known.title,
    status,
    ...(detail ? { detail } : {}),
    instance,
    correlationId,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly spa: SpaFallback | null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const path = request.url.split('?')[0] ?? request.url;
    const problem = toProblem(exception, String(request.id), path);
    if (problem.status === 404 && this.spa?.handles(request)) {
      this.spa.send(reply);
      return;
    }
    if (problem.status >= 500)
      this.logger.error({ err: exception, correlationId: request.id }, 'Unhandled error');
    if (exception instanceof ProblemException && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    sendProblem(reply, problem);
  }
}
