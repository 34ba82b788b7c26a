import 'reflect-metadata';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './database/seeds/demo.seed';
import { RedisUnavailableError } from './runtime/redis-discovery';
import { prepareRuntime, type Runtime } from './runtime/runtime';

const SHUTDOWN_GRACE_MS = 25_000;

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

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const runtime = await prepareRuntime(config);
  const app = await createApp(runtime).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: Doorbraak stopt…\n`);
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    // Fastify stops accepting and drains in-flight requests; workers finish their jobs; then DB and Redis close.
    app
      .close()
      .then(() => runtime.close())
      .then(() => {
        clearTimeout(force);
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
    process.stdout.write(`Doorbraak worker gestart (${Date.now() - started} ms)\n`);
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
