import { Module } from '@nestjs/common';
import { DevMailboxController } from './dev-mailbox.controller';
import { MailerService } from './mailer.service';

@Module({
  controllers: [DevMailboxController],
  providers: [MailerService],
  exports: [MailerService],
})
export class MailModule {}
