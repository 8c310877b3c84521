import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthPurge } from './auth-purge';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionGuard } from './session.guard';

@Module({
  controllers: [AuthController],
  providers: [AuthService, AuthPurge, LoginThrottle, { provide: APP_GUARD, useClass: SessionGuard }],
  // LoginThrottle: the applicant's status lookup is limited like logins (R1).
  exports: [AuthService, LoginThrottle],
})
export class AuthModule {}
