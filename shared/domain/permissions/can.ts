import type { Role, SessionUser } from '../../contracts/auth';

export const ACTIONS = [
  'board.read',
  'project.read',
  'project.register',
  'project.admit',
  // R3, R4a: refusing admission, the national project code, the applicant's withdrawal
  'project.edit',
  'project.withdraw',
  'item.accept',
  'item.decide',
  'card.read',
  'card.checkpoint',
  'calendar.read',
  'clock.advance',
  // R18–R20: meetings and site inspections
  'meeting.read',
  'meeting.convene',
  'meeting.manage',
  'meeting.attend',
  'meeting.opine',
  'meeting.close',
  // R17: correcting a document, revoking a deemed consent issued in error
  'notice.correct',
  // R12, R13, R16: deadlines moved or held
  'item.extend',
  'item.delay',
  // R10a: special procedures (hearings, expert review, …) that stop an item's clock
  'item.special_procedure',
  'explanation.file',
  'explanation.rule',
  'inquiry.register',
  'inquiry.read',
  'inquiry.act',
  'inquiry.statistics',
  // R6–R9, R17: materials, numbered documents, permits, mega projects
  'materials.request',
  'materials.record',
  'materials.rule',
  // R28: files attached to materials
  'materials.attach',
  'materials.files.read',
  'notice.read',
  'notice.issue',
  'pickup.record',
  'permit.issue',
  'mega.track',
  // R11, R14a, R21, R22: calendar and settings administration, alerts, the leaders' view
  'calendar.edit',
  'settings.edit',
  'alerts.read',
  'accountability.read',
  'circulation.issue',
  // R1: the admin keeps departments and people; a liaison names its deputy
  'people.manage',
  'deputy.name',
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
  // R5: exporting a signed chain head is an oversight act: leaders and admins.
  'card.checkpoint': { leader: 'any', admin: 'any' },
  'calendar.read': STAFF_READ,
  'project.register': { window: 'any' },
  'project.admit': { leader: 'any' },
  // R4a: the window records what the applicant brings: its national code, its withdrawal.
  'project.edit': { window: 'any' },
  'project.withdraw': { window: 'any' },
  'item.accept': { window: 'any', liaison: 'own_department' },
  'item.decide': { liaison: 'own_department' },
  'clock.advance': { admin: 'any' },
  'meeting.read': STAFF_READ,
  // R18: the lead department (its liaison; target = the project's lead department), the window or a leader.
  'meeting.convene': CONVENERS,
  // Open, mark present in person, record rectifications, propose the close (target = the convening department).
  'meeting.manage': CONVENERS,
  // R15a: a close with R15 effect only by the window or a leader, never a liaison.
  'meeting.close': { window: 'any', leader: 'any' },
  // R17: a leader corrects a document or revokes a deemed consent by a correction notice.
  'notice.correct': { leader: 'any' },
  // R19/R2: a liaison joins and gives opinions only as its own department.
  'meeting.attend': { liaison: 'own_department' },
  'meeting.opine': { liaison: 'own_department' },
  'item.extend': { leader: 'any' },
  'item.delay': { window: 'any' },
  // R10a: the window records a special procedure on an item, its start and its end (R2: no liaison,
  // not even on its own item: the clock that binds the department is not the department's to stop).
  'item.special_procedure': { window: 'any' },
  'explanation.file': { liaison: 'own_department' },
  'explanation.rule': { leader: 'any' },
  // R23 Decision: any staff member the public can ask is a first responder (第三篇: 首先受到询问的
  // 中心工作人员) — window, liaisons at their department's window, leaders; admin keeps the system,
  // not the counter. Which inquiry a person may read or act on is decided per inquiry (inquiryRoles).
  'inquiry.register': { window: 'any', leader: 'any', liaison: 'any' },
  'inquiry.read': { window: 'any', leader: 'any', liaison: 'any' },
  'inquiry.act': { window: 'any', leader: 'any', liaison: 'any' },
  'inquiry.statistics': { leader: 'any' },
  // R7: the window keeps the checklist; a department may ask for a material for its own item
  // (after the one-time notification that needs a leader's approval, decided per material).
  'materials.request': { window: 'any', liaison: 'own_department' },
  'materials.record': { window: 'any' },
  'materials.rule': { leader: 'any' },
  // R28: the window, or a liaison of the material's department (or its deputy), attaches files.
  'materials.attach': { window: 'any', liaison: 'own_department' },
  // R28/R2: files are read by those who may read the project; a liaison only where its department
  // (or a principal's) has an item on the project (target = each item's department in turn).
  'materials.files.read': { admin: 'any', leader: 'any', window: 'any', liaison: 'own_department' },
  'notice.read': STAFF_READ,
  // R7, R9, R17: the window issues the one-time notification, receipts, pickups and permits.
  'notice.issue': { window: 'any' },
  'pickup.record': { window: 'any' },
  'permit.issue': { window: 'any' },
  // R6: the center names the tracker (leader or window); the window records the forward.
  'mega.track': { leader: 'any', window: 'any' },
  // R1: the admin keeps the calendar (R11) and the settings; every change is on record.
  'calendar.edit': { admin: 'any' },
  'settings.edit': { admin: 'any' },
  // R14a: liaisons and the window are alerted; each reads only its own inbox (the service filters by user).
  'alerts.read': { liaison: 'any', window: 'any', leader: 'any' },
  // R21/R22: leaders check the record and circulate reports.
  'accountability.read': { leader: 'any' },
  'circulation.issue': { leader: 'any' },
  'people.manage': { admin: 'any' },
  // R1: a liaison names its own deputy (target = its department); the admin names anyone's.
  'deputy.name': { admin: 'any', liaison: 'own_department' },
};

/**
 * One vocabulary for the server's checks and the client's show/hide. R1: a deputy in its period
 * also holds the liaison's rights of the principal's department (deputyFor comes from the server).
 */
export function can(
  user: Pick<SessionUser, 'role' | 'departmentId' | 'deputyFor'>,
  action: Action,
  target?: { departmentId?: string },
): boolean {
  if (allows(PERMISSIONS[action][user.role], user.departmentId, target)) return true;
  return (user.deputyFor ?? []).some((grant) => allows(PERMISSIONS[action].liaison, grant.departmentId, target));
}

/** Whether the user could do this to its own department's objects, or to a principal's (the route-level check). */
export function canSomewhere(user: Pick<SessionUser, 'role' | 'departmentId' | 'deputyFor'>, action: Action): boolean {
  const departments = [user.departmentId, ...(user.deputyFor ?? []).map((g) => g.departmentId)];
  return departments.some((departmentId) => can(user, action, { departmentId: departmentId ?? undefined }));
}

function allows(scope: GrantScope | undefined, departmentId: string | null, target?: { departmentId?: string }): boolean {
  if (scope === 'any') return true;
  // R2: a liaison without a department, or without a target department, acts for nobody.
  if (scope === 'own_department') return departmentId != null && target?.departmentId != null && departmentId === target.departmentId;
  return false;
}
