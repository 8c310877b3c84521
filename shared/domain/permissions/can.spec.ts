import { ROLES, type Role } from '../../contracts/auth';
import { ACTIONS, can, canSomewhere, PERMISSIONS, type Action } from './can';

type Where = 'own' | 'other' | 'none';

/** The expected matrix, written out independently of the PERMISSIONS table. */
function expected(role: Role, action: Action, where: Where): boolean {
  switch (action) {
    case 'board.read':
    case 'project.read':
    case 'card.read':
    case 'calendar.read':
      return role !== 'applicant';
    case 'project.register':
      return role === 'window';
    case 'project.admit':
      return role === 'leader';
    case 'project.edit':
    case 'project.withdraw':
      return role === 'window';
    case 'item.accept':
      return role === 'window' || (role === 'liaison' && where === 'own');
    case 'item.decide':
      return role === 'liaison' && where === 'own';
    case 'clock.advance':
      return role === 'admin';
    case 'card.checkpoint':
      return role === 'leader' || role === 'admin';
    case 'meeting.read':
      return role !== 'applicant';
    case 'meeting.convene':
    case 'meeting.manage':
      return role === 'leader' || role === 'window' || (role === 'liaison' && where === 'own');
    case 'meeting.attend':
    case 'meeting.opine':
    case 'explanation.file':
      return role === 'liaison' && where === 'own';
    case 'meeting.close':
      return role === 'leader' || role === 'window';
    case 'item.special_procedure': // R10a: the window records it, never the department whose clock it stops
      return role === 'window';
    case 'item.extend':
    case 'explanation.rule':
    case 'notice.correct':
      return role === 'leader';
    case 'item.delay':
      return role === 'window';
    case 'inquiry.register':
    case 'inquiry.read':
    case 'inquiry.act':
      return role === 'window' || role === 'leader' || role === 'liaison';
    case 'inquiry.statistics':
      return role === 'leader';
    case 'materials.request':
    case 'materials.attach':
      return role === 'window' || (role === 'liaison' && where === 'own');
    case 'materials.files.read':
      return role === 'admin' || role === 'leader' || role === 'window' || (role === 'liaison' && where === 'own');
    case 'materials.record':
    case 'notice.issue':
    case 'pickup.record':
    case 'permit.issue':
      return role === 'window';
    case 'materials.rule':
      return role === 'leader';
    case 'notice.read':
      return role !== 'applicant';
    case 'mega.track':
      return role === 'leader' || role === 'window';
    case 'calendar.edit':
    case 'settings.edit':
      return role === 'admin';
    case 'alerts.read':
      return role === 'liaison' || role === 'window' || role === 'leader';
    case 'accountability.read':
    case 'circulation.issue':
      return role === 'leader';
    case 'people.manage':
      return role === 'admin';
    case 'deputy.name':
      return role === 'admin' || (role === 'liaison' && where === 'own');
  }
}

const ownDepartment = 'dept-planning';
const target: Record<Where, { departmentId?: string } | undefined> = {
  own: { departmentId: ownDepartment },
  other: { departmentId: 'dept-environment' },
  none: undefined,
};

describe('can', () => {
  const matrix = ROLES.flatMap((role) =>
    ACTIONS.flatMap((action) => (['own', 'other', 'none'] as const).map((where) => [role, action, where] as const)),
  );

  it.each(matrix)('R1/R2: %s may %s on a target of %s department: as the matrix says', (role, action, where) => {
    const user = { role, departmentId: role === 'liaison' ? ownDepartment : null };
    expect(can(user, action, target[where])).toBe(expected(role, action, where));
  });

  it('R2: a liaison of another department is refused its items', () => {
    const liaison = { role: 'liaison' as const, departmentId: 'dept-environment' };
    expect(can(liaison, 'item.decide', { departmentId: ownDepartment })).toBe(false);
    expect(can(liaison, 'item.accept', { departmentId: ownDepartment })).toBe(false);
    expect(can(liaison, 'board.read')).toBe(true);
  });

  it('R1: a liaison with no department can do nothing department-scoped', () => {
    const orphan = { role: 'liaison' as const, departmentId: null };
    expect(can(orphan, 'item.decide', { departmentId: ownDepartment })).toBe(false);
    expect(can(orphan, 'item.accept', {})).toBe(false);
    expect(can(orphan, 'item.decide', undefined)).toBe(false);
  });

  it('R12: only a leader extends; R13: only the window delays; R16: a liaison explains, a leader rules', () => {
    const liaison = { role: 'liaison' as const, departmentId: ownDepartment };
    expect(can(liaison, 'item.extend', { departmentId: ownDepartment })).toBe(false);
    expect(can(liaison, 'item.delay', { departmentId: ownDepartment })).toBe(false);
    expect(can(liaison, 'explanation.file', { departmentId: ownDepartment })).toBe(true);
    expect(can(liaison, 'explanation.rule', { departmentId: ownDepartment })).toBe(false);
    expect(can({ role: 'window', departmentId: null }, 'item.extend')).toBe(false);
    expect(can({ role: 'leader', departmentId: null }, 'item.extend')).toBe(true);
    expect(can({ role: 'leader', departmentId: null }, 'explanation.file', { departmentId: ownDepartment })).toBe(false);
  });

  it("R18/R19: the lead department's liaison convenes; other liaisons attend and give opinions only as themselves", () => {
    const lead = { role: 'liaison' as const, departmentId: ownDepartment };
    expect(can(lead, 'meeting.convene', { departmentId: ownDepartment })).toBe(true);
    expect(can(lead, 'meeting.convene', { departmentId: 'dept-environment' })).toBe(false);
    expect(can(lead, 'meeting.opine', { departmentId: 'dept-environment' })).toBe(false);
    // R15a: the lead liaison runs the meeting and proposes its close; only the window or a leader closes.
    expect(can(lead, 'meeting.manage', { departmentId: ownDepartment })).toBe(true);
    expect(can(lead, 'meeting.close', { departmentId: ownDepartment })).toBe(false);
    expect(can({ role: 'window', departmentId: null }, 'meeting.opine', { departmentId: ownDepartment })).toBe(false);
  });

  it('R1: a department on a non-liaison does not widen its rights', () => {
    expect(can({ role: 'leader', departmentId: ownDepartment }, 'item.decide', { departmentId: ownDepartment })).toBe(false);
  });

  describe("R1: a deputy in its period holds the principal department's liaison rights", () => {
    const grant = { principalId: 'p', principalName: '张三', departmentId: ownDepartment, endsAt: '2030-01-01T00:00:00Z' };
    const liaisonActions = ACTIONS.filter((a) => PERMISSIONS[a].liaison !== undefined);

    it.each(liaisonActions)('R1: a window deputy may %s on the principal department exactly as a liaison of it may', (action) => {
      const deputy = { role: 'window' as const, departmentId: null, deputyFor: [grant] };
      const liaison = { role: 'liaison' as const, departmentId: ownDepartment };
      const window = { role: 'window' as const, departmentId: null };
      for (const where of ['own', 'other', 'none'] as const) {
        expect(can(deputy, action, target[where])).toBe(can(window, action, target[where]) || can(liaison, action, target[where]));
      }
    });

    it("R1/R2: the grant reaches only the principal's department, and nothing without one", () => {
      const deputy = { role: 'window' as const, departmentId: null, deputyFor: [grant] };
      expect(can(deputy, 'item.decide', { departmentId: ownDepartment })).toBe(true);
      expect(can(deputy, 'item.decide', { departmentId: 'dept-environment' })).toBe(false);
      expect(can({ ...deputy, deputyFor: [] }, 'item.decide', { departmentId: ownDepartment })).toBe(false);
      expect(can(deputy, 'people.manage')).toBe(false);
    });

    it("R1: the route-level check counts the principal's department", () => {
      const window = { role: 'window' as const, departmentId: null };
      expect(canSomewhere(window, 'item.decide')).toBe(false);
      expect(canSomewhere({ ...window, deputyFor: [grant] }, 'item.decide')).toBe(true);
      expect(canSomewhere({ role: 'liaison' as const, departmentId: ownDepartment }, 'item.decide')).toBe(true);
      expect(canSomewhere({ role: 'leader' as const, departmentId: null }, 'item.decide')).toBe(false);
    });
  });
});
