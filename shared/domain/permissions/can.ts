import type { Role, SessionUser } from '../../contracts/auth';

export const ACTIONS = [
  'board.read',
  'project.read',
  'project.register',
  'project.admit',
  'item.accept',
  'item.decide',
  'card.read',
  'calendar.read',
  'clock.advance',
  // R18–R20: meetings and site inspections
  'meeting.read',
  'meeting.convene',
  'meeting.manage',
  'meeting.attend',
  'meeting.opine',
  // R12, R13, R16: deadlines moved or held
  'item.extend',
  'item.delay',
  'explanation.file',
  'explanation.rule',
] as const;
export type Action = (typeof ACTIONS)[number];

/** any: wherever the action applies; own_department: only on the user's own department's target (R2). */
export type GrantScope = 'any' | 'own_department';
export type Grant = Readonly<Partial<Record<Role, GrantScope>>>;

const STAFF_READ: Grant = { admin: 'any', leader: 'any', window: 'any', liaison: 'any' };
const CONVENERS: Grant = { leader: 'any', window: 'any', liaison: 'own_department' };

/** R1/R2: who may do what. Roles not listed are refused. */
export const PERMISSIONS: Readonly<Record<Action, Grant>> = {
  'board.read': STAFF_READ,
  'project.read': STAFF_READ,
  'card.read': STAFF_READ,
  'calendar.read': STAFF_READ,
  'project.register': { window: 'any' },
  'project.admit': { leader: 'any' },
  'item.accept': { window: 'any', liaison: 'own_department' },
  'item.decide': { liaison: 'own_department' },
  'clock.advance': { admin: 'any' },
  'meeting.read': STAFF_READ,
  // R18: the lead department (its liaison; target = the project's lead department), the window or a leader.
  'meeting.convene': CONVENERS,
  // Open, mark present in person, record rectifications, conclude and close (target = the convening department).
  'meeting.manage': CONVENERS,
  // R19/R2: a liaison joins and gives opinions only as its own department.
  'meeting.attend': { liaison: 'own_department' },
  'meeting.opine': { liaison: 'own_department' },
  'item.extend': { leader: 'any' },
  'item.delay': { window: 'any' },
  'explanation.file': { liaison: 'own_department' },
  'explanation.rule': { leader: 'any' },
};

/** One vocabulary for the server's checks and the client's show/hide. */
export function can(
  user: Pick<SessionUser, 'role' | 'departmentId'>,
  action: Action,
  target?: { departmentId?: string },
): boolean {
  const scope = PERMISSIONS[action][user.role];
  if (scope === 'any') return true;
  if (scope === 'own_department') {
    // R2: a liaison without a department, or without a target department, acts for nobody.
    return user.departmentId != null && target?.departmentId != null && user.departmentId === target.departmentId;
  }
  return false;
}
