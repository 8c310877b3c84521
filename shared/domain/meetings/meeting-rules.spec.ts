import type { ItemStatus } from '../approval/item-status';
import { buildCalendar } from '../calendar/working-calendar';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import {
  absenceCause,
  closeError,
  closingOutcomes,
  earliestBindingStart,
  lateExcusesError,
  noticeGiven,
  punctuality,
  wouldBeDeemed,
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
    kind                       | conditions        | basis                     | field
    ${'agree'}                 | ${undefined}      | ${undefined}              | ${null}
    ${'agree_with_conditions'} | ${'  '}           | ${undefined}              | ${'conditions'}
    ${'agree_with_conditions'} | ${'补充水保方案'} | ${undefined}              | ${null}
    ${'disagree'}              | ${undefined}      | ${''}                     | ${'basis'}
    ${'disagree'}              | ${undefined}      | ${'《环评法》第二十五条'} | ${null}
  `('R18: an opinion "$kind" with conditions=$conditions basis=$basis → $field', ({ kind, conditions, basis, field }) => {
    const problem = opinionError({ kind, conditions, basis });
    if (field === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ field });
  });

  it.each(['scheduled', 'closed', 'lapsed'] as const)('R19: a %s meeting takes no attendance and no opinion', (status) => {
    expect(roomClosedError(status)).toMatchObject({ conflict: true });
  });
  it('R19: an open meeting does', () => expect(roomClosedError('open')).toBeNull());

  describe('roll call (R19, R15a)', () => {
    const grace = 15 * 60_000;
    const inv = (departmentId: string, presentAt: Date | null = null, outcome: Invitation['outcome'] = null): Invitation => ({
      departmentId,
      presentAt,
      presentHow: presentAt ? 'joined' : null,
      outcome,
      noticeGiven: true,
      lateExcuse: null,
      noticeNumber: null,
    });
    const none = new Map<string, ExcuseState>();
    const open = { status: 'open' as const, startsAt: at };
    const closed = { status: 'closed' as const, startsAt: at };

    it('R19 R15a: while open, the not-yet-present are expected; the present are on time or late', () => {
      const roll = rollCall(open, [inv('a', later(grace)), inv('b'), inv('c', later(grace + 1))], none, grace);
      expect(roll.map((r) => [r.departmentId, r.state, r.punctuality])).toEqual([
        ['a', 'present', 'on_time'],
        ['b', 'expected', null],
        ['c', 'late', 'late'],
      ]);
    });

    it('R15: while open, a department excused by an accepted explanation shows as excused', () => {
      expect(rollCall(open, [inv('b')], new Map([['b', 'accepted' as const]]), grace)[0]!.state).toBe('excused');
      expect(rollCall(open, [inv('b')], new Map([['b', 'pending' as const]]), grace)[0]!.state).toBe('expected');
    });

    it('R15a: once closed, the outcome decides: present, late (counted absent), excused, held, absent', () => {
      const roll = rollCall(
        closed,
        [
          inv('a', at, 'present'),
          inv('b', null, 'deemed'),
          inv('c', null, 'held'),
          inv('d', null, 'excused'),
          inv('e', null, 'absent_no_open_item'),
          inv('f', later(grace + 1), 'deemed'),
          inv('g', later(grace + 1), 'excused'),
          inv('h', null, 'not_bound'),
        ],
        none,
        grace,
      );
      expect(roll.map((r) => r.state)).toEqual(['present', 'absent', 'held', 'excused', 'absent', 'late', 'excused', 'absent']);
    });

    it('R15: a lapsed meeting applies no absence: nobody is marked absent', () => {
      expect(rollCall({ status: 'lapsed', startsAt: at }, [inv('b')], none, grace)[0]!.state).toBe('expected');
    });
  });

  describe('closing outcomes (R15, R15a, R16)', () => {
    const grace = 15 * 60_000;
    const items = new Map<string, { status: ItemStatus }>([
      ['onTime', { status: 'in_review' }],
      ['atGrace', { status: 'in_review' }],
      ['late', { status: 'in_review' }],
      ['lateExcused', { status: 'in_review' }],
      ['absent', { status: 'in_review' }],
      ['excused', { status: 'in_review' }],
      ['pendingExcuse', { status: 'in_review' }],
      ['rejectedExcuse', { status: 'in_review' }],
      ['shortNotice', { status: 'in_review' }],
      ['shortNoticeExcused', { status: 'in_review' }],
      ['notAccepted', { status: 'awaiting_acceptance' }],
      ['decided', { status: 'approved' }],
    ]);
    const excuses = new Map<string, ExcuseState>([
      ['excused', 'accepted'],
      ['shortNoticeExcused', 'accepted'],
      ['pendingExcuse', 'pending'],
      ['rejectedExcuse', 'rejected'],
    ]);
    const arrivals: Record<string, Date> = { onTime: at, atGrace: later(grace), late: later(grace + 1), lateExcused: later(3600_000) };
    const invitations = [...items.keys()].map((departmentId) => ({
      departmentId,
      presentAt: arrivals[departmentId] ?? null,
      noticeGiven: !departmentId.startsWith('shortNotice'),
    }));
    const lateExcuses = new Map([['lateExcused', '交通管制，经主持人确认']]);

    it.each`
      department              | outcome
      ${'onTime'}             | ${'present'}
      ${'atGrace'}            | ${'present'}
      ${'late'}               | ${'deemed'}
      ${'lateExcused'}        | ${'excused'}
      ${'absent'}             | ${'deemed'}
      ${'excused'}            | ${'excused'}
      ${'pendingExcuse'}      | ${'held'}
      ${'rejectedExcuse'}     | ${'deemed'}
      ${'shortNotice'}        | ${'not_bound'}
      ${'shortNoticeExcused'} | ${'excused'}
      ${'notAccepted'}        | ${'absent_no_open_item'}
      ${'decided'}            | ${'absent_no_open_item'}
    `('R15 R15a R16: $department → $outcome', ({ department, outcome }) => {
      expect(closingOutcomes({ startsAt: at }, invitations, excuses, lateExcuses, items, grace).get(department)).toBe(outcome);
    });

    it('R15a: the confirmation names exactly the departments a close would deem', () => {
      expect(wouldBeDeemed(closingOutcomes({ startsAt: at }, invitations, excuses, lateExcuses, items, grace))).toEqual([
        'late',
        'absent',
        'rejectedExcuse',
      ]);
    });

    it('R15a: a late arrival can be excused only if it did arrive late, once, with a reason', () => {
      expect(lateExcusesError([{ departmentId: 'lateExcused', reason: '交通管制' }], invitations, at, grace)).toBeNull();
      expect(lateExcusesError([{ departmentId: 'onTime', reason: 'x' }], invitations, at, grace)).toMatchObject({
        rule: 'R15a',
        field: 'lateExcuses[0].departmentId',
      });
      expect(lateExcusesError([{ departmentId: 'absent', reason: 'x' }], invitations, at, grace)).toMatchObject({
        field: 'lateExcuses[0].departmentId',
      });
      expect(lateExcusesError([{ departmentId: 'late', reason: '  ' }], invitations, at, grace)).toMatchObject({
        field: 'lateExcuses[0].reason',
      });
      expect(
        lateExcusesError(
          [
            { departmentId: 'late', reason: 'a' },
            { departmentId: 'late', reason: 'b' },
          ],
          invitations,
          at,
          grace,
        ),
      ).toMatchObject({ field: 'lateExcuses[1].departmentId' });
    });
  });

  describe('notice and close (R15a)', () => {
    const cal = buildCalendar(SHIPPED_CALENDAR);
    const tz = 'Asia/Shanghai';
    const grace = 15 * 60_000;
    // Monday 2026-03-02 10:00 in Shanghai.
    const monday10 = new Date('2026-03-02T02:00:00.000Z');

    it('R15a: the ambush — a meeting starting a minute ago, or in 50 minutes, gave no notice', () => {
      expect(noticeGiven(monday10, new Date(monday10.getTime() - 60_000), cal, tz, 1)).toBe(false);
      expect(noticeGiven(monday10, new Date(monday10.getTime() + 50 * 60_000), cal, tz, 1)).toBe(false);
    });

    it('R15a: one working day of notice is counted on the working-day calendar (a weekend does not count)', () => {
      expect(noticeGiven(monday10, new Date('2026-03-03T02:00:00.000Z'), cal, tz, 1)).toBe(true); // Tuesday 10:00
      expect(noticeGiven(monday10, new Date('2026-03-03T01:59:59.999Z'), cal, tz, 1)).toBe(false);
      const friday10 = new Date('2026-03-06T02:00:00.000Z');
      expect(noticeGiven(friday10, new Date('2026-03-08T02:00:00.000Z'), cal, tz, 1)).toBe(false); // Sunday: 14 h of Friday
      expect(noticeGiven(friday10, new Date('2026-03-09T02:00:00.000Z'), cal, tz, 1)).toBe(true); // Monday 10:00
      expect(earliestBindingStart(friday10, cal, tz, 1).toISOString()).toBe('2026-03-09T02:00:00.000Z');
      expect(earliestBindingStart(monday10, cal, tz, 2).toISOString()).toBe('2026-03-04T02:00:00.000Z');
    });

    it('R15a: a meeting closes only when open and only after its start plus the grace', () => {
      const meeting = { status: 'open' as const, startsAt: monday10 };
      expect(closeError(meeting, monday10, grace)).toMatchObject({ rule: 'R15a', field: 'status', conflict: true });
      expect(closeError(meeting, new Date(monday10.getTime() + grace - 1), grace)).toMatchObject({ rule: 'R15a' });
      expect(closeError(meeting, new Date(monday10.getTime() + grace), grace)).toBeNull();
      expect(closeError({ status: 'scheduled', startsAt: monday10 }, new Date(monday10.getTime() + grace), grace)).toMatchObject({
        rule: 'R15a',
        conflict: true,
      });
    });

    it('R15a: on time is no later than the start plus the grace', () => {
      expect(punctuality(null, monday10, grace)).toBeNull();
      expect(punctuality(new Date(monday10.getTime() - 3600_000), monday10, grace)).toBe('on_time');
      expect(punctuality(new Date(monday10.getTime() + grace), monday10, grace)).toBe('on_time');
      expect(punctuality(new Date(monday10.getTime() + grace + 1), monday10, grace)).toBe('late');
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
