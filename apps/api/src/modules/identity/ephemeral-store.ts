import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { redisConnectionOptions } from '../../runtime/redis-discovery';
import type { Runtime } from '../../runtime/runtime';
import { RUNTIME } from '../../runtime/runtime.tokens';

export interface Counter {
  count: number;
  /** Milliseconds until the window ends (0 when there is no counter). */
  resetMs: number;
}

/** INCR and, on the first hit of a window, PEXPIRE — atomically. Returns [count, pttl]. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** GET and DEL in one step (GETDEL needs Redis 6.2). */
const TAKE = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('DEL', KEYS[1]) end
return value`;

/**
 * Short-lived state in Redis (the discovered connection, under `<REDIS_PREFIX>:rl:`):
 * fixed-window counters for login throttling and the rate limits of public endpoints, and
 * one-time records (the OIDC login state). Keys are hashed (no email, IP or state in Redis
 * keys). When Redis does not answer, the counters let the request through and log it: the
 * readiness check already reports Redis down, and refusing every login would be worse. One-time
 * records fail closed (an OIDC login then fails).
 */
@Injectable()
export class EphemeralStore implements OnModuleDestroy {
  private readonly logger = new Logger('EphemeralStore');
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.prefix = `${runtime.redis.prefix}:rl:`;
    this.redis = new Redis({
      ...redisConnectionOptions(runtime.redis.url),
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  private key(bucket: string, id: string): string {
    return `${this.prefix}${bucket}:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
  }

  /** Counts one event in the bucket's current window. */
  async hit(bucket: string, id: string, windowMs: number): Promise<Counter> {
    try {
      const [count, ttl] = (await this.redis.eval(HIT, 1, this.key(bucket, id), String(windowMs))) as [
        number,
        number,
      ];
      return { count, resetMs: ttl };
    } catch (error) {
      this.logger.warn({ err: error, bucket }, 'Rate limiter unavailable; allowing');
      return { count: 0, resetMs: 0 };
    }
  }

  /** The current window's count, without counting. */
  async peek(bucket: string, id: string): Promise<Counter> {
    try {
      const key = this.key(bucket, id);
      const [[, value], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
        [unknown, string | null],
        [unknown, number],
      ];
      return { count: value ? Number(value) : 0, resetMs: ttl > 0 ? ttl : 0 };
    } catch (error) {
      this.logger.warn({ err: error, bucket }, 'Rate limiter unavailable; allowing');
      return { count: 0, resetMs: 0 };
    }
  }

  async clear(bucket: string, id: string): Promise<void> {
    try {
      await this.redis.del(this.key(bucket, id));
    } catch (error) {
      this.logger.warn({ err: error, bucket }, 'Rate limiter unavailable');
    }
  }

  /** Stores a one-time record for `ttlMs`. */
  async put(bucket: string, id: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(bucket, id), value, 'PX', ttlMs);
  }

  /** Reads and deletes a one-time record: a second take of the same id finds nothing. */
  async take(bucket: string, id: string): Promise<string | null> {
    return (await this.redis.eval(TAKE, 1, this.key(bucket, id))) as string | null;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
