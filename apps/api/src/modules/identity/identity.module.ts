import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { EphemeralStore } from './ephemeral-store';
import { LoginService } from './login.service';
import { LoginThrottleService } from './login-throttle.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { PasswordService } from './password.service';
import { RateLimitGuard } from './rate-limit.guard';
import { SessionCache } from './session-cache';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, OidcController],
  providers: [
    PasswordService,
    SessionCache,
    SessionsService,
    EphemeralStore,
    LoginThrottleService,
    LoginService,
    OidcService,
    // Global guards run in this order: the rate limit first (a flood never reaches the database), then the session.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordService, SessionsService, EphemeralStore, LoginThrottleService],
})
export class IdentityModule {}
