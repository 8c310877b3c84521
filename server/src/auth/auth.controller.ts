import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { Requires } from './requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SessionUser } from '@hub/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { AuthService } from './auth.service';
import { CurrentUser, type AuthedRequest } from './current-user.decorator';
import { ChangePasswordDto, LoginDto } from './login.dto';
import { AllowedBeforePasswordChange } from './password-change.decorator';
import { Public } from './public.decorator';
import { SESSION_COOKIE, SESSION_TTL_MS } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionUser> {
    const { token, user } = await this.auth.login(dto.username, dto.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      // Secure whenever the request came over TLS (directly or via a trusted proxy).
      secure: this.config.secureCookies || req.secure,
      path: '/',
      maxAge: SESSION_TTL_MS,
    });
    return user;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Requires('any-session')
  @AllowedBeforePasswordChange()
  @Get('me')
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }

  /** R1: the user's own new password; required after first login or a reset. */
  @Requires('any-session')
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentUser() user: SessionUser, @Body() dto: ChangePasswordDto): Promise<SessionUser> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
