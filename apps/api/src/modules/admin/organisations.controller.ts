import {
  type Actor,
  type Organisation,
  type OrganisationInput,
  organisationInputSchema,
  organisationSchema,
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
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { openApiResponseSchema, openApiSchema, ZodBody, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import {
  type OrganisationListQuery,
  organisationListQuerySchema,
  type OrganisationPatch,
  organisationPatchSchema,
} from './admin.schemas';
import { OrganisationsService } from './organisations.service';

const organisationListSchema = z.object({ items: z.array(organisationSchema) });

/**
 * Organisations at the tables. Authorization: any logged-in user may list them (to pick parties);
 * only admins create or change them (403 otherwise). Admin changes are logged (AdminAudit).
 */
@ApiTags('admin')
@ApiCookieAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations sorted by name, optionally filtered by type and name.' })
  @ApiQuery({ name: 'type', required: false, description: 'Party type code, e.g. grid_operator' })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name or short name' })
  @ApiOkResponse({ schema: openApiResponseSchema(organisationListSchema) })
  list(
    @ZodQuery(organisationListQuerySchema) query: OrganisationListQuery,
  ): Promise<{ items: Organisation[] }> {
    return this.organisations.list(query);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Add an organisation (admin).' })
  @ApiBody({ schema: openApiSchema(organisationInputSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(organisationSchema) })
  @ApiBadRequestResponse({
    description: 'problem+json: invalid input or unknown type/municipality/province code',
  })
  @ApiForbiddenResponse({ description: 'problem+json: only admins' })
  @ApiConflictResponse({ description: 'problem+json: an organisation with this name exists' })
  create(
    @CurrentActor() actor: Actor,
    @ZodBody(organisationInputSchema) input: OrganisationInput,
  ): Promise<Organisation> {
    return this.organisations.create(actor, input);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change an organisation (admin); only the fields sent change.' })
  @ApiBody({ schema: openApiSchema(organisationPatchSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(organisationSchema) })
  @ApiBadRequestResponse({
    description: 'problem+json: invalid input or unknown type/municipality/province code',
  })
  @ApiForbiddenResponse({ description: 'problem+json: only admins' })
  @ApiNotFoundResponse({ description: 'problem+json: no such organisation' })
  @ApiConflictResponse({ description: 'problem+json: an organisation with this name exists' })
  patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(organisationPatchSchema) input: OrganisationPatch,
  ): Promise<Organisation> {
    return this.organisations.patch(actor, id, input);
  }
}
