import * as path from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), { message: 'must be a postgres:// or postgresql:// URL' });
const redisUrl = z
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), { message: 'must be a redis:// or rediss:// URL' });
const smtpUrl = z
  .url()
  .refine((u) => /^smtps?:\/\//.test(u), { message: 'must be an smtp:// or smtps:// URL' });

/** Every environment variable the app reads. Documented in the README's configuration table. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    REDIS_URL: redisUrl.optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]{1,64}$/)
      .default('doorbraak'),
    SMTP_URL: smtpUrl.optional(),
    MAIL_FROM: z.string().min(3).default('Doorbraak <noreply@doorbraak.local>'),
    MAIL_SEND_WINDOW: z.enum(['always', 'working-hours']).optional(),
    DEMO_DATA: booleanish.optional(),
    SESSION_COOKIE_SECURE: booleanish.optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIST: z.string().optional(),
    MIGRATIONS_RUN: booleanish.optional(),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'] as const) {
      if (!env[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required when NODE_ENV=production (the embedded defaults are for development only)',
        });
      }
    }
  });

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  role: 'all' | 'api' | 'worker';
  http: { port: number; host: string; publicUrl: string };
  /** dataDir: PGlite data directory; null keeps the embedded database in memory (tests). */
  database: { url: string | null; dataDir: string | null };
  redis: { url: string | null; prefix: string };
  /** sendWindow: `always`, or `working-hours` (08:00–18:00 Amsterdam on working days). */
  mail: { smtpUrl: string | null; from: string; sendWindow: 'always' | 'working-hours' };
  demoData: boolean;
  session: { cookieSecure: boolean; idleMinutes: number; absoluteHours: number };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  webDist: string;
  dataDir: string;
  runMigrations: boolean;
  /** Largest accepted attachment (bytes); larger uploads answer 413. */
  attachments: { maxBytes: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws ConfigError with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  ) as Record<string, string>;
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const embeddedDatabase = !e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    role: e.ROLE,
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}` },
    database: { url: e.DATABASE_URL ?? null, dataDir: path.join(dataDir, 'pglite') },
    redis: { url: e.REDIS_URL ?? null, prefix: e.REDIS_PREFIX },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      // Someone trying the app at night still sees a reminder arrive in the embedded mailbox.
      sendWindow: e.MAIL_SEND_WINDOW ?? (e.SMTP_URL ? 'working-hours' : 'always'),
    },
    demoData: e.DEMO_DATA ?? embeddedDatabase,
    session: {
      cookieSecure: e.SESSION_COOKIE_SECURE ?? e.NODE_ENV === 'production',
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
    },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    dataDir,
    runMigrations: e.MIGRATIONS_RUN ?? e.NODE_ENV !== 'production',
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES },
  };
}
