import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { SecurityEventsService } from '../audit/security-events.service';
import { EphemeralStore } from './ephemeral-store';

const ACCOUNT = 'login-fail-account';
const IP = 'login-fail-ip';

/**
 * Login throttling on FAILED attempts only (a successful login costs nothing, so people and
 * tests that log in often are never slowed): per account (the email as typed, lower-cased,
 * known or not — the answer does not reveal whether an account exists) and per client IP.
 * Over either limit the login answers 429 with Retry-After, before the password is checked.
 * Wrong current passwords on POST /api/auth/password count too.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly limiter: EphemeralStore,
    private readonly events: SecurityEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get windowMs(): number {
    return this.config.throttle.failureWindowMinutes * 60_000;
  }

  /** 429 when the account or the IP used up its failures in this window. */
  async assertAllowed(email: string, request: FastifyRequest): Promise<void> {
    const account = await this.limiter.peek(ACCOUNT, email.toLowerCase());
    if (account.count >= this.config.throttle.maxFailuresPerAccount) {
      await this.events.record(
        {
          type: 'login.throttled',
          actor: { userId: null, label: email.toLowerCase() },
          data: { scope: 'account' },
        },
        request,
      );
      throw ProblemException.tooManyRequests(
        'Te veel mislukte inlogpogingen voor dit account. Probeer het later opnieuw.',
        account.resetMs / 1000,
      );
    }
    const ip = await this.limiter.peek(IP, request.ip);
    if (ip.count >= this.config.throttle.maxFailuresPerIp) {
      await this.events.record(
        {
          type: 'login.throttled',
          actor: { userId: null, label: email.toLowerCase() },
          data: { scope: 'ip' },
        },
        request,
      );
      throw ProblemException.tooManyRequests(
        'Te veel mislukte inlogpogingen vanaf dit adres. Probeer het later opnieuw.',
        ip.resetMs / 1000,
      );
    }
  }

  /** Counts a failure; records `login.locked` when this failure reaches the account's limit. */
  async recordFailure(email: string, request: FastifyRequest, userId: string | null): Promise<void> {
    const account = await this.limiter.hit(ACCOUNT, email.toLowerCase(), this.windowMs);
    const ip = await this.limiter.hit(IP, request.ip, this.windowMs);
    if (account.count === this.config.throttle.maxFailuresPerAccount) {
      await this.events.record(
        {
          type: 'login.locked',
          actor: { userId, label: email.toLowerCase() },
          ...(userId ? { target: { type: 'user', id: userId } } : {}),
          data: {
            scope: 'account',
            failures: account.count,
            lockedForSeconds: Math.ceil(account.resetMs / 1000),
          },
        },
        request,
      );
    }
    if (ip.count === this.config.throttle.maxFailuresPerIp) {
      await this.events.record(
        {
          type: 'login.locked',
          actor: { userId: null, label: null },
          data: { scope: 'ip', failures: ip.count, lockedForSeconds: Math.ceil(ip.resetMs / 1000) },
        },
        request,
      );
    }
  }

  /** A successful login clears the account's failures (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    await this.limiter.clear(ACCOUNT, email.toLowerCase());
  }
}
