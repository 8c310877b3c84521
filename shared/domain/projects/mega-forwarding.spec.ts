import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { ITEM_STATUSES } from '../approval/item-status';
import {
  DEFAULT_PAPER_TRAIL_SETTINGS,
  FORWARDING_STATUSES,
  forwardingDueAt,
  forwardingRuleOf,
  forwardingStatus,
  recomputeForwarding,
  requiresForwarding,
} from './mega-forwarding';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);
const days = DEFAULT_PAPER_TRAIL_SETTINGS.megaForwardingWorkingDays;

describe('requiresForwarding', () => {
  it.each`
    mega     | report   | forward
    ${true}  | ${true}  | ${true}
    ${true}  | ${false} | ${false}
    ${false} | ${true}  | ${false}
    ${false} | ${false} | ${false}
  `('R6: mega $mega, reported higher $report → forwarding deadline $forward', ({ mega, report, forward }) => {
    expect(requiresForwarding({ mega, reportToHigherAuthority: report })).toBe(forward);
  });
});

describe('forwardingDueAt', () => {
  it('R6: 3 working days from complete materials, the completion day not counted (a Thursday → next Tuesday 24:00)', () => {
    expect(forwardingDueAt(at('2026-03-05', '15:00'), cal, settings, days).toISOString()).toBe(at('2026-03-10', '24:00').toISOString());
  });

  it('R6/R11: the Spring Festival 2026 is skipped (complete 2026-02-13 → due 2026-02-25 24:00, make-up Saturday 14th counted)', () => {
    // 14th (调休 workday) counts, 15th–23rd holiday, then the 24th and 25th.
    expect(forwardingDueAt(at('2026-02-13', '10:00'), cal, settings, days).toISOString()).toBe(at('2026-02-25', '24:00').toISOString());
  });

  it('R6: the number of days is a setting', () => {
    expect(forwardingDueAt(at('2026-03-05', '15:00'), cal, settings, 1).toISOString()).toBe(at('2026-03-06', '24:00').toISOString());
  });
});

describe('forwardingStatus', () => {
  const dueAt = at('2026-03-10', '24:00').toISOString();
  it.each`
    now                        | status
    ${['2026-03-05', '16:00']} | ${'on_track'}
    ${['2026-03-09', '09:00']} | ${'due_soon'}
    ${['2026-03-10', '23:59']} | ${'due_soon'}
    ${['2026-03-11', '00:00']} | ${'escalated'}
    ${['2026-06-01', '09:00']} | ${'escalated'}
  `('R6: due 2026-03-10 24:00, at $now the forward is $status', ({ now, status }) => {
    expect(forwardingStatus({ dueAt, forwardedAt: null }, at(now[0], now[1]), cal, settings)).toBe(status);
  });

  it('R6: before materials are complete there is no clock', () => {
    expect(forwardingStatus({ dueAt: null, forwardedAt: null }, at('2026-03-05', '16:00'), cal, settings)).toBe('awaiting_materials');
  });

  it('R6: once forwarded it stays forwarded, however late', () => {
    expect(
      forwardingStatus({ dueAt, forwardedAt: at('2026-03-20', '10:00').toISOString() }, at('2026-04-01', '10:00'), cal, settings),
    ).toBe('forwarded');
  });

  it('R6: a late forward escalates for ever and never becomes deemed consent (property)', () => {
    const itemOutcomes = new Set<string>(ITEM_STATUSES);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (msAfter) => {
        const now = new Date(new Date(dueAt).getTime() + msAfter);
        const status = forwardingStatus({ dueAt, forwardedAt: null }, now, cal, settings);
        expect(status).toBe('escalated');
        expect(itemOutcomes.has(status)).toBe(false);
      }),
    );
    for (const status of FORWARDING_STATUSES) expect(itemOutcomes.has(status)).toBe(false);
  });
});

describe('recomputeForwarding', () => {
  const rule = forwardingRuleOf(settings, days);
  const completeAt = at('2026-03-05', '15:00'); // Thursday: due Tuesday 10 March 24:00
  const dueAt = forwardingDueAt(completeAt, cal, settings, days);
  // An admin declares Monday 9 March a holiday: the forward is due a working day later.
  const withHoliday = buildCalendar({
    ...SHIPPED_CALENDAR,
    days: [...SHIPPED_CALENDAR.days, { date: '2026-03-09', kind: 'holiday', name: '临时调整' }],
  });
  const now = at('2026-03-06', '09:00');

  it("R6/R11: a calendar change moves a running forward deadline like an item's", () => {
    expect(recomputeForwarding({ completeAt, dueAt, forwardedAt: null }, rule, cal, withHoliday, now)).toEqual({
      kind: 'moved',
      dueAt: at('2026-03-11', '24:00'),
      provisional: false,
    });
  });

  it('R6/R11: the rule keeps the working days the forward started under', () => {
    const one = forwardingDueAt(completeAt, cal, settings, 2); // Monday 9 March 24:00
    expect(
      recomputeForwarding({ completeAt, dueAt: one, forwardedAt: null }, forwardingRuleOf(settings, 2), cal, withHoliday, now),
    ).toMatchObject({
      kind: 'moved',
      dueAt: at('2026-03-10', '24:00'),
    });
  });

  it('R6/R11: a forwarded, not yet started or passed forward deadline stays', () => {
    expect(recomputeForwarding({ completeAt, dueAt, forwardedAt: now }, rule, cal, withHoliday, now).kind).toBe('not_running');
    expect(recomputeForwarding({ completeAt: null, dueAt: null, forwardedAt: null }, rule, cal, withHoliday, now).kind).toBe('not_running');
    expect(recomputeForwarding({ completeAt, dueAt, forwardedAt: null }, rule, cal, withHoliday, at('2026-03-11', '09:00')).kind).toBe(
      'passed',
    );
    expect(recomputeForwarding({ completeAt, dueAt, forwardedAt: null }, rule, cal, cal, now).kind).toBe('unchanged');
  });
});
