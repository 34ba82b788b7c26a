import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRedis, RedisUnavailableError } from './redis-discovery';

const dataDir = mkdtempSync(path.join(tmpdir(), 'doorbraak-redis-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Nothing listens on port 1 on this machine: it stands in for "no Redis on 6379".
const NOWHERE = 'redis://127.0.0.1:1';

describe('discoverRedis', () => {
  it('uses REDIS_URL as given', async () => {
    const endpoint = await discoverRedis({ url: 'redis://example:6379', dataDir });
    expect(endpoint).toMatchObject({ url: 'redis://example:6379', source: 'env' });
  });

  it('starts a private redis-server with its own port and data dir when none answers, and stops it', async () => {
    const endpoint = await discoverRedis({
      url: null,
      dataDir,
      localUrl: NOWHERE,
      serverBinary: '/usr/bin/redis-server',
    });
    expect(endpoint.source).toBe('private');
    const client = new Redis(endpoint.url, { maxRetriesPerRequest: 1 });
    expect(await client.ping()).toBe('PONG');
    expect(await client.config('GET', 'dir')).toEqual(['dir', path.join(dataDir, 'redis')]);
    client.disconnect();
    await endpoint.stop();
    const after = new Redis(endpoint.url, {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    after.on('error', () => undefined);
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });

  it('fails with one sentence saying how to get Redis when there is none', async () => {
    const attempt = discoverRedis({ url: null, dataDir, localUrl: NOWHERE, serverBinary: null });
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server.*REDIS_URL/);
  });
});
