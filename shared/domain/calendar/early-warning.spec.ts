import fc from 'fast-check';
import { boardStatus } from '../board/board-status';
import { DEFAULT_CALENDAR_SETTINGS as settings } from './calendar-data';
import { dueInstant } from './deadline';
import { isWarned, warningStartsAt } from './early-warning';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { zonedInstant } from './time-zone';
import { buildCalendar } from './working-calendar';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time = '00:00') => zonedInstant(date, time, settings.timeZone);
const running = (dueAt: Date) => ({ status: 'in_review' as const, dueAt });

describe('early warning (R14a)', () => {
  it.each`
    due             | threshold | starts
    ${'2026-03-05'} | ${1}      | ${'2026-03-04'}
    ${'2026-03-09'} | ${1}      | ${'2026-03-06'}
    ${'2026-03-05'} | ${0}      | ${'2026-03-05'}
    ${'2026-03-05'} | ${2}      | ${'2026-03-03'}
    ${'2026-02-24'} | ${1}      | ${'2026-02-14'}
    ${'2026-10-08'} | ${1}      | ${'2026-09-30'}
  `('R14a: due at the end of $due with threshold $threshold → amber from $starts 00:00', ({ due, threshold, starts }) => {
    // Thursday, Monday (the Friday before: the weekend holds no working day), due today only, two
    // days, after the Spring Festival (the make-up Saturday 02-14 is the last working day before),
    // after National Day (09-30 is the last working day before the holiday).
    const dueAt = at(due, '24:00');
    expect(warningStartsAt(dueAt, cal, { ...settings, warningWorkingDays: threshold })).toEqual(at(starts));
  });

  it('R14a: warned from the start of the window until the due instant, never after (red from then on)', () => {
    const dueAt = at('2026-03-05', '24:00');
    expect(isWarned(running(dueAt), new Date(at('2026-03-04').getTime() - 1), cal, settings)).toBe(false);
    expect(isWarned(running(dueAt), at('2026-03-04'), cal, settings)).toBe(true);
    expect(isWarned(running(dueAt), new Date(dueAt.getTime() - 1), cal, settings)).toBe(true);
    expect(isWarned(running(dueAt), dueAt, cal, settings)).toBe(false);
  });

  it.each(['awaiting_acceptance', 'approved', 'rejected', 'deemed_consent'] as const)('R14a: an item %s is never warned', (status) => {
    expect(isWarned({ status, dueAt: at('2026-03-05', '24:00') }, at('2026-03-05', '12:00'), cal, settings)).toBe(false);
  });

  it('R14a: a threshold as long as the deadline warns from the acceptance day on', () => {
    const accepted = at('2026-03-02', '10:00');
    const { dueAt } = dueInstant(accepted, cal, settings);
    expect(warningStartsAt(dueAt, cal, { ...settings, warningWorkingDays: 5 }, accepted)).toEqual(at('2026-03-02'));
  });

  it('R14a: an item without a due instant is never warned', () => {
    expect(isWarned({ status: 'in_review', dueAt: null }, at('2026-03-05', '12:00'), cal, settings)).toBe(false);
  });

  it('R14a: warned exactly when the board shows it amber or due today, for any acceptance, clock and threshold (property)', () => {
    const day = 86_400_000;
    const base = at('2025-01-01').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 * day }),
        fc.integer({ min: 0, max: 20 * day }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('24:00', '17:30'),
        (acceptedOffset, nowOffset, threshold, workingDays, endOfDay) => {
          const s = { ...settings, warningWorkingDays: threshold, workingDaysAllowed: workingDays, endOfDay };
          const accepted = new Date(base + acceptedOffset);
          const { dueAt } = dueInstant(accepted, cal, s);
          const now = new Date(accepted.getTime() + nowOffset);
          const status = boardStatus({ status: 'in_review', dueAt: dueAt.toISOString() }, now, cal, s);
          return isWarned({ ...running(dueAt), acceptedAt: accepted }, now, cal, s) === (status === 'due_soon' || status === 'due_today');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
