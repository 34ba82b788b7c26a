import {
  type Actor,
  type ActionLinkView,
  actionLinkViewSchema,
  canManageActionLinks,
  type LinkResponseInput,
  linkResponseSchema,
  linkRevocationSchema,
} from '@doorbraak/domain';
import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { SecurityEventsService } from '../audit/security-events.service';
import { lockCaseInScope, touchCase } from '../cases/case-access';
import { CaseEventsService, eventActor } from '../cases/case-events.service';
import { CurrentActor, Public, RateLimit } from '../identity/auth.decorators';
import { ActionLinksService } from './action-links.service';

const TOKEN_PARAM = {
  name: 'token',
  description: 'The token from the email (43 characters); it is the credential, keep it out of logs',
};

/** The answers of a link are personal and must not be cached or sent on as a referrer. */
function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/**
 * Signed action links for contacts without an account (public: the token in the path is the
 * credential; rate-limited per IP). A link shows its case until it expires and answers once.
 * Expired or revoked: 401; malformed or unknown: 404; already answered: 409 …/link-used; a
 * closed case: 409. Revoking is for the table (cookie session, CSRF).
 */
@ApiTags('links')
@Controller()
export class ActionLinksController {
  constructor(
    private readonly links: ActionLinksService,
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    private readonly security: SecurityEventsService,
  ) {}

  @Public()
  @RateLimit('links')
  @Get('links/:token')
  @ApiOperation({ summary: 'What the link is for: the case summary and the one assignment it may act on.' })
  @ApiParam(TOKEN_PARAM)
  @ApiOkResponse({ schema: openApiResponseSchema(actionLinkViewSchema) })
  @ApiUnauthorizedResponse({ description: 'problem+json …/link-expired or …/link-revoked' })
  @ApiNotFoundResponse({ description: 'problem+json: malformed or unknown token' })
  @ApiTooManyRequestsResponse({ description: 'problem+json with Retry-After' })
  view(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionLinkView> {
    noStore(reply);
    return this.links.view(token, request);
  }

  @Public()
  @RateLimit('links')
  @Post('links/:token/response')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Answer once, as the assignment’s contact: the action status (and a progress note), a request for more working days (the coordinators are emailed; they decide with POST …/deadlines/{deadlineId}/extend) and/or a note. The first accepted answer uses the link up.',
  })
  @ApiParam(TOKEN_PARAM)
  @ApiBody({ schema: openApiSchema(linkResponseSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(actionLinkViewSchema) })
  @ApiBadRequestResponse({ description: 'problem+json …/validation: nothing to answer, or an invalid field' })
  @ApiUnauthorizedResponse({ description: 'problem+json …/link-expired or …/link-revoked' })
  @ApiNotFoundResponse({ description: 'problem+json: malformed or unknown token' })
  @ApiConflictResponse({
    description:
      'problem+json …/link-used (already answered: a replay), …/conflict/case-closed or …/conflict/deadline-closed',
  })
  @ApiTooManyRequestsResponse({ description: 'problem+json with Retry-After' })
  respond(
    @Param('token') token: string,
    @ZodBody(linkResponseSchema) input: LinkResponseInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionLinkView> {
    noStore(reply);
    return this.links.respond(token, request, input);
  }

  /** No @Roles: out of scope is 404 first; then only the table may revoke (403). */
  @Delete('cases/:id/assignments/:assignmentId/links')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Revoke every signed action link of an assignment (the table).' })
  @ApiOkResponse({ schema: openApiResponseSchema(linkRevocationSchema) })
  @ApiNotFoundResponse({
    description: 'problem+json: the case or assignment does not exist or is outside your scope',
  })
  @ApiForbiddenResponse({ description: 'problem+json: only the table may revoke links' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('id') caseId: string,
    @Param('assignmentId') assignmentId: string,
    @Req() request: FastifyRequest,
  ): Promise<{ revoked: number }> {
    const revoked = await this.db.transaction(async (manager) => {
      const c = await lockCaseInScope(manager, actor, caseId);
      const assignment: unknown[] = isUuid(assignmentId)
        ? await manager.query(`SELECT 1 FROM case_assignments WHERE id = $1 AND case_id = $2`, [
            assignmentId,
            c.id,
          ])
        : [];
      if (assignment.length === 0) throw ProblemException.notFound('Afspraak niet gevonden.');
      if (!canManageActionLinks(actor, c)) {
        throw ProblemException.forbidden('Alleen de tafel kan de links van een afspraak intrekken.');
      }
      const ended = await rows<{ id: string }>(
        manager,
        `UPDATE action_links SET revoked_at = now(), revoked_reason = 'revoked'
          WHERE assignment_id = $1 AND case_id = $2 AND revoked_at IS NULL RETURNING id`,
        [assignmentId, c.id],
      );
      await touchCase(manager, c.id);
      await this.events.append(
        manager,
        c.id,
        eventActor(actor),
        'action_link.revoked',
        { assignmentId, revoked: ended.length },
        { visibility: 'internal' },
      );
      await this.security.record(
        {
          type: 'link.revoked',
          actor: { userId: actor.userId, label: `${actor.name} (${actor.organisationName})` },
          target: { type: 'assignment', id: assignmentId },
          data: { caseId: c.id, revoked: ended.length, linkIds: ended.map((e) => e.id) },
        },
        request,
        manager,
      );
      return ended.length;
    });
    return { revoked };
  }
}
