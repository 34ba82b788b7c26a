import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ActionLinksController } from './action-links.controller';
import { ActionLinksService } from './action-links.service';

/** Signed action links: contacts without an account act on one assignment from a reminder email. */
@Module({
  imports: [CasesModule, DeadlinesModule],
  controllers: [ActionLinksController],
  providers: [ActionLinksService],
  exports: [ActionLinksService],
})
export class LinksModule {}
