import * as path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { type EmbeddedSmtp, type Mailbox, startEmbeddedSmtp } from './embedded-smtp';
import { discoverRedis, type RedisEndpoint } from './redis-discovery';

/** What bootstrap resolved before Nest starts: where Redis and SMTP are, and how to stop them. */
export interface Runtime {
  config: AppConfig;
  redis: { url: string; source: RedisEndpoint['source']; prefix: string };
  smtpUrl: string;
  /** The embedded SMTP catcher's mailbox; null when SMTP_URL points at a real server. */
  mailbox: Mailbox | null;
  close(): Promise<void>;
}

export async function prepareRuntime(
  config: AppConfig,
  log?: Pick<Logger, 'info'>,
  overrides: { localRedisUrl?: string } = {},
): Promise<Runtime> {
  const redis = await discoverRedis({
    url: config.redis.url,
    dataDir: config.dataDir,
    localUrl: overrides.localRedisUrl,
  });
  let smtp: EmbeddedSmtp | null = null;
  try {
    if (!config.mail.smtpUrl) smtp = await startEmbeddedSmtp(0, path.join(config.dataDir, 'mailbox.jsonl'));
  } catch (error) {
    await redis.stop();
    throw error;
  }
  log?.info({ redis: redis.source, smtp: smtp ? 'embedded' : 'server' }, 'Runtime ready');
  return {
    config,
    redis: { url: redis.url, source: redis.source, prefix: config.redis.prefix },
    smtpUrl: config.mail.smtpUrl ?? (smtp as EmbeddedSmtp).url,
    mailbox: smtp?.mailbox ?? null,
    async close() {
      await smtp?.stop();
      await redis.stop();
    },
  };
}
