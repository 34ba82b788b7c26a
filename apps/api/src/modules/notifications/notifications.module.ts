import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { MailModule } from '../mail/mail.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { OutboxService } from './outbox.service';

@Module({
  imports: [DeadlinesModule, MailModule],
  controllers: [DeliveriesController],
  providers: [OutboxService, DeliveriesService],
  exports: [OutboxService],
})
export class NotificationsModule {}
