// First: OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http, pg and ioredis
// before anything loads them.
import { shutdownTracing } from './tracing';
import 'reflect-metadata';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { type AppConfig, ConfigError, loadConfig } from './config/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './database/seeds/demo.seed';
import { runMigrate } from './migrate';
import { startWorkerHealthServer } from './modules/health/worker-health-server';
import { closeWorkers } from './queue/workers';
import { RedisUnavailableError } from './runtime/redis-discovery';
import { prepareRuntime, type Runtime } from './runtime/runtime';

const ROLES = ['all', 'api', 'worker', 'migrate'] as const;
const USAGE = `Usage: node apps/api/dist/main.js [${ROLES.join('|')}]  (or ROLE=…; default: all)`;

function banner(runtime: Runtime): string {
  const { config } = runtime;
  const url = config.http.publicUrl.replace(/\/$/, '');
  const lines = [
    '',
    `Doorbraak draait op ${url}`,
    `  API:       ${url}/api  (OpenAPI: ${url}/api/docs, JSON: ${url}/api/docs-json)`,
    `  Database:  ${config.database.url ? 'PostgreSQL (DATABASE_URL)' : `ingebouwde PostgreSQL (PGlite) in ${config.database.dataDir ? path.relative(process.cwd(), config.database.dataDir) || '.' : 'geheugen'}`}`,
    `  Redis:     ${runtime.redis.source === 'env' ? 'REDIS_URL' : `${runtime.redis.url} (${runtime.redis.source === 'local' ? 'lokaal gevonden' : 'eigen redis-server'})`}`,
    runtime.mailbox
      ? `  Mailbox:   ${url}/mailbox  (ingebouwde mailcatcher; API: ${url}/api/dev/mailbox, als admin)`
      : '  Mail:      SMTP_URL',
  ];
  if (config.demoData) {
    lines.push('', `Demo-accounts (wachtwoord ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS)
      lines.push(`  ${a.email.padEnd(42)} ${a.role.padEnd(13)} ${a.organisation}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Stops accepting, lets in-flight requests finish, and closes keep-alive connections as soon as
 * they fall idle (Node closes only those idle at the moment of close(); a client's keep-alive
 * connection whose request was still running would otherwise hold the process until it times out).
 */
async function closeHttp(app: NestFastifyApplication): Promise<void> {
  const server = app.getHttpServer();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await app.getHttpAdapter().getInstance().close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * Graceful stop, in this order: the HTTP server stops accepting and lets in-flight requests
 * finish, and at the same time the BullMQ workers take no new jobs and finish the active ones
 * (their SMTP connections and the database stay open until then); then Nest closes the rest
 * (database, Redis). A job cut off by the deadline stays `active` in Redis and is picked up
 * again by BullMQ's stalled-job check once its lock expires (30 s).
 */
async function drainAndClose(app: NestFastifyApplication, runtime: Runtime, role: AppConfig['role']) {
  await Promise.all([role === 'worker' ? Promise.resolve() : closeHttp(app), closeWorkers(app, role)]);
  await app.close();
  await runtime.close();
}

async function main(): Promise<void> {
  const started = Date.now();
  const arg = process.argv[2];
  if (arg !== undefined && !(ROLES as readonly string[]).includes(arg)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig(arg ? { ...process.env, ROLE: arg } : process.env);

  if (config.role === 'migrate') {
    await runMigrate(config, (line) => process.stdout.write(`${line}\n`));
    process.exit(0);
  }

  const runtime = await prepareRuntime(config);
  const app = await createApp(runtime).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  let health: Awaited<ReturnType<typeof startWorkerHealthServer>> | null = null;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const began = Date.now();
    process.stdout.write(`\n${signal}: Doorbraak stopt (${config.role})…\n`);
    const force = setTimeout(() => {
      process.stdout.write(`Niet gestopt binnen ${config.shutdownGraceMs} ms: afgebroken.\n`);
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    health?.stopping();
    drainAndClose(app, runtime, config.role)
      .then(() => health?.close())
      // Last: the spans of the drained requests and jobs are flushed to the collector.
      .then(() => shutdownTracing())
      .then(() => {
        clearTimeout(force);
        process.stdout.write(`Gestopt in ${Date.now() - began} ms.\n`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  if (config.role === 'worker') {
    health = await startWorkerHealthServer(app, config);
    process.stdout.write(
      `Doorbraak worker gestart (${Date.now() - started} ms); health: http://${config.http.host}:${health.port}/health\n`,
    );
    return;
  }
  await app.listen({ port: config.http.port, host: config.http.host });
  process.stdout.write(banner(runtime));
  process.stdout.write(`Klaar in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    console.error(error.message);
  } else {
    console.error('Doorbraak kon niet starten:', error);
  }
  process.exit(1);
});
