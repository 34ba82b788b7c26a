import {
  type Actor,
  type CaseList,
  caseListSchema,
  type CreateSavedViewInput,
  createSavedViewSchema,
  type SavedView,
  type SavedViewCasesQuery,
  savedViewCasesQuerySchema,
  type SavedViewList,
  type SavedViewListQuery,
  savedViewListQuerySchema,
  savedViewListSchema,
  savedViewSchema,
} from '@doorbraak/domain';
import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { SavedViewsService } from './saved-views.service';

@ApiTags('views')
@ApiCookieAuth()
@Controller('views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @ApiOperation({ summary: 'Your saved views and those shared in your organisation (own first).' })
  @ApiQuery({ name: 'withCounts', required: false, description: 'true: add the number of cases per view' })
  @ApiOkResponse({ schema: openApiResponseSchema(savedViewListSchema) })
  list(
    @CurrentActor() actor: Actor,
    @ZodQuery(savedViewListQuerySchema) query: SavedViewListQuery,
  ): Promise<SavedViewList> {
    return this.views.list(actor, query.withCounts);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Save a view: a name and GET /api/cases filters (query-string values), optionally shared with your organisation.',
  })
  @ApiBody({ schema: openApiSchema(createSavedViewSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(savedViewSchema) })
  @ApiConflictResponse({ description: 'problem+json: you already have a view with this name' })
  async create(
    @CurrentActor() actor: Actor,
    @ZodBody(createSavedViewSchema) input: CreateSavedViewInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SavedView> {
    const view = await this.views.create(actor, input);
    void reply.header('location', `/api/views/${view.id}`);
    return view;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a view (its owner; an admin also the shared views of the organisation).' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'problem+json: not your view' })
  @ApiNotFoundResponse({ description: 'problem+json: no such view visible to you' })
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.views.remove(actor, id);
  }

  @Get(':id/cases')
  @ApiOperation({
    summary: "The cases behind a view: GET /api/cases with the view's filters, in your scope.",
  })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiResponseSchema(caseListSchema) })
  @ApiNotFoundResponse({ description: 'problem+json: no such view visible to you' })
  cases(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodQuery(savedViewCasesQuerySchema) query: SavedViewCasesQuery,
  ): Promise<CaseList> {
    return this.views.cases(actor, id, query);
  }
}
