import { pickLanguage, validate } from '@doorbraak/domain';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ProblemException } from './problem.exception';

function parse(schema: z.ZodType, value: unknown, request: FastifyRequest, what: string): unknown {
  const language = pickLanguage(request.headers['accept-language']);
  const result = validate(schema, value, language);
  if (!result.ok) {
    throw ProblemException.validation(
      result.errors,
      language === 'en'
        ? `The ${what} is invalid.`
        : what === 'body'
          ? 'De invoer is ongeldig.'
          : 'De zoekparameters zijn ongeldig.',
    );
  }
  return result.data;
}

// The schema travels wrapped: Nest would mistake a bare zod schema (it has .transform) for a pipe.
interface SchemaRef {
  schema: z.ZodType;
}

const BodyParam = createParamDecorator(({ schema }: SchemaRef, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return parse(schema, request.body ?? {}, request, 'body');
});

const QueryParam = createParamDecorator(({ schema }: SchemaRef, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return parse(schema, request.query ?? {}, request, 'query');
});

/** The request body, validated with a libs/domain schema (400 problem+json with field errors). */
export const ZodBody = (schema: z.ZodType) => BodyParam({ schema });

/** The query string, validated with a libs/domain schema. */
export const ZodQuery = (schema: z.ZodType) => QueryParam({ schema });

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a domain schema, for @ApiBody / @ApiOkResponse. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
export function openApiResponseSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
