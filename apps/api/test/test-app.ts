import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import type { InjectOptions, Response } from 'light-my-request';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { DEMO_PASSWORD } from '../src/database/seeds/demo.seed';
import { prepareRuntime, type Runtime } from '../src/runtime/runtime';

/**
 * The medium tier: the real app (Fastify, Nest, TypeORM, BullMQ) on a fresh database. Without
 * DATABASE_URL it is an in-memory PGlite (the embedded default); with DATABASE_URL a scratch
 * database is created on that server for this test file and dropped afterwards. Redis is found
 * the way `npm start` finds it, with a key prefix of its own.
 */
export interface TestApp {
  app: NestFastifyApplication;
  runtime: Runtime;
  db: DataSource;
  mode: 'embedded' | 'server';
  request(options: InjectOptions): Promise<Response>;
  login(email: string, password?: string): Promise<Agent>;
  close(): Promise<void>;
}

export class Agent {
  private cookies = new Map<string, string>();

  constructor(private readonly app: NestFastifyApplication) {}

  remember(response: Response): void {
    for (const c of response.cookies as { name: string; value: string }[]) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get csrf(): string {
    return this.cookies.get('doorbraak_csrf') ?? '';
  }

  async request(options: InjectOptions & { csrf?: boolean }): Promise<Response> {
    const { csrf = true, ...rest } = options;
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
    if (csrf && this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await this.app.inject({ ...rest, headers, cookies: Object.fromEntries(this.cookies) });
    this.remember(response);
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: unknown): Promise<Response> {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
}

async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `doorbraak_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl) : null;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'doorbraak-test-'));
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    REDIS_PREFIX: prefix,
    DEMO_DATA: 'true',
    WEB_DIST: path.join(dataDir, 'no-web'),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  // Without a server: an in-memory PGlite.
  const finalConfig = scratch ? config : { ...config, database: { ...config.database, dataDir: null } };
  const runtime = await prepareRuntime(finalConfig);
  const app = await createApp(runtime);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    runtime,
    db: app.get(DataSource),
    mode: scratch ? 'server' : 'embedded',
    request: (options) => app.inject(options),
    async login(email, password = DEMO_PASSWORD) {
      const agent = new Agent(app);
      const response = await agent.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`Login of ${email} failed: ${response.statusCode} ${response.body}`);
      return agent;
    },
    async close() {
      await app.close();
      await deleteKeys(runtime.redis.url, prefix);
      await runtime.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO = {
  barendrecht: 'gemeente.barendrecht@demo.doorbraak.nl',
  assen: 'gemeente.assen@demo.doorbraak.nl',
  coordinatorZh: 'coordinator.zh@demo.doorbraak.nl',
  liander: 'liander@demo.doorbraak.nl',
  national: 'landelijk@demo.doorbraak.nl',
  admin: 'admin@demo.doorbraak.nl',
} as const;
