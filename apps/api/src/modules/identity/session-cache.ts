import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { setBounded } from '../../common/bounded-map';
import type { AppConfig } from '../../config/config';
import { redisConnectionOptions } from '../../runtime/redis-discovery';
import type { Runtime } from '../../runtime/runtime';
import { APP_CONFIG, RUNTIME } from '../../runtime/runtime.tokens';

const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * Resolved sessions kept in memory for SESSION_CACHE_SECONDS (default 5; 0 turns it off), so a
 * burst of requests from one browser does not look its session up in the database each time.
 *
 * Correctness rests on invalidation, not on the TTL: every change that can end a session or change
 * an actor (logout, revocation, password change, a user's role, organisation or deactivation, an
 * organisation's name or scope) calls `invalidate()` after it is committed. That empties this
 * process's cache and publishes on the Redis channel `<REDIS_PREFIX>:sessions:invalidate`, which
 * every other api process subscribes to and empties its cache on. The cache only serves while its
 * subscription is live: when Redis drops the connection the cache is emptied and bypassed until
 * the channel is subscribed again, so a missed message cannot keep a revoked session alive; the
 * TTL bounds the one race left (a lookup that began before a change and is stored after it).
 */
@Injectable()
export class SessionCache<T = unknown> implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionCache');
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private publisher: Redis | null = null;
  private live = false;
  /** Advances on every invalidation: a lookup that began before one is not stored after it. */
  private generation = 0;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.session.cacheSeconds * 1000;
    this.channel = `${runtime.redis.prefix}:sessions:invalidate`;
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.live;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs === 0) return;
    const options = { ...redisConnectionOptions(this.runtime.redis.url), lazyConnect: true };
    this.publisher = new Redis({ ...options, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
    this.publisher.on('error', () => undefined);
    const subscriber = new Redis({ ...options, autoResubscribe: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', () => this.clear());
    subscriber.on('close', () => this.suspend());
    subscriber.on('ready', () => void this.subscribe());
    try {
      await subscriber.connect();
    } catch (error) {
      this.logger.warn({ err: error }, 'Session cache off until Redis answers');
    }
  }

  private clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private suspend(): void {
    this.live = false;
    this.clear();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber?.subscribe(this.channel);
      this.clear();
      this.live = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'Session cache off: could not subscribe');
      this.suspend();
    }
  }

  /** Call before looking a session up; pass the answer to `set`. */
  begin(): number {
    return this.generation;
  }

  get(key: string): T | undefined {
    if (!this.enabled) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /**
   * Keeps `value` for the TTL, never beyond `notAfter` (the session's absolute expiry), unless the
   * cache was invalidated since `begin()` returned `generation`.
   */
  set(key: string, value: T, notAfter: Date, generation: number): void {
    if (!this.enabled || generation !== this.generation) return;
    const until = Math.min(Date.now() + this.ttlMs, notAfter.getTime());
    setBounded(this.entries, key, { value, until }, MAX_ENTRIES);
  }

  /** Empties the cache here and in every other process. Call after the change is committed. */
  async invalidate(): Promise<void> {
    this.clear();
    if (!this.publisher || this.ttlMs === 0) return;
    try {
      await this.publisher.publish(this.channel, '1');
    } catch (error) {
      // The others' TTL still bounds how long they answer from memory.
      this.logger.error({ err: error }, 'Could not tell other processes to drop cached sessions');
    }
  }

  onModuleDestroy(): void {
    this.live = false;
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
