import type { ItemStatus } from '../approval/item-status';
import {
  absenceCause,
  closingOutcomes,
  defaultInvitees,
  inviteesError,
  lapseDue,
  openError,
  opinionError,
  rollCall,
  roomClosedError,
  scheduleError,
  type ExcuseState,
  type Invitation,
} from './meeting-rules';

const at = new Date('2026-03-02T02:00:00.000Z');
const later = (ms: number) => new Date(at.getTime() + ms);

describe('meeting rules', () => {
  it('R18: invitees default to every department with an open item', () => {
    const items: { departmentId: string; status: ItemStatus }[] = [
      { departmentId: 'a', status: 'in_review' },
      { departmentId: 'b', status: 'awaiting_acceptance' },
      { departmentId: 'c', status: 'approved' },
      { departmentId: 'd', status: 'deemed_consent' },
    ];
    expect(defaultInvitees(items)).toEqual(['a', 'b']);
  });

  it('R18: only departments of the project, at least one', () => {
    expect(inviteesError([], ['a'])).toMatchObject({ field: 'invitedDepartmentIds' });
    expect(inviteesError(['x'], ['a'])).toMatchObject({ field: 'invitedDepartmentIds' });
    expect(inviteesError(['a'], ['a', 'b'])).toBeNull();
  });

  it('R18: a meeting ends after it starts and is not already over', () => {
    expect(scheduleError(at, at, at)).toMatchObject({ field: 'endsAt' });
    expect(scheduleError(later(-7200_000), later(-1), at)).toMatchObject({ field: 'startsAt' });
    expect(scheduleError(at, later(3600_000), at)).toBeNull();
  });

  it('R15/R20: absence from a site inspection has its own cause', () => {
    expect(absenceCause('joint_review')).toBe('meeting_absence');
    expect(absenceCause('coordination')).toBe('meeting_absence');
    expect(absenceCause('supervision')).toBe('meeting_absence');
    expect(absenceCause('site_inspection')).toBe('inspection_absence');
  });

  it('R19: the room opens at meeting time, at most an hour early, once', () => {
    expect(openError({ status: 'scheduled', startsAt: later(3600_000 + 1) }, at)).toMatchObject({ conflict: true });
    expect(openError({ status: 'scheduled', startsAt: later(3600_000) }, at)).toBeNull();
    expect(openError({ status: 'open', startsAt: at }, at)).toMatchObject({ conflict: true });
  });

  it.each`
    kind                       | conditions   | basis          | field
    ${'agree'}                 | ${undefined} | ${undefined}   | ${null}
    ${'agree_with_conditions'} | ${'  '}      | ${undefined}   | ${'conditions'}
    ${'agree_with_conditions'} | ${'补充水保方案'} | ${undefined} | ${null}
    ${'disagree'}              | ${undefined} | ${''}          | ${'basis'}
    ${'disagree'}              | ${undefined} | ${'《环评法》第二十五条'} | ${null}
  `('R18: an opinion "$kind" with conditions=$conditions basis=$basis → $field', ({ kind, conditions, basis, field }) => {
    const problem = opinionError({ kind, conditions, basis });
    if (field === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ field });
  });

  it.each(['scheduled', 'closed', 'lapsed'] as const)('R19: a %s meeting takes no attendance and no opinion', (status) => {
    expect(roomClosedError(status)).toMatchObject({ conflict: true });
  });
  it('R19: an open meeting does', () => expect(roomClosedError('open')).toBeNull());

  describe('roll call (R19)', () => {
    const inv = (departmentId: string, present = false, outcome: Invitation['outcome'] = null): Invitation => ({
      departmentId,
      presentAt: present ? at : null,
      presentHow: present ? 'joined' : null,
      outcome,
    });
    const none = new Map<string, ExcuseState>();

    it('R19: while open, the not-yet-present are expected; the present stay present', () => {
      const roll = rollCall('open', [inv('a', true), inv('b')], none);
      expect(roll.map((r) => [r.departmentId, r.state])).toEqual([
        ['a', 'present'],
        ['b', 'expected'],
      ]);
    });

    it('R15: while open, a department excused by an accepted explanation shows as excused', () => {
      expect(rollCall('open', [inv('b')], new Map([['b', 'accepted' as const]]))[0]!.state).toBe('excused');
      expect(rollCall('open', [inv('b')], new Map([['b', 'pending' as const]]))[0]!.state).toBe('expected');
    });

    it('R15: once closed, the outcome decides: absent, held or excused', () => {
      const roll = rollCall('closed', [inv('a', true, 'present'), inv('b', false, 'deemed'), inv('c', false, 'held'), inv('d', false, 'excused'), inv('e', false, 'absent_no_open_item')], none);
      expect(roll.map((r) => r.state)).toEqual(['present', 'absent', 'held', 'excused', 'absent']);
    });

    it('R15: a lapsed meeting applies no absence: nobody is marked absent', () => {
      expect(rollCall('lapsed', [inv('b')], none)[0]!.state).toBe('expected');
    });
  });

  describe('closing outcomes (R15)', () => {
    const items = new Map<string, { status: ItemStatus; explanationPending: boolean }>([
      ['present', { status: 'in_review', explanationPending: false }],
      ['absent', { status: 'in_review', explanationPending: false }],
      ['excused', { status: 'in_review', explanationPending: false }],
      ['pendingExcuse', { status: 'in_review', explanationPending: true }],
      ['pendingDeadline', { status: 'in_review', explanationPending: true }],
      ['rejectedExcuse', { status: 'in_review', explanationPending: false }],
      ['notAccepted', { status: 'awaiting_acceptance', explanationPending: false }],
      ['decided', { status: 'approved', explanationPending: false }],
    ]);
    const excuses = new Map<string, ExcuseState>([
      ['excused', 'accepted'],
      ['pendingExcuse', 'pending'],
      ['rejectedExcuse', 'rejected'],
    ]);
    const invitations = [...items.keys()].map((departmentId) => ({ departmentId, presentAt: departmentId === 'present' ? at : null }));

    it.each`
      department           | outcome
      ${'present'}         | ${'present'}
      ${'absent'}          | ${'deemed'}
      ${'excused'}         | ${'excused'}
      ${'pendingExcuse'}   | ${'held'}
      ${'pendingDeadline'} | ${'held'}
      ${'rejectedExcuse'}  | ${'deemed'}
      ${'notAccepted'}     | ${'absent_no_open_item'}
      ${'decided'}         | ${'absent_no_open_item'}
    `('R15: $department → $outcome', ({ department, outcome }) => {
      expect(closingOutcomes(invitations, excuses, items).get(department)).toBe(outcome);
    });
  });

  it('R15 (never closed): lapses only at scheduled end + the lapse window, only if not closed', () => {
    const lapse = 24 * 3600_000;
    expect(lapseDue({ status: 'open', endsAt: at }, later(lapse - 1), lapse)).toBe(false);
    expect(lapseDue({ status: 'open', endsAt: at }, later(lapse), lapse)).toBe(true);
    expect(lapseDue({ status: 'scheduled', endsAt: at }, later(lapse), lapse)).toBe(true);
    expect(lapseDue({ status: 'closed', endsAt: at }, later(lapse), lapse)).toBe(false);
  });
});
