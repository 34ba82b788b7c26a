import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import Redis from 'ioredis';

export interface RedisEndpoint {
  url: string;
  source: 'env' | 'local' | 'private';
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  constructor() {
    super(
      'No Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and no redis-server ' +
        'is installed to start a private one. Install Redis (`apt-get install redis-server` or ' +
        '`brew install redis`) or set REDIS_URL=redis://host:6379.',
    );
    this.name = 'RedisUnavailableError';
  }
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 700,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function findOnPath(binary: string): string | null {
  const dirs = (process.env.PATH ?? '')
    .split(path.delimiter)
    .concat(['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']);
  for (const dir of dirs) {
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface DiscoverRedisOptions {
  url: string | null;
  dataDir: string;
  /** Where to look for an already running Redis (default redis://127.0.0.1:6379). */
  localUrl?: string;
  /** The redis-server binary; by default looked up on PATH. */
  serverBinary?: string | null;
}

/**
 * REDIS_URL if set; otherwise a Redis already listening on 127.0.0.1:6379; otherwise a private
 * redis-server from the machine (own port, own data dir, stopped with the app).
 */
export async function discoverRedis(options: DiscoverRedisOptions): Promise<RedisEndpoint> {
  const noop = () => Promise.resolve();
  if (options.url) return { url: options.url, source: 'env', stop: noop };

  const localUrl = options.localUrl ?? 'redis://127.0.0.1:6379';
  if (await answersPing(localUrl)) return { url: localUrl, source: 'local', stop: noop };

  const binary = options.serverBinary === undefined ? findOnPath('redis-server') : options.serverBinary;
  if (!binary) throw new RedisUnavailableError();

  const dir = path.join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answersPing(url)) return { url, source: 'private', stop: () => stopChild(child) };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new RedisUnavailableError();
}

/** ioredis options for a redis:// URL, with the settings BullMQ needs. */
export function redisConnectionOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
