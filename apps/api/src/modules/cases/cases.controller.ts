import {
  type Actor,
  type CaseDetail,
  caseDetailSchema,
  caseEventsSchema,
  type CaseList,
  caseListQuerySchema,
  caseListSchema,
  type CaseListQuery,
  chainVerificationSchema,
  type CreateCaseInput,
  createCaseSchema,
  type PatchCaseInput,
  patchCaseSchema,
  type TransitionInput,
  transitionSchema,
} from '@doorbraak/domain';
import { Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { CasesService } from './cases.service';

const etag = (reply: FastifyReply, detail: CaseDetail) => void reply.header('etag', `"${detail.version}"`);

@ApiTags('cases')
@ApiCookieAuth()
@ApiNotFoundResponse({ description: 'problem+json: the case does not exist or is outside your scope' })
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
    void reply.header('location', `/api/cases/${created.id}`);
    etag(reply, created);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'Cases the actor may see: filtered, searched, sorted, keyset-paginated.' })
  @ApiQuery({ name: 'q', required: false, description: 'Free text (Dutch stemming and trigram similarity)' })
  @ApiQuery({ name: 'status', required: false, description: 'Comma-separated statuses' })
  @ApiQuery({ name: 'knelpuntType', required: false, description: 'Comma-separated knelpunt type codes' })
  @ApiQuery({ name: 'province', required: false, description: 'Comma-separated PV codes' })
  @ApiQuery({ name: 'municipality', required: false, description: 'Comma-separated GM codes' })
  @ApiQuery({ name: 'region', required: false, description: 'Region id' })
  @ApiQuery({ name: 'party', required: false, description: 'Organisation id of an assigned party' })
  @ApiQuery({ name: 'level', required: false, description: 'Comma-separated level codes' })
  @ApiQuery({ name: 'overdue', required: false, description: 'true: an open action is past its due date' })
  @ApiQuery({ name: 'examples', required: false, description: 'true/false: only or no demo examples' })
  @ApiQuery({ name: 'sort', required: false, description: 'newest (default), oldest, updated, homes' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiResponseSchema(caseListSchema) })
  list(@CurrentActor() actor: Actor, @ZodQuery(caseListQuerySchema) query: CaseListQuery): Promise<CaseList> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One case with its parties, ladder, breakthrough and the actions the actor may take.',
  })
  @ApiOkResponse({
    schema: openApiResponseSchema(caseDetailSchema),
    headers: { ETag: { description: 'version' } },
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const found = await this.cases.get(actor, id);
    etag(reply, found);
    return found;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the project data; needs If-Match with the ETag (412 stale, 428 missing).' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of GET /api/cases/{id}' })
  @ApiBody({ schema: openApiSchema(patchCaseSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(caseDetailSchema) })
  @ApiPreconditionFailedResponse({ description: 'problem+json: the case changed since your ETag' })
  async patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(patchCaseSchema) input: PatchCaseInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const updated = await this.cases.patch(actor, id, input, ifMatch);
    etag(reply, updated);
    return updated;
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status along an edge of the transition table; If-Match optional.' })
  @ApiBody({ schema: openApiSchema(transitionSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(caseDetailSchema) })
  @ApiConflictResponse({ description: 'problem+json whose type names the rule that failed' })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(transitionSchema) input: TransitionInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetail> {
    const updated = await this.cases.transition(actor, id, input, ifMatch);
    etag(reply, updated);
    return updated;
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The timeline: every change to the case, oldest first.' })
  @ApiOkResponse({ schema: openApiResponseSchema(caseEventsSchema) })
  events(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.cases.timeline(actor, id);
  }

  @Get(':id/events/verify')
  @Roles('coordinator', 'national', 'admin')
  @ApiOperation({ summary: 'Recompute the hash chain of the case events: is the audit trail intact?' })
  @ApiOkResponse({ schema: openApiResponseSchema(chainVerificationSchema) })
  verify(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.cases.verifyChain(actor, id);
  }
}
