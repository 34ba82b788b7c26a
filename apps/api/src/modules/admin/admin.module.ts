import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { DeadlinePoliciesController } from './deadline-policies.controller';
import { DeadlinePoliciesService } from './deadline-policies.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';
import { KnelpuntTypesController } from './knelpunt-types.controller';
import { KnelpuntTypesService } from './knelpunt-types.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Admin-maintained master data: organisations, woondeal regions, users, knelpunt types, deadline
 * policies and the holiday calendar.
 */
@Module({
  imports: [IdentityModule, DeadlinesModule],
  controllers: [
    OrganisationsController,
    RegionsController,
    UsersController,
    KnelpuntTypesController,
    DeadlinePoliciesController,
    HolidaysController,
  ],
  providers: [
    OrganisationsService,
    RegionsService,
    UsersService,
    KnelpuntTypesService,
    DeadlinePoliciesService,
    HolidaysService,
  ],
})
export class AdminModule {}
