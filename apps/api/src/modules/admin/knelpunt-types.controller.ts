import {
  type Actor,
  type AdminKnelpuntType,
  adminKnelpuntTypeSchema,
  type KnelpuntTypePatch,
  knelpuntTypePatchSchema,
} from '@doorbraak/domain';
import { Controller, Get, Param, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { KnelpuntTypesService } from './knelpunt-types.service';

/** Knelpunt types (admin): wording and active flag; never deleted. Admins only; changes are audited. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'problem+json: only admins' })
@Controller('admin/knelpunt-types')
export class KnelpuntTypesController {
  constructor(private readonly types: KnelpuntTypesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'All knelpunt types, active or not, with the number of cases that have each (admin).',
  })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(adminKnelpuntTypeSchema) })) })
  list(): Promise<{ items: AdminKnelpuntType[] }> {
    return this.types.list();
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change a knelpunt type (admin): Dutch and English label, description, active (inactive: not offered for new cases).',
  })
  @ApiBody({ schema: openApiSchema(knelpuntTypePatchSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(adminKnelpuntTypeSchema) })
  @ApiBadRequestResponse({ description: 'problem+json with field errors' })
  @ApiNotFoundResponse({ description: 'problem+json: no such knelpunt type' })
  patch(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @ZodBody(knelpuntTypePatchSchema) input: KnelpuntTypePatch,
  ): Promise<AdminKnelpuntType> {
    return this.types.patch(actor, code, input);
  }
}
