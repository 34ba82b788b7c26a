import {
  type Actor,
  type Region,
  type RegionInput,
  regionInputSchema,
  regionSchema,
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
import { type RegionPatch, regionPatchSchema } from './admin.schemas';
import { RegionsService } from './regions.service';

const regionListSchema = z.object({ items: z.array(regionSchema) });

/**
 * Woondeal regions. Authorization: any logged-in user may list them (filters, pickers); only
 * admins create or change them (403 otherwise). Admin changes are logged (AdminAudit).
 */
@ApiTags('admin')
@ApiCookieAuth()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiOperation({ summary: 'Woondeal regions with their member municipalities, sorted by name.' })
  @ApiOkResponse({ schema: openApiResponseSchema(regionListSchema) })
  list(): Promise<{ items: Region[] }> {
    return this.regions.list();
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Add a woondeal region (admin).' })
  @ApiBody({ schema: openApiSchema(regionInputSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(regionSchema) })
  @ApiBadRequestResponse({ description: 'problem+json: invalid input or unknown municipality code' })
  @ApiForbiddenResponse({ description: 'problem+json: only admins' })
  @ApiConflictResponse({ description: 'problem+json: a region with this name exists' })
  create(@CurrentActor() actor: Actor, @ZodBody(regionInputSchema) input: RegionInput): Promise<Region> {
    return this.regions.create(actor, input);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a region (admin): name, members (replaced as a whole), confirmation.' })
  @ApiBody({ schema: openApiSchema(regionPatchSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(regionSchema) })
  @ApiBadRequestResponse({ description: 'problem+json: invalid input or unknown municipality code' })
  @ApiForbiddenResponse({ description: 'problem+json: only admins' })
  @ApiNotFoundResponse({ description: 'problem+json: no such region' })
  @ApiConflictResponse({ description: 'problem+json: a region with this name exists' })
  patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(regionPatchSchema) input: RegionPatch,
  ): Promise<Region> {
    return this.regions.patch(actor, id, input);
  }
}
