import { ROLES, type Role } from '../../contracts/auth';
import {
  INQUIRY_ACTIONS,
  inquiryRoles,
  mayActOnInquiry,
  mayReadInquiry,
  type InquiryAction,
  type InquiryParties,
} from './inquiry-authority';

const OWNER = { id: 'owner', role: 'window' as const, departmentId: null };
const COLLEAGUE = { id: 'colleague', role: 'window' as const, departmentId: null };
const LEADER = { id: 'leader', role: 'leader' as const, departmentId: null };
const DRC_LIAISON = { id: 'drc', role: 'liaison' as const, departmentId: 'DRC' };
const NRP_LIAISON = { id: 'nrp', role: 'liaison' as const, departmentId: 'NRP' };
const ADMIN = { id: 'admin', role: 'admin' as const, departmentId: null };

const open: InquiryParties = { ownerId: 'owner', status: 'open', handler: null };
const toColleague = (status: InquiryParties['status']): InquiryParties => ({
  ownerId: 'owner',
  status,
  handler: { userId: 'colleague', departmentId: null },
});
const toDrc: InquiryParties = { ownerId: 'owner', status: 'transferred', handler: { userId: null, departmentId: 'DRC' } };

/** The expected matrix, written out independently of INQUIRY_ACTORS. */
function expected(action: InquiryAction, roles: string[]): boolean {
  const has = (r: string) => roles.includes(r);
  switch (action) {
    case 'acknowledge':
      return has('pending_transferee') || has('transferee');
    case 'remind':
    case 'follow_up':
      return has('owner') || has('leader');
    default:
      return has('owner') || has('transferee') || has('leader');
  }
}

describe('inquiry authority', () => {
  it('R23: the first responder owns it; a transfer makes the colleague a pending transferee until acknowledged', () => {
    expect(inquiryRoles(OWNER, open)).toEqual(['owner']);
    expect(inquiryRoles(COLLEAGUE, open)).toEqual([]);
    expect(inquiryRoles(COLLEAGUE, toColleague('transferred'))).toEqual(['pending_transferee']);
    expect(inquiryRoles(COLLEAGUE, toColleague('acknowledged'))).toEqual(['transferee']);
    expect(inquiryRoles(OWNER, toColleague('acknowledged'))).toEqual(['owner']);
    expect(inquiryRoles(LEADER, open)).toEqual(['leader']);
  });

  it("R2: a transfer to a department is for that department's liaisons only", () => {
    expect(inquiryRoles(DRC_LIAISON, toDrc)).toEqual(['pending_transferee']);
    expect(inquiryRoles(NRP_LIAISON, toDrc)).toEqual([]);
    expect(inquiryRoles({ ...COLLEAGUE, departmentId: 'DRC' }, toDrc)).toEqual([]);
  });

  const people = { OWNER, COLLEAGUE, LEADER, DRC_LIAISON, NRP_LIAISON, ADMIN };
  const cases = { open, transferred: toColleague('transferred'), acknowledged: toColleague('acknowledged'), toDrc };
  const matrix = Object.entries(people).flatMap(([who, user]) =>
    Object.entries(cases).flatMap(([name, inquiry]) => INQUIRY_ACTIONS.map((action) => [who, name, action, user, inquiry] as const)),
  );

  it.each(matrix)('R2/R23: %s on a %s inquiry may %s: only the owner, the transferee or a leader act', (_, __, action, user, inquiry) => {
    expect(mayActOnInquiry(user, inquiry, action)).toBe(expected(action, inquiryRoles(user, inquiry)));
  });

  it("R2: an acknowledged transferee may act but not supervise or follow up in the owner's place", () => {
    const held = toColleague('acknowledged');
    expect(mayActOnInquiry(COLLEAGUE, held, 'answer')).toBe(true);
    expect(mayActOnInquiry(COLLEAGUE, held, 'transfer')).toBe(true);
    expect(mayActOnInquiry(COLLEAGUE, held, 'remind')).toBe(false);
    expect(mayActOnInquiry(COLLEAGUE, held, 'follow_up')).toBe(false);
  });

  it('R2: a pending transferee can only acknowledge; the owner cannot acknowledge for them', () => {
    const pending = toColleague('transferred');
    expect(INQUIRY_ACTIONS.filter((a) => mayActOnInquiry(COLLEAGUE, pending, a))).toEqual(['acknowledge']);
    expect(mayActOnInquiry(OWNER, pending, 'acknowledge')).toBe(false);
    expect(mayActOnInquiry(LEADER, pending, 'acknowledge')).toBe(false);
  });

  it.each(ROLES)('R2: who may read an inquiry as %s', (role: Role) => {
    const stranger = { id: 'someone', role, departmentId: role === 'liaison' ? 'EEB' : null };
    expect(mayReadInquiry(stranger, open)).toBe(role === 'leader' || role === 'window');
  });

  it('R2: a liaison reads the inquiries it owns or was sent', () => {
    expect(mayReadInquiry(DRC_LIAISON, toDrc)).toBe(true);
    expect(mayReadInquiry(NRP_LIAISON, toDrc)).toBe(false);
    expect(mayReadInquiry(NRP_LIAISON, { ...open, ownerId: 'nrp' })).toBe(true);
    expect(mayReadInquiry(ADMIN, { ...open, ownerId: 'admin' })).toBe(false);
  });
});
