import {
  type Actor,
  type AdminUser,
  type AdminUserCreateInput,
  adminUserCreateSchema,
  type AdminUserListQuery,
  adminUserListQuerySchema,
  type AdminUserPatchInput,
  adminUserPatchSchema,
  adminUserSchema,
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
import { UsersService } from './users.service';

/** User management. Admins only (403 for everyone else); every change lands in the audit log. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'problem+json: only admins' })
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Users, by email; filter on part of the email or name, or on an organisation (admin).',
  })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 200' })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(adminUserSchema) })) })
  list(@ZodQuery(adminUserListQuerySchema) query: AdminUserListQuery): Promise<{ items: AdminUser[] }> {
    return this.users.list(query);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a user (admin); a password is optional (users of an identity provider have none).',
  })
  @ApiBody({ schema: openApiSchema(adminUserCreateSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(adminUserSchema) })
  @ApiBadRequestResponse({
    description: 'problem+json with field errors (password policy, organisation, role)',
  })
  @ApiConflictResponse({ description: 'problem+json: a user with this email exists' })
  create(
    @CurrentActor() actor: Actor,
    @ZodBody(adminUserCreateSchema) input: AdminUserCreateInput,
  ): Promise<AdminUser> {
    return this.users.create(actor, input);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change a user (admin): name, role, organisation, active, language, or set a new password. A role change is a security event.',
  })
  @ApiBody({ schema: openApiSchema(adminUserPatchSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(adminUserSchema) })
  @ApiBadRequestResponse({ description: 'problem+json with field errors' })
  @ApiNotFoundResponse({ description: 'problem+json: no such user' })
  @ApiConflictResponse({ description: 'problem+json: you cannot change your own role or block yourself' })
  patch(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(adminUserPatchSchema) input: AdminUserPatchInput,
  ): Promise<AdminUser> {
    return this.users.patch(actor, id, input);
  }
}
