import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { SecurityEventsService } from './security-events.service';

/** The insert-only audit log: security events and admin actions (global: every module records). */
@Global()
@Module({
  controllers: [AuditLogController],
  providers: [SecurityEventsService],
  exports: [SecurityEventsService],
})
export class AuditModule {}
