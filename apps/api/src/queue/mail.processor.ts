import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MailerService } from '../modules/mail/mailer.service';
import { MAIL_QUEUE, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

@Processor(MAIL_QUEUE, { concurrency: 4 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly mailer: MailerService) {
    super();
  }

  async process(job: Job<SendEmailPayload>): Promise<{ messageId: string }> {
    if (job.name !== SEND_EMAIL_JOB)
      throw new Error(`No handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    const messageId = await this.mailer.send(job.data);
    this.logger.log({ jobId: job.id, messageId }, 'Email sent');
    return { messageId };
  }
}
