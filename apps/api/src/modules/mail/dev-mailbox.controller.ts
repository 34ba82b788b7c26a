import { type Mailbox, mailboxSchema } from '@doorbraak/domain';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { openApiResponseSchema } from '../../common/zod-body';
import { ProblemException } from '../../common/problem.exception';
import type { Runtime } from '../../runtime/runtime';
import { RUNTIME } from '../../runtime/runtime.tokens';
import { Roles } from '../identity/auth.decorators';

/** The embedded SMTP catcher's messages. Exists only without SMTP_URL; admins only. */
@ApiTags('dev')
@ApiCookieAuth()
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Emails the app sent, newest first (embedded mail catcher only).' })
  @ApiOkResponse({ schema: openApiResponseSchema(mailboxSchema) })
  list(): Mailbox {
    if (!this.runtime.mailbox)
      throw ProblemException.notFound('De ingebouwde mailbox staat uit: SMTP_URL is ingesteld.');
    return { items: [...this.runtime.mailbox.list()] };
  }
}
