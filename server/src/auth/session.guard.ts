import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { canSomewhere, PASSWORD_CHANGE_REQUIRED } from '@hub/shared';
import { authorize } from '../common/authorize';
import { ProblemException } from '../common/problem';
import { AuthService } from './auth.service';
import type { AuthedRequest } from './current-user.decorator';
import { BEFORE_PASSWORD_CHANGE } from './password-change.decorator';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRES, type RouteAction } from './requires.decorator';
import { SESSION_COOKIE } from './session-cookie';

/** Global guard: every route needs a live session unless @Public(), and declares the action it performs. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true; // sockets authenticate at the handshake
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const user = await this.auth.userForToken(req.cookies?.[SESSION_COOKIE]);
    if (user) req.user = user;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    if (!user) throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Log in first');
    const action = this.reflector.get<RouteAction | undefined>(REQUIRES, ctx.getHandler());
    if (!action) throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name} declares no @Requires or @Public`);
    if (user.mustChangePassword && !this.reflector.get<boolean>(BEFORE_PASSWORD_CHANGE, ctx.getHandler())) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Password change required',
        'Choose a new password first',
        [{ field: 'newPassword', message: 'a new password is required' }],
        {
          type: PASSWORD_CHANGE_REQUIRED,
        },
      );
    }
    // R1/R2: refused here when the role could not do it even to its own (or a principal's) department's objects.
    if (action !== 'any-session' && !canSomewhere(user, action)) authorize(user, action);
    return true;
  }
}
