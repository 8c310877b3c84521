import fc from 'fast-check';
import { ITEM_STATUSES } from '../approval/item-status';
import { DEFAULT_CALENDAR_SETTINGS as settings, type CalendarData, type CalendarDayRule } from './calendar-data';
import { addCalendarDays } from './civil-date';
import { dueInstant } from './deadline';
import { deadlineRuleOf, recomputeDeadline, type RunningDeadline } from './recompute';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { statutoryHolidays } from './statutory-holidays';
import { zonedInstant } from './time-zone';
import { buildCalendar } from './working-calendar';

const at = (date: string, time = '00:00') => zonedInstant(date, time, settings.timeZone);
const rule = deadlineRuleOf(settings);
const shipped = buildCalendar(SHIPPED_CALENDAR);
const withDays = (data: CalendarData, ...days: CalendarDayRule[]): CalendarData => ({ ...data, days: [...data.days, ...days] });
const holiday = (date: string): CalendarDayRule => ({ date, kind: 'holiday', name: '临时调整' });
const withHoliday = buildCalendar(withDays(SHIPPED_CALENDAR, holiday('2026-03-04')));

/** Accepted Monday 2026-03-02 10:00: due at the end of Thursday 03-05 under the shipped calendar. */
function accepted(cal = shipped, acceptedAt = at('2026-03-02', '10:00')): RunningDeadline {
  const due = dueInstant(acceptedAt, cal, settings);
  return { status: 'in_review', acceptedAt, dueAt: due.dueAt, provisional: due.provisional };
}

describe('recomputeDeadline (R11)', () => {
  it('R11: a running deadline moves when a day before it becomes a holiday', () => {
    expect(recomputeDeadline(accepted(), rule, shipped, withHoliday, at('2026-03-03', '12:00'))).toEqual({
      kind: 'moved',
      dueAt: at('2026-03-06', '24:00'),
      provisional: false,
    });
  });

  it('R11: a passed deadline stays as it fired', () => {
    expect(recomputeDeadline(accepted(), rule, shipped, withHoliday, at('2026-03-05', '24:00'))).toEqual({ kind: 'passed' });
  });

  it("R11 R12: a due instant set by hand (extension, delay, ruling) is not the calendar's and keeps its time", () => {
    const extended = { ...accepted(), dueAt: at('2026-03-10', '24:00') };
    expect(recomputeDeadline(extended, rule, shipped, withHoliday, at('2026-03-03', '12:00'))).toEqual({ kind: 'set_by_hand' });
  });

  it('R11 R12: a due instant set by hand in a provisional year loses its provisional flag when that year is published', () => {
    const item = { ...accepted(shipped, at('2026-12-29', '10:00')), dueAt: at('2027-01-08', '24:00'), provisional: true };
    const published = buildCalendar({
      years: [...SHIPPED_CALENDAR.years, { year: 2027, status: 'published' }],
      days: SHIPPED_CALENDAR.days,
    });
    expect(recomputeDeadline(item, rule, shipped, published, at('2026-12-30'))).toEqual({
      kind: 'provisional_changed',
      provisional: false,
    });
    expect(recomputeDeadline(item, rule, shipped, withHoliday, at('2026-12-30'))).toEqual({ kind: 'set_by_hand' });
  });

  it('R11 Decision: a change that would put a running deadline in the past keeps its instant', () => {
    // Under the edited calendar it is due on Friday; the holiday is taken back on Friday morning.
    const item = accepted(withHoliday);
    expect(recomputeDeadline(item, rule, withHoliday, shipped, at('2026-03-06', '09:00'))).toEqual({
      kind: 'would_pass',
      dueAt: at('2026-03-05', '24:00'),
    });
  });

  it('R11: publishing the year it falls in clears the provisional flag, and an edit in it moves it', () => {
    // Accepted 2026-12-29: due in 2027, provisional while 2027 awaits the State Council notice.
    const item = accepted(shipped, at('2026-12-29', '10:00'));
    expect(item).toMatchObject({ dueAt: at('2027-01-04', '24:00'), provisional: true });
    const published: CalendarData = {
      years: [...SHIPPED_CALENDAR.years, { year: 2027, status: 'published' }],
      days: [...SHIPPED_CALENDAR.days, ...statutoryHolidays(2027)],
    };
    const now = at('2026-12-30', '10:00');
    expect(recomputeDeadline(item, rule, shipped, buildCalendar(published), now)).toEqual({
      kind: 'provisional_changed',
      provisional: false,
    });
    expect(recomputeDeadline(item, rule, shipped, buildCalendar(withDays(published, holiday('2027-01-04'))), now)).toEqual({
      kind: 'moved',
      dueAt: at('2027-01-05', '24:00'),
      provisional: false,
    });
  });

  it('R10 R11: a deadline keeps the rule it started under when the settings change afterwards', () => {
    const five = { ...settings, workingDaysAllowed: 5 };
    const item = { ...accepted(), ...{ dueAt: dueInstant(at('2026-03-02', '10:00'), shipped, five).dueAt } };
    expect(recomputeDeadline(item, deadlineRuleOf(five), shipped, withHoliday, at('2026-03-03', '12:00'))).toEqual({
      kind: 'moved',
      dueAt: at('2026-03-10', '24:00'),
      provisional: false,
    });
    // Read with today's three-day rule it would look set by hand, and stay: the rule is stored with the item.
    expect(recomputeDeadline(item, rule, shipped, withHoliday, at('2026-03-03', '12:00'))).toEqual({ kind: 'set_by_hand' });
  });

  it.each(ITEM_STATUSES.filter((s) => s !== 'in_review'))('R11: an item %s has no running deadline to move', (status) => {
    expect(recomputeDeadline({ ...accepted(), status }, rule, shipped, withHoliday, at('2026-03-03'))).toEqual({ kind: 'not_running' });
  });

  it("R11: whatever day is edited, a deadline moves only to the new calendar's instant, and only forward of now (property)", () => {
    const day = 86_400_000;
    const start = at('2026-01-05').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 330 * day }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 8 * day }),
        fc.constantFrom<'holiday' | 'workday'>('holiday', 'workday'),
        (acceptedOffset, editOffset, nowOffset, kind) => {
          const acceptedAt = new Date(start + acceptedOffset);
          const item = accepted(shipped, acceptedAt);
          const date = addCalendarDays(acceptedAt.toISOString().slice(0, 10), editOffset);
          const edited = buildCalendar({
            ...SHIPPED_CALENDAR,
            days: [...SHIPPED_CALENDAR.days.filter((d) => d.date !== date), { date, kind, name: '调整' }],
          });
          const now = new Date(acceptedAt.getTime() + nowOffset);
          const result = recomputeDeadline(item, rule, shipped, edited, now);
          const expected = dueInstant(acceptedAt, edited, settings).dueAt;
          if (item.dueAt!.getTime() <= now.getTime()) return result.kind === 'passed';
          if (expected.getTime() === item.dueAt!.getTime()) return result.kind === 'unchanged';
          if (expected.getTime() <= now.getTime()) return result.kind === 'would_pass';
          return result.kind === 'moved' && result.dueAt.getTime() === expected.getTime();
        },
      ),
      { numRuns: 500 },
    );
  });
});
