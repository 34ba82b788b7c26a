import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Admin-maintained master data: organisations, woondeal regions and users. */
@Module({
  imports: [IdentityModule],
  controllers: [OrganisationsController, RegionsController, UsersController],
  providers: [OrganisationsService, RegionsService, UsersService],
})
export class AdminModule {}
