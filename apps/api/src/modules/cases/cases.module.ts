import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CaseEventsService } from './case-events.service';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseEventsService],
  exports: [CasesService, CaseEventsService],
})
export class CasesModule {}
