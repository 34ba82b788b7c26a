import {
  type Actor,
  type BreakthroughInput,
  breakthroughSchema,
  type CaseDetail,
  caseDetailSchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import {
  type BreakthroughList,
  breakthroughListQuerySchema,
  breakthroughListSchema,
  type BreakthroughListQuery,
} from './breakthrough.dto';
import { BreakthroughService } from './breakthrough.service';

@ApiTags('breakthroughs')
@ApiCookieAuth()
@Controller()
export class BreakthroughController {
  constructor(private readonly breakthroughs: BreakthroughService) {}

  /** No @Roles: out-of-scope users must get 404; the service checks the role after the scoped lookup. */
  @Post('cases/:id/breakthrough')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record the breakthrough of a case (homes unblocked, solution, credited parties); status → breakthrough.',
  })
  @ApiBody({ schema: openApiSchema(breakthroughSchema) })
  @ApiCreatedResponse({
    schema: openApiResponseSchema(caseDetailSchema),
    headers: { ETag: { description: 'the case version' } },
  })
  @ApiBadRequestResponse({
    description: 'problem+json with field errors (date before submission or in the future, unknown party)',
  })
  @ApiForbiddenResponse({ description: 'problem+json: your role may not record a breakthrough on this case' })
  @ApiNotFoundResponse({ description: 'problem+json: the case does not exist or is outside your scope' })
  @ApiConflictResponse({ description: 'problem+json whose type names the transition rule that failed' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(breakthroughSchema) input: BreakthroughInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const detail = await this.breakthroughs.record(actor, id, input);
    void reply.header('location', `/api/cases/${id}`);
    void reply.header('etag', `"${detail.version}"`);
    return detail;
  }

  @Get('breakthroughs')
  @ApiOperation({
    summary: 'Current breakthroughs in your scope, newest first, with the total of homes unblocked.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiResponseSchema(breakthroughListSchema) })
  list(
    @CurrentActor() actor: Actor,
    @ZodQuery(breakthroughListQuerySchema) query: BreakthroughListQuery,
  ): Promise<BreakthroughList> {
    return this.breakthroughs.list(actor, query);
  }
}
