import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { dueInstant } from '../calendar/deadline';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { civilDateOf, zonedInstant } from '../calendar/time-zone';
import { buildCalendar, isWorkingDay } from '../calendar/working-calendar';
import { PROMISE_MAX_WORKING_DAYS } from './disposition';
import { INQUIRY_STATUSES, isInquiryClosed } from './inquiry-status';
import { isInquiryOverdue, promisedReplyDue } from './overdue';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);

describe('promised reply date (R23) and the overdue rule (R24)', () => {
  it('R23: promised on a Monday within 3 working days: due Thursday 24:00, the day of the promise not counted', () => {
    expect(promisedReplyDue(at('2025-03-03', '15:30'), 3, cal, settings)).toEqual({
      dueAt: new Date('2025-03-06T16:00:00.000Z'),
      dueDate: '2025-03-06',
      provisional: false,
      outsideCalendar: false,
    });
  });

  it('R23/R11: promised before Spring Festival 2026: the holiday is skipped, the make-up Saturday counts', () => {
    // 02-13 Fri, 02-14 Sat make-up day, 02-15..23 holiday, 02-24 Tue.
    expect(promisedReplyDue(at('2026-02-12', '10:00'), 3, cal, settings).dueDate).toBe('2026-02-24');
  });

  it('R23/R11: a promise that runs into a provisional year says so', () => {
    expect(promisedReplyDue(at('2026-12-30', '10:00'), 3, cal, settings)).toMatchObject({ dueDate: '2027-01-05', provisional: true });
  });

  it('R23: the end of day is the same setting as for approval items', () => {
    const early = { ...settings, endOfDay: '17:00' };
    expect(promisedReplyDue(at('2025-03-03', '09:00'), 1, cal, early).dueAt.toISOString()).toBe('2025-03-04T09:00:00.000Z');
  });

  it.each([0, -1, 1.5, PROMISE_MAX_WORKING_DAYS + 1, Number.NaN])('R23: %p working days is not a promise', (days) => {
    expect(() => promisedReplyDue(at('2025-03-03', '09:00'), days, cal, settings)).toThrow(RangeError);
  });

  it('R23: the promised day is always a working day and agrees with the deadline math (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2029-12-31T00:00:00Z') }),
        fc.integer({ min: 1, max: PROMISE_MAX_WORKING_DAYS }),
        (ms, n) => {
          const promised = promisedReplyDue(new Date(ms), n, cal, settings);
          expect(isWorkingDay(promised.dueDate, cal)).toBe(true);
          expect(promised).toEqual(dueInstant(new Date(ms), cal, settings, n));
          expect(civilDateOf(new Date(promised.dueAt.getTime() - 1), settings.timeZone)).toBe(promised.dueDate);
        },
      ),
      { numRuns: 200 },
    );
  });

  const dueAt = '2026-02-24T16:00:00.000Z'; // end of 2026-02-24 in Shanghai

  it('R24: overdue exactly when the hub clock reaches the end of the promised day, not a millisecond before', () => {
    const promised = { status: 'promised' as const, promise: { dueAt } };
    expect(isInquiryOverdue(promised, at('2026-02-24', '23:59'))).toBe(false);
    expect(isInquiryOverdue(promised, new Date(Date.parse(dueAt) - 1))).toBe(false);
    expect(isInquiryOverdue(promised, new Date(dueAt))).toBe(true);
    expect(isInquiryOverdue(promised, at('2026-03-02', '09:00'))).toBe(true);
  });

  it('R24: without a promise nothing is overdue', () => {
    expect(isInquiryOverdue({ status: 'open', promise: null }, at('2030-01-01', '00:00'))).toBe(false);
  });

  it('R24: overdue in any open state (the promise survives transfer and escalation), never once closed (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INQUIRY_STATUSES), fc.integer({ min: -5 * 86_400_000, max: 5 * 86_400_000 }), (status, offset) => {
        const now = new Date(Date.parse(dueAt) + offset);
        expect(isInquiryOverdue({ status, promise: { dueAt } }, now)).toBe(!isInquiryClosed(status) && offset >= 0);
      }),
      { numRuns: 300 },
    );
  });
});
