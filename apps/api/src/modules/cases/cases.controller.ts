import {
  type Actor,
  type CaseDetail,
  caseDetailSchema,
  type CaseList,
  caseListQuerySchema,
  caseListSchema,
  type CaseListQuery,
  type CreateCaseInput,
  createCaseSchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiCookieAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @Roles('municipality', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Submit a blocked housing project (knelpuntdossier).' })
  @ApiBody({ schema: openApiSchema(createCaseSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(caseDetailSchema) })
  async create(
    @CurrentActor() actor: Actor,
    @ZodBody(createCaseSchema) input: CreateCaseInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const created = await this.cases.create(actor, input);
    void reply.header('location', `/api/cases/${created.id}`).header('etag', `"${created.version}"`);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'Cases the actor may see, newest first, keyset-paginated.' })
  @ApiQuery({ name: 'q', required: false, description: 'Free text over project, municipality and reference' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiResponseSchema(caseListSchema) })
  list(@CurrentActor() actor: Actor, @ZodQuery(caseListQuerySchema) query: CaseListQuery): Promise<CaseList> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case; 404 when it does not exist or is outside the actor’s scope.' })
  @ApiOkResponse({ schema: openApiResponseSchema(caseDetailSchema) })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const found = await this.cases.get(actor, id);
    void reply.header('etag', `"${found.version}"`);
    return found;
  }
}
