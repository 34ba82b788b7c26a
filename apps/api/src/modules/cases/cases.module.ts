import { Module } from '@nestjs/common';
import { DeadlinesController } from '../deadlines/deadlines.controller';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CasesController } from './cases.controller';
import { CaseEventsService } from './case-events.service';
import { CasesService } from './cases.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { BreakthroughController } from './breakthrough.controller';
import { BreakthroughService } from './breakthrough.service';
import { EscalationsController } from './escalations.controller';
import { EscalationsService } from './escalations.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { attachmentStorageProvider } from './storage/attachment-storage.provider';

@Module({
  imports: [DeadlinesModule],
  controllers: [
    CasesController,
    DeadlinesController,
    AssignmentsController,
    EscalationsController,
    BreakthroughController,
    CommentsController,
    AttachmentsController,
  ],
  providers: [
    CasesService,
    CaseEventsService,
    AssignmentsService,
    EscalationsService,
    BreakthroughService,
    CommentsService,
    AttachmentsService,
    attachmentStorageProvider,
  ],
  exports: [CasesService, CaseEventsService, AssignmentsService, EscalationsService, BreakthroughService],
})
export class CasesModule {}
