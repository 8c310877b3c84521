import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { boardStatus } from './board-status';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);
// Accepted 2026-02-12: due at the end of 2026-02-24 (Spring Festival skipped).
const dueAt = '2026-02-24T16:00:00.000Z';

describe('boardStatus', () => {
  it.each`
    now                        | status
    ${['2026-02-12', '10:00']} | ${'on_track'}
    ${['2026-02-13', '10:00']} | ${'on_track'}
    ${['2026-02-14', '10:00']} | ${'due_soon'}
    ${['2026-02-20', '10:00']} | ${'due_soon'}
    ${['2026-02-24', '09:00']} | ${'due_today'}
    ${['2026-02-25', '00:00']} | ${'overdue'}
  `('R14a: an item in review due 2026-02-24 is $status at $now', ({ now, status }) => {
    expect(boardStatus({ status: 'in_review', dueAt }, at(now[0], now[1]), cal, settings)).toBe(status);
  });

  it('R16: past due with a deadline explanation pending is "held", not "overdue"; a meeting excuse holds nothing', () => {
    const filed = { rulingDueAt: at('2026-02-26', '00:00').toISOString() };
    const now = at('2026-02-25', '10:00');
    expect(boardStatus({ status: 'in_review', dueAt, pendingExplanation: { kind: 'deadline', ...filed } }, now, cal, settings)).toBe(
      'held',
    );
    expect(boardStatus({ status: 'in_review', dueAt, pendingExplanation: { kind: 'meeting_excuse', ...filed } }, now, cal, settings)).toBe(
      'overdue',
    );
  });

  it('R16: an unruled explanation past its ruling due instant shows "ruling overdue", whatever its kind', () => {
    const rulingDueAt = at('2026-02-24', '00:00').toISOString();
    const now = at('2026-02-24', '09:00');
    expect(boardStatus({ status: 'in_review', dueAt, pendingExplanation: { kind: 'deadline', rulingDueAt } }, now, cal, settings)).toBe(
      'ruling_overdue',
    );
    expect(
      boardStatus({ status: 'in_review', dueAt, pendingExplanation: { kind: 'meeting_excuse', rulingDueAt } }, now, cal, settings),
    ).toBe('ruling_overdue');
    expect(boardStatus({ status: 'approved', dueAt, pendingExplanation: { kind: 'deadline', rulingDueAt } }, now, cal, settings)).toBe(
      'approved',
    );
  });

  it('R14a: the amber threshold is a setting', () => {
    const now = at('2026-02-13', '10:00');
    expect(boardStatus({ status: 'in_review', dueAt }, now, cal, { ...settings, warningWorkingDays: 2 })).toBe('due_soon');
  });

  it.each(['awaiting_acceptance', 'approved', 'rejected', 'deemed_consent', 'withdrawn'] as const)(
    'R14: an item %s shows its own state whatever the clock says',
    (status) => {
      expect(boardStatus({ status, dueAt }, at('2026-03-01', '10:00'), cal, settings)).toBe(status);
    },
  );
});
