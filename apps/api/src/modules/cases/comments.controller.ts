import {
  type Actor,
  type Comment,
  commentSchema,
  type CreateCommentInput,
  createCommentSchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { CommentsService } from './comments.service';

const commentListSchema = z.object({ items: z.array(commentSchema) });

/**
 * Comments on a case. Authorization: the case must be in the actor's scope (else 404); every
 * role may comment on any case it sees, in any status; the submitting municipality reads and
 * writes only `shared` comments (posting `internal` is 403).
 */
@ApiTags('cases')
@ApiCookieAuth()
@ApiNotFoundResponse({ description: 'problem+json: the case does not exist or is outside your scope' })
@Controller('cases/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({ summary: 'Comments on a case, oldest first (internal ones hidden from the submitter).' })
  @ApiOkResponse({ schema: openApiResponseSchema(commentListSchema) })
  list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<{ items: Comment[] }> {
    return this.comments.list(actor, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a comment: internal (table and parties) or shared (also the submitter).' })
  @ApiBody({ schema: openApiSchema(createCommentSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(commentSchema) })
  @ApiForbiddenResponse({
    description: 'problem+json: the submitting municipality can only post shared comments',
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(createCommentSchema) input: CreateCommentInput,
  ): Promise<Comment> {
    return this.comments.create(actor, id, input);
  }
}
