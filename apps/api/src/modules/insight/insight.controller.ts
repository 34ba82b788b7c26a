import {
  type Actor,
  type CreateSystemicKnelpuntInput,
  createSystemicKnelpuntSchema,
  type InsightDashboard,
  type InsightDashboardQuery,
  insightDashboardQuerySchema,
  insightDashboardSchema,
  type SystemicBlockers,
  type SystemicBlockersQuery,
  systemicBlockersQuerySchema,
  systemicBlockersSchema,
  type SystemicKnelpunt,
  type SystemicKnelpuntList,
  type SystemicKnelpuntListQuery,
  systemicKnelpuntListQuerySchema,
  systemicKnelpuntListSchema,
  systemicKnelpuntSchema,
} from '@doorbraak/domain';
import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { DashboardService } from './dashboard.service';
import { SystemicService } from './systemic.service';

/** `Cache-Control: no-cache` asks for figures computed now rather than the cached answer. */
const fresh = (cacheControl: string | undefined) => /\bno-cache\b/i.test(cacheControl ?? '');
const FRESH_HEADER = {
  name: 'Cache-Control',
  required: false,
  description: 'no-cache: recompute now (answers are otherwise cached until the data changes, at most 60 s)',
};

@ApiTags('insight')
@ApiCookieAuth()
@ApiBadRequestResponse({ description: 'problem+json with field errors' })
@Controller('insight')
export class InsightController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly systemic: SystemicService,
  ) {}

  @Get('dashboard')
  @ApiOperation({
    summary:
      'Dashboard figures over the cases in your scope (definitions in docs/metrics.md): homes at stake and unblocked by province, region, knelpunt type, level and month; open cases by status and level; overdue actions by party; median working days to breakthrough; monthly trend.',
  })
  @ApiQuery({ name: 'province', required: false, description: 'Comma-separated PV codes' })
  @ApiQuery({ name: 'region', required: false, description: 'Woondeal region id' })
  @ApiQuery({ name: 'knelpuntType', required: false, description: 'Comma-separated knelpunt type codes' })
  @ApiQuery({ name: 'level', required: false, description: 'Comma-separated level codes (current level)' })
  @ApiQuery({ name: 'from', required: false, description: 'Start of the period: YYYY-MM or YYYY-MM-DD' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'End of the period (inclusive): YYYY-MM or YYYY-MM-DD',
  })
  @ApiHeader(FRESH_HEADER)
  @ApiOkResponse({ schema: openApiResponseSchema(insightDashboardSchema) })
  dashboard(
    @CurrentActor() actor: Actor,
    @ZodQuery(insightDashboardQuerySchema) query: InsightDashboardQuery,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<InsightDashboard> {
    return this.dashboards.dashboard(actor, query, { fresh: fresh(cacheControl) });
  }

  @Get('systemic-blockers')
  @ApiOperation({
    summary:
      'The same knelpunt type recurring across open cases: groups of knelpunt type × province × assigned party with at least minCases (default 2) open cases.',
  })
  @ApiQuery({ name: 'province', required: false, description: 'Comma-separated PV codes' })
  @ApiQuery({ name: 'knelpuntType', required: false, description: 'Comma-separated knelpunt type codes' })
  @ApiQuery({ name: 'minCases', required: false, description: 'Smallest group, 2–1000 (default 2)' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'At most this many groups, largest first (1–200, default 50)',
  })
  @ApiHeader(FRESH_HEADER)
  @ApiOkResponse({ schema: openApiResponseSchema(systemicBlockersSchema) })
  blockers(
    @CurrentActor() actor: Actor,
    @ZodQuery(systemicBlockersQuerySchema) query: SystemicBlockersQuery,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<SystemicBlockers> {
    return this.systemic.blockers(actor, query, { fresh: fresh(cacheControl) });
  }

  @Post('systemic-knelpunten')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary:
      'Bundle open cases with the same knelpunt type into one systemic knelpunt (a new case) and escalate it to the national table; every bundled case gets a case.bundled event.',
  })
  @ApiBody({ schema: openApiSchema(createSystemicKnelpuntSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(systemicKnelpuntSchema) })
  @ApiForbiddenResponse({ description: 'problem+json: only coordinators and admins bundle cases' })
  @ApiNotFoundResponse({ description: 'problem+json: a case does not exist or is outside your scope' })
  async bundle(
    @CurrentActor() actor: Actor,
    @ZodBody(createSystemicKnelpuntSchema) input: CreateSystemicKnelpuntInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SystemicKnelpunt> {
    const created = await this.systemic.bundle(actor, input);
    void reply.header('location', `/api/insight/systemic-knelpunten/${created.id}`);
    return created;
  }

  @Get('systemic-knelpunten')
  @ApiOperation({
    summary: 'Systemic knelpunten in your scope, newest first (optionally those bundling caseId).',
  })
  @ApiQuery({ name: 'caseId', required: false, description: 'Only the bundles this case is part of' })
  @ApiOkResponse({ schema: openApiResponseSchema(systemicKnelpuntListSchema) })
  listSystemic(
    @CurrentActor() actor: Actor,
    @ZodQuery(systemicKnelpuntListQuerySchema) query: SystemicKnelpuntListQuery,
  ): Promise<SystemicKnelpuntList> {
    return this.systemic.list(actor, query);
  }

  @Get('systemic-knelpunten/:id')
  @ApiOperation({ summary: 'One systemic knelpunt with the bundled cases you may see.' })
  @ApiOkResponse({ schema: openApiResponseSchema(systemicKnelpuntSchema) })
  @ApiNotFoundResponse({ description: 'problem+json: not found or outside your scope' })
  getSystemic(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SystemicKnelpunt> {
    return this.systemic.get(actor, id);
  }
}
