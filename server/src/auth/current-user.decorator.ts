import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SessionUser } from '@hub/shared';

export type AuthedRequest = { user?: SessionUser; cookies?: Record<string, string> };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
