import {
  type Actor,
  type Assignment,
  assignmentSchema,
  type CreateAssignmentInput,
  createAssignmentSchema,
  type PatchAssignmentInput,
  patchAssignmentSchema,
} from '@doorbraak/domain';
import { Controller, Delete, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { AssignmentsService } from './assignments.service';

const etag = (reply: FastifyReply, assignment: Assignment) =>
  void reply.header('etag', `"${assignment.version}"`);

/**
 * No @Roles here on purpose: a user outside the case's scope must get 404 (existence does not
 * leak), so the permission rules run after the scoped lookup in the service.
 */
@ApiTags('cases')
@ApiCookieAuth()
@ApiNotFoundResponse({
  description: 'problem+json: the case (or the assignment) does not exist or is outside your scope',
})
@ApiForbiddenResponse({ description: 'problem+json: your role may not do this on this case' })
@Controller('cases')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post(':id/assignments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Assign a party organisation to the case with a requested action (afspraak).' })
  @ApiBody({ schema: openApiSchema(createAssignmentSchema) })
  @ApiCreatedResponse({
    schema: openApiResponseSchema(assignmentSchema),
    headers: { ETag: { description: 'the assignment version' } },
  })
  @ApiBadRequestResponse({ description: 'problem+json with field errors (unknown organisation, due date)' })
  @ApiConflictResponse({ description: 'problem+json …/conflict/party-already-assigned' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(createAssignmentSchema) input: CreateAssignmentInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Assignment> {
    const created = await this.assignments.create(actor, id, input);
    void reply.header('location', `/api/cases/${id}/assignments/${created.id}`);
    etag(reply, created);
    return created;
  }

  @Patch(':id/assignments/:assignmentId')
  @ApiOperation({
    summary:
      'Change an assignment; the assigned party may change only actionStatus and progressNote. If-Match optional.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (version) of the assignment' })
  @ApiBody({ schema: openApiSchema(patchAssignmentSchema) })
  @ApiOkResponse({
    schema: openApiResponseSchema(assignmentSchema),
    headers: { ETag: { description: 'the assignment version' } },
  })
  @ApiBadRequestResponse({ description: 'problem+json with field errors' })
  @ApiPreconditionFailedResponse({ description: 'problem+json: the assignment changed since your ETag' })
  async patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('assignmentId') assignmentId: string,
    @ZodBody(patchAssignmentSchema) input: PatchAssignmentInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Assignment> {
    const updated = await this.assignments.patch(actor, id, assignmentId, input, ifMatch);
    etag(reply, updated);
    return updated;
  }

  @Delete(':id/assignments/:assignmentId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Remove a party from the case (kept in the timeline; it can be assigned again). If-Match optional.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (version) of the assignment' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiPreconditionFailedResponse({ description: 'problem+json: the assignment changed since your ETag' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('assignmentId') assignmentId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.assignments.remove(actor, id, assignmentId, ifMatch);
  }
}
