import type { SessionUser } from '../../contracts/auth';
import type { InquiryStatus } from './inquiry-status';

/**
 * R2 for inquiries: how a user stands to one inquiry. The first responder owns it until it is
 * answered (第一篇 一); a colleague it was transferred to holds it once acknowledged; leaders
 * supervise every inquiry and take escalated ones (第一篇 四(五)).
 */
export type InquiryRole = 'owner' | 'pending_transferee' | 'transferee' | 'leader';

export const INQUIRY_ACTIONS = [
  'answer',
  'promise',
  'transfer',
  'refer',
  'escalate',
  'acknowledge',
  'remind',
  'follow_up',
  'link_project',
] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

const HOLDERS: readonly InquiryRole[] = ['owner', 'transferee', 'leader'];

/** Who may take each step. The state machine then decides whether the step fits the state. */
export const INQUIRY_ACTORS: Readonly<Record<InquiryAction, readonly InquiryRole[]>> = {
  answer: HOLDERS,
  promise: HOLDERS,
  transfer: HOLDERS,
  refer: HOLDERS,
  escalate: HOLDERS,
  // Only the colleague or department it was sent to takes a transfer over (asking twice is a
  // state conflict, not a refusal).
  acknowledge: ['pending_transferee', 'transferee'],
  // Supervision (督办) and follow-up (回访) stay with the first responder; leaders oversee both.
  remind: ['owner', 'leader'],
  follow_up: ['owner', 'leader'],
  link_project: HOLDERS,
};

/** The parts of an inquiry that decide who stands where. */
export interface InquiryParties {
  ownerId: string;
  status: InquiryStatus;
  handler: { userId: string | null; departmentId: string | null } | null;
}

type Person = Pick<SessionUser, 'id' | 'role' | 'departmentId'>;

export function inquiryRoles(user: Person, inquiry: InquiryParties): InquiryRole[] {
  const roles: InquiryRole[] = [];
  if (user.id === inquiry.ownerId) roles.push('owner');
  const handler = inquiry.handler;
  const holdsTransfer =
    handler !== null &&
    (handler.userId !== null
      ? handler.userId === user.id
      : // Sent to a department: any of its liaisons may take it over (R2: a liaison acts for its own department).
        user.role === 'liaison' && user.departmentId !== null && user.departmentId === handler.departmentId);
  if (holdsTransfer) roles.push(inquiry.status === 'transferred' ? 'pending_transferee' : 'transferee');
  if (user.role === 'leader') roles.push('leader');
  return roles;
}

export function mayActOnInquiry(user: Person, inquiry: InquiryParties, action: InquiryAction): boolean {
  return inquiryRoles(user, inquiry).some((role) => INQUIRY_ACTORS[action].includes(role));
}

/**
 * R2: leaders and the window read every inquiry (the window is the center's reception, colleagues
 * cover for each other); a liaison reads only those it answers for; admin and applicants none.
 */
export function mayReadInquiry(user: Person, inquiry: InquiryParties): boolean {
  switch (user.role) {
    case 'leader':
    case 'window':
      return true;
    case 'liaison':
      return inquiryRoles(user, inquiry).length > 0;
    case 'admin':
    case 'applicant':
      return false;
  }
}
