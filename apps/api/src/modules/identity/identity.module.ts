import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController],
  providers: [PasswordService, SessionsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [PasswordService, SessionsService],
})
export class IdentityModule {}
