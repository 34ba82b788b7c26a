import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

/** Admin-maintained master data: organisations and woondeal regions. */
@Module({
  controllers: [OrganisationsController, RegionsController],
  providers: [OrganisationsService, RegionsService],
})
export class AdminModule {}
