import fc from 'fast-check';
import { addCalendarDays } from './civil-date';
import { civilDateOf, instantOfWallClock, wallClockText, zonedInstant } from './time-zone';

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('civilDateOf', () => {
  it.each`
    instant                       | timeZone                | date
    ${'2025-01-27T15:59:59.999Z'} | ${'Asia/Shanghai'}      | ${'2025-01-27'}
    ${'2025-01-27T16:00:00.000Z'} | ${'Asia/Shanghai'}      | ${'2025-01-28'}
    ${'2025-01-28T03:00:00.000Z'} | ${'America/New_York'}   | ${'2025-01-27'}
    ${'2025-12-31T10:00:00.000Z'} | ${'Pacific/Kiritimati'} | ${'2026-01-01'}
  `('R10: $instant is $date in $timeZone', ({ instant, timeZone, date }) => {
    expect(civilDateOf(new Date(instant), timeZone)).toBe(date);
  });

  it('R10: an invalid instant or zone is refused', () => {
    expect(() => civilDateOf(new Date('nonsense'), 'Asia/Shanghai')).toThrow('Invalid instant');
    expect(() => civilDateOf(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('zonedInstant', () => {
  it.each`
    date            | time       | timeZone              | instant
    ${'2025-02-05'} | ${'24:00'} | ${'Asia/Shanghai'}    | ${'2025-02-05T16:00:00.000Z'}
    ${'2025-12-31'} | ${'24:00'} | ${'Asia/Shanghai'}    | ${'2025-12-31T16:00:00.000Z'}
    ${'2025-02-05'} | ${'00:00'} | ${'Asia/Shanghai'}    | ${'2025-02-04T16:00:00.000Z'}
    ${'2025-03-08'} | ${'12:00'} | ${'America/New_York'} | ${'2025-03-08T17:00:00.000Z'}
    ${'2025-03-09'} | ${'12:00'} | ${'America/New_York'} | ${'2025-03-09T16:00:00.000Z'}
    ${'2025-11-02'} | ${'24:00'} | ${'America/New_York'} | ${'2025-11-03T05:00:00.000Z'}
    ${'2025-06-01'} | ${'17:30'} | ${'Asia/Kathmandu'}   | ${'2025-06-01T11:45:00.000Z'}
  `('R10: $date $time in $timeZone is $instant', ({ date, time, timeZone, instant }) => {
    expect(zonedInstant(date, time, timeZone).toISOString()).toBe(instant);
  });

  it.each(['24:01', '7:00', '12:60', '25:00', 'noon'])('R10: the time %p is refused', (time) => {
    expect(() => zonedInstant('2025-02-05', time, 'Asia/Shanghai')).toThrow('Not a time of day');
  });

  it('R10: civilDateOf(zonedInstant(d, 12:00, zone)) is d in every zone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 365 }), fc.constantFrom(...ZONES), (offset, zone) => {
        const date = addCalendarDays('2020-01-01', offset);
        expect(civilDateOf(zonedInstant(date, '12:00', zone), zone)).toBe(date);
      }),
      { numRuns: 400 },
    );
  });

  it('R10: 24:00 of a day is 00:00 of the next in every zone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 365 }), fc.constantFrom(...ZONES), (offset, zone) => {
        const date = addCalendarDays('2020-01-01', offset);
        expect(zonedInstant(date, '24:00', zone)).toEqual(zonedInstant(addCalendarDays(date, 1), '00:00', zone));
      }),
      { numRuns: 200 },
    );
  });
});

describe('wall clock text (forms)', () => {
  it('R10: reads and writes a datetime-local value in the center zone, whatever the browser zone', () => {
    const instant = new Date('2026-03-02T01:30:00.000Z');
    expect(wallClockText(instant, 'Asia/Shanghai')).toBe('2026-03-02T09:30');
    expect(instantOfWallClock('2026-03-02T09:30', 'Asia/Shanghai')!.toISOString()).toBe(instant.toISOString());
    expect(instantOfWallClock('tomorrow', 'Asia/Shanghai')).toBeNull();
  });
});
