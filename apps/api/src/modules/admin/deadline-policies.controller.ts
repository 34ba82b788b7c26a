import {
  type Actor,
  type DeadlinePolicy,
  type DeadlinePolicyInput,
  deadlinePolicyInputSchema,
  type DeadlinePolicyPatch,
  deadlinePolicyPatchSchema,
  deadlinePolicySchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { DeadlinePoliciesService } from './deadline-policies.service';

/**
 * Deadline policies (admin): budget, extension cap and pause cap per deadline kind × knelpunt type ×
 * level. Changes apply to deadlines started afterwards. Admins only; changes are audited.
 */
@ApiTags('admin')
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'problem+json: only admins' })
@Controller('admin/deadline-policies')
export class DeadlinePoliciesController {
  constructor(private readonly policies: DeadlinePoliciesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'All deadline policies, in the order of the process (admin).' })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(deadlinePolicySchema) })) })
  list(): Promise<{ items: DeadlinePolicy[] }> {
    return this.policies.list();
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Add a policy for a kind × knelpunt type × level that has none (admin).' })
  @ApiBody({ schema: openApiSchema(deadlinePolicyInputSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(deadlinePolicySchema) })
  @ApiBadRequestResponse({
    description: 'problem+json with field errors (ranges, dimensions, unknown codes)',
  })
  @ApiConflictResponse({ description: 'problem+json: a policy for this combination exists' })
  create(
    @CurrentActor() actor: Actor,
    @ZodBody(deadlinePolicyInputSchema) input: DeadlinePolicyInput,
  ): Promise<DeadlinePolicy> {
    return this.policies.create(actor, input);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change a policy (admin): budget, extension cap, pause cap in working days; applies to deadlines started afterwards.',
  })
  @ApiBody({ schema: openApiSchema(deadlinePolicyPatchSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(deadlinePolicySchema) })
  @ApiBadRequestResponse({ description: 'problem+json with field errors' })
  @ApiNotFoundResponse({ description: 'problem+json: no such policy' })
  patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(deadlinePolicyPatchSchema) input: DeadlinePolicyPatch,
  ): Promise<DeadlinePolicy> {
    return this.policies.patch(actor, id, input);
  }
}
