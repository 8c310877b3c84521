import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS as settings, type CalendarSettings } from './calendar-data';
import { addCalendarDays } from './civil-date';
import { countdown, dueInstant, dueInstantWithStops, explainDeadline } from './deadline';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { civilDateOf, zonedInstant } from './time-zone';
import { buildCalendar, isWorkingDay } from './working-calendar';

const cal = buildCalendar(SHIPPED_CALENDAR);
/** A local wall-clock reading in Asia/Shanghai, e.g. at('2026-02-12', '10:00'). */
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);

// Instants from 2025 into 2030, so published and provisional years both occur.
const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-06-30T00:00:00Z') }).map((ms) => new Date(ms));
const workingDays = fc.integer({ min: 1, max: 30 });

describe('dueInstant', () => {
  it('R10: the acceptance day is not counted: accepted Monday morning, due Thursday 24:00', () => {
    expect(dueInstant(at('2025-03-03', '09:00'), cal, settings)).toEqual({
      dueAt: new Date('2025-03-06T16:00:00.000Z'),
      dueDate: '2025-03-06',
      provisional: false,
      outsideCalendar: false,
    });
  });

  it('R10: the acceptance day is not counted even when accepted at 23:59', () => {
    expect(dueInstant(at('2025-03-03', '23:59'), cal, settings).dueDate).toBe('2025-03-06');
    expect(dueInstant(at('2025-03-04', '00:00'), cal, settings).dueDate).toBe('2025-03-07');
  });

  it('R10: the civil date is taken in the center zone, not UTC: 2025-03-03T17:00Z is Tuesday in Shanghai', () => {
    expect(dueInstant(new Date('2025-03-03T17:00:00Z'), cal, settings).dueDate).toBe('2025-03-07');
  });

  it('R11: Spring Festival 2026 is skipped and 2026-02-14 make-up Saturday counts', () => {
    expect(dueInstant(at('2026-02-12', '10:00'), cal, settings).dueAt.toISOString()).toBe('2026-02-24T16:00:00.000Z');
  });

  it('R11: Spring Festival 2025 is skipped and 2025-01-26 make-up Sunday counts', () => {
    expect(dueInstant(at('2025-01-24', '10:00'), cal, settings).dueDate).toBe('2025-02-05');
  });

  it('R11: National Day 2025 (10-01..10-08) is skipped and 10-11 make-up Saturday counts', () => {
    expect(dueInstant(at('2025-09-30', '10:00'), cal, settings).dueDate).toBe('2025-10-11');
  });

  it('R11: a deadline spanning the 2026→2027 year boundary is provisional', () => {
    expect(dueInstant(at('2026-12-30', '10:00'), cal, settings)).toEqual({
      dueAt: new Date('2027-01-05T16:00:00.000Z'),
      dueDate: '2027-01-05',
      provisional: true,
      outsideCalendar: false,
    });
  });

  it('R11: a deadline wholly inside published years is not provisional', () => {
    expect(dueInstant(at('2026-12-24', '10:00'), cal, settings)).toMatchObject({ dueDate: '2026-12-29', provisional: false });
  });

  it('R11: Spring Festival 2027, a provisional year, is still skipped', () => {
    expect(dueInstant(at('2027-02-04', '10:00'), cal, settings)).toMatchObject({ dueDate: '2027-02-11', provisional: true });
  });

  it('R10: the working days and end of day are settings', () => {
    const custom: CalendarSettings = { ...settings, endOfDay: '17:30', workingDaysAllowed: 5 };
    expect(dueInstant(at('2025-03-03', '09:00'), cal, custom).dueAt.toISOString()).toBe('2025-03-10T09:30:00.000Z');
    expect(dueInstant(at('2025-03-03', '09:00'), cal, settings, 1).dueDate).toBe('2025-03-04');
  });

  it('R10: the time zone is a setting', () => {
    const newYork: CalendarSettings = { ...settings, timeZone: 'America/New_York' };
    // 2025-03-03T03:00Z is still Sunday 03-02 in New York: due Wednesday 03-05 24:00 EST.
    expect(dueInstant(new Date('2025-03-03T03:00:00Z'), cal, newYork).dueAt.toISOString()).toBe('2025-03-06T05:00:00.000Z');
  });

  it('R10/R11: the last day of a due instant is never a non-working day (property)', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => {
        const { dueAt, dueDate } = dueInstant(from, cal, settings, n);
        expect(isWorkingDay(dueDate, cal)).toBe(true);
        expect(civilDateOf(new Date(dueAt.getTime() - 1), settings.timeZone)).toBe(dueDate);
      }),
      { numRuns: 300 },
    );
  });

  it('R10: dueAt is always after the acceptance instant (property)', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => dueInstant(from, cal, settings, n).dueAt > from),
      { numRuns: 300 },
    );
  });
});

describe('explainDeadline', () => {
  it('R11: Spring Festival 2026 explained day by day', () => {
    expect(explainDeadline(at('2026-02-12', '10:00'), 3, cal, settings)).toEqual({
      from: '2026-02-12T02:00:00.000Z',
      workingDays: 3,
      dueAt: '2026-02-24T16:00:00.000Z',
      provisional: false,
      days: [
        { date: '2026-02-12', counted: false, reason: 'acceptance_day' },
        { date: '2026-02-13', counted: true, reason: 'working_day' },
        { date: '2026-02-14', counted: true, reason: 'make_up_working_day', name: '春节调休上班' },
        ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
          date: `2026-02-${d}`,
          counted: false,
          reason: 'public_holiday',
          name: '春节',
        })),
        { date: '2026-02-24', counted: true, reason: 'working_day' },
      ],
    });
  });

  it('R11: an ordinary weekend is skipped as weekend, without a name', () => {
    const days = explainDeadline(at('2025-03-06', '10:00'), 3, cal, settings).days;
    expect(days.map((d) => `${d.date} ${d.reason} ${d.counted}`)).toEqual([
      '2025-03-06 acceptance_day false',
      '2025-03-07 working_day true',
      '2025-03-08 weekend false',
      '2025-03-09 weekend false',
      '2025-03-10 working_day true',
      '2025-03-11 working_day true',
    ]);
  });

  it('R11: an explanation counts exactly n days and ends on the due date (property)', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => {
        const explanation = explainDeadline(from, n, cal, settings);
        const { dueAt, dueDate, provisional } = dueInstant(from, cal, settings, n);
        expect(explanation.days.filter((d) => d.counted)).toHaveLength(n);
        expect(explanation.days[0]).toEqual({ date: civilDateOf(from, settings.timeZone), counted: false, reason: 'acceptance_day' });
        expect(explanation.days[explanation.days.length - 1]).toMatchObject({ date: dueDate, counted: true });
        expect(explanation.dueAt).toBe(dueAt.toISOString());
        expect(explanation.provisional).toBe(provisional);
        // Consecutive days, none missing.
        explanation.days.slice(1).forEach((d, i) => expect(d.date).toBe(addCalendarDays(explanation.days[i].date, 1)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('countdown', () => {
  const dueAt = new Date('2026-02-24T16:00:00.000Z'); // end of 2026-02-24 in Shanghai

  it.each`
    now                        | workingDaysLeft | dueToday | overdue
    ${['2026-02-13', '10:00']} | ${2}            | ${false} | ${false}
    ${['2026-02-14', '10:00']} | ${1}            | ${false} | ${false}
    ${['2026-02-20', '10:00']} | ${1}            | ${false} | ${false}
    ${['2026-02-24', '00:00']} | ${0}            | ${true}  | ${false}
    ${['2026-02-24', '23:59']} | ${0}            | ${true}  | ${false}
    ${['2026-02-25', '00:00']} | ${0}            | ${false} | ${true}
    ${['2026-03-02', '09:00']} | ${0}            | ${false} | ${true}
  `('R14a: at $now the 2026-02-24 deadline has $workingDaysLeft working days left', ({ now, workingDaysLeft, dueToday, overdue }) => {
    const left = countdown(at(now[0], now[1]), dueAt, cal, settings);
    expect(left).toMatchObject({ workingDaysLeft, dueToday, overdue, dueDate: '2026-02-24' });
    expect(left.msLeft).toBe(dueAt.getTime() - at(now[0], now[1]).getTime());
  });

  it('R14: overdue exactly at dueAt, not a millisecond before', () => {
    expect(countdown(new Date(dueAt.getTime() - 1), dueAt, cal, settings).overdue).toBe(false);
    expect(countdown(dueAt, dueAt, cal, settings).overdue).toBe(true);
  });
});

describe('R10a special procedures', () => {
  it('R10a: an expert review stops the clock; the due instant moves by the working days it covered, explained day by day', () => {
    // Accepted Monday 2026-03-02: due Thursday 03-05 24:00 without it.
    const from = at('2026-03-02', '10:00');
    const review = { name: '专家评审', startsAt: at('2026-03-03', '09:00'), endsAt: at('2026-03-04', '17:00') };
    const explained = explainDeadline(from, 3, cal, settings, [review]);
    expect(explained.days).toEqual([
      { date: '2026-03-02', counted: false, reason: 'acceptance_day' },
      { date: '2026-03-03', counted: false, reason: 'special_procedure', name: '专家评审' },
      { date: '2026-03-04', counted: false, reason: 'special_procedure', name: '专家评审' },
      { date: '2026-03-05', counted: true, reason: 'working_day' },
      { date: '2026-03-06', counted: true, reason: 'working_day' },
      { date: '2026-03-07', counted: false, reason: 'weekend' },
      { date: '2026-03-08', counted: false, reason: 'weekend' },
      { date: '2026-03-09', counted: true, reason: 'working_day' },
    ]);
    expect(explained.dueAt).toBe(at('2026-03-10', '00:00').toISOString());
    expect(dueInstantWithStops(from, cal, settings, [review])).toEqual({
      dueAt: at('2026-03-10', '00:00'),
      dueDate: '2026-03-09',
      provisional: false,
      outsideCalendar: false,
    });
  });

  it('R10a: a procedure over a weekend covers no working time and moves nothing', () => {
    const from = at('2026-03-05', '10:00'); // Thursday: due Tuesday 03-10
    const hearing = { name: '听证', startsAt: at('2026-03-07', '09:00'), endsAt: at('2026-03-08', '17:00') };
    expect(dueInstantWithStops(from, cal, settings, [hearing])).toEqual(dueInstant(from, cal, settings));
  });

  it('R10a: without stops the explanation is the R11 one, and every stop moves the due instant by exactly the working days it covered (property)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 15 }),
        (from, days, offset, length) => {
          expect(dueInstantWithStops(from, cal, settings, [], days)).toEqual(dueInstant(from, cal, settings, days));
          const start = addCalendarDays(civilDateOf(from, settings.timeZone), offset);
          const stop = {
            name: '鉴定',
            startsAt: zonedInstant(start, '00:00', settings.timeZone),
            endsAt: zonedInstant(addCalendarDays(start, length), '00:00', settings.timeZone),
          };
          const explained = explainDeadline(from, days, cal, settings, [stop]);
          const stopped = explained.days.filter((d) => d.reason === 'special_procedure').length;
          expect(explained.days.filter((d) => d.counted)).toHaveLength(days);
          // The due instant ends the last counted day; never earlier than without the stop, and later only when it covered working days.
          const last = explained.days[explained.days.length - 1]!;
          expect(last.counted).toBe(true);
          expect(explained.dueAt).toBe(zonedInstant(last.date, settings.endOfDay, settings.timeZone).toISOString());
          const plain = dueInstant(from, cal, settings, days).dueAt.getTime();
          expect(Date.parse(explained.dueAt) >= plain).toBe(true);
          if (stopped === 0) expect(Date.parse(explained.dueAt)).toBe(plain);
          for (const d of explained.days.filter((x) => x.reason === 'special_procedure')) expect(isWorkingDay(d.date, cal)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
