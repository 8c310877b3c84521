import { HttpStatus, Logger } from '@nestjs/common';
import { can, type Action, type SessionUser } from '@hub/shared';
import { ProblemException } from './problem';

const log = new Logger('Authority');

/** R2: one place where a refusal is decided, logged and turned into a 403 that changes nothing. */
export function authorize(user: SessionUser, action: Action, target?: { departmentId?: string }): void {
  if (can(user, action, target)) return;
  log.warn({ msg: 'forbidden', user: user.username, role: user.role, action, target });
  throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', `${user.role} ${user.username} may not ${action} here`);
}
