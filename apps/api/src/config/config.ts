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
    ROLE: z.enum(['all', 'api', 'worker', 'migrate']).default('all'),
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
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIST: z.string().optional(),
    MIGRATIONS_RUN: booleanish.optional(),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    METRICS_TOKEN: z.string().min(16).optional(),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
    OIDC_REDIRECT_URI: z.url().optional(),
    OIDC_ROLE_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:./-]{1,200}$/)
      .default('doorbraak_role'),
    OIDC_ORGANISATION_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:./-]{1,200}$/)
      .default('doorbraak_organisation'),
    OIDC_SCOPES: z
      .string()
      .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/)
      .default('openid email profile'),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
    LOGIN_FAILURE_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    ACTION_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    // OpenTelemetry tracing (tracing.ts): on when the endpoint is set. The SDK reads these itself;
    // they are validated here so a typo stops the start like any other setting.
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .url()
      .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http:// or https:// URL' })
      .optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json', 'grpc']).optional(),
    OTEL_EXPORTER_OTLP_HEADERS: z
      .string()
      .regex(/^[^=,\s]+=[^,]*(,[^=,\s]+=[^,]*)*$/, { message: 'must be key=value pairs separated by commas' })
      .optional(),
    OTEL_TRACES_SAMPLER: z
      .enum([
        'always_on',
        'always_off',
        'traceidratio',
        'parentbased_always_on',
        'parentbased_always_off',
        'parentbased_traceidratio',
      ])
      .optional(),
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
    OTEL_RESOURCE_ATTRIBUTES: z
      .string()
      .regex(/^[^=,\s]+=[^,]*(,[^=,\s]+=[^,]*)*$/, { message: 'must be key=value pairs separated by commas' })
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_CLIENT_ID'],
        message: 'is required when OIDC_ISSUER is set',
      });
    }
    if (env.OIDC_ISSUER && !env.OIDC_SCOPES.split(' ').includes('openid')) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_SCOPES'], message: 'must include openid' });
    }
    if (env.NODE_ENV === 'production' && env.OIDC_ISSUER && !env.OIDC_ISSUER.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'must be an https:// URL in production',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    // The migration job needs only the database; every other role needs all four.
    const required =
      env.ROLE === 'migrate'
        ? (['DATABASE_URL'] as const)
        : (['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'] as const);
    for (const key of required) {
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
  /** all: HTTP and workers; api: HTTP only; worker: queues, sweeper, schedulers; migrate: migrate and exit. */
  role: 'all' | 'api' | 'worker' | 'migrate';
  http: { port: number; host: string; publicUrl: string };
  /** dataDir: PGlite data directory; null keeps the embedded database in memory (tests). */
  database: { url: string | null; dataDir: string | null };
  redis: { url: string | null; prefix: string };
  /** sendWindow: `always`, or `working-hours` (08:00–18:00 Amsterdam on working days). */
  mail: { smtpUrl: string | null; from: string; sendWindow: 'always' | 'working-hours' };
  demoData: boolean;
  session: { cookieSecure: boolean; idleMinutes: number; absoluteHours: number; cacheSeconds: number };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  webDist: string;
  dataDir: string;
  runMigrations: boolean;
  /** Largest accepted attachment (bytes); larger uploads answer 413. */
  attachments: { maxBytes: number };
  /** ROLE=worker: port of its small HTTP server (/health, /health/ready, /metrics); sweepIntervalMs: how often the sweeper runs. */
  worker: { healthPort: number; sweepIntervalMs: number };
  /** GET /api/metrics: a bearer token that allows scraping from outside loopback (null: loopback and admins only). */
  metrics: { token: string | null };
  /** SIGTERM: how long in-flight requests and jobs may take before the process exits anyway. */
  shutdownGraceMs: number;
  /** Single sign-on with one OpenID Connect provider for every organisation; null when off. */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string | null;
    redirectUri: string;
    roleClaim: string;
    organisationClaim: string;
    scopes: string;
  } | null;
  /** Login throttling (failed logins only) and the request rate limit of public endpoints. */
  throttle: {
    maxFailuresPerAccount: number;
    maxFailuresPerIp: number;
    failureWindowMinutes: number;
    publicPerMinute: number;
  };
  /** Signed action links in reminder emails to contacts without an account. */
  actionLinks: { days: number };
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
      cacheSeconds: e.SESSION_CACHE_SECONDS,
    },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    dataDir,
    runMigrations: e.MIGRATIONS_RUN ?? e.NODE_ENV !== 'production',
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES },
    worker: { healthPort: e.WORKER_HEALTH_PORT, sweepIntervalMs: e.SWEEP_INTERVAL_SECONDS * 1000 },
    metrics: { token: e.METRICS_TOKEN ?? null },
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? null,
            redirectUri:
              e.OIDC_REDIRECT_URI ??
              `${(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')}/api/auth/oidc/callback`,
            roleClaim: e.OIDC_ROLE_CLAIM,
            organisationClaim: e.OIDC_ORGANISATION_CLAIM,
            scopes: e.OIDC_SCOPES,
          }
        : null,
    throttle: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      failureWindowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
      publicPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    },
    actionLinks: { days: e.ACTION_LINK_DAYS },
  };
}
