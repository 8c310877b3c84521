import fc from 'fast-check';
import { boardStatus } from '../board/board-status';
import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { addCalendarDays } from '../calendar/civil-date';
import { dueInstant, dueInstantWithStops, explainDeadline, type ClockStop } from '../calendar/deadline';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { civilDateOf, zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { deemedConsentDue } from './deemed-consent';
import { clockStopOf, dueMovedBy, procedureEndError, procedureStartError, stoppedWorkingDays } from './special-procedures';

const cal = buildCalendar(SHIPPED_CALENDAR);
const tz = settings.timeZone;
const at = (date: string, time: string) => zonedInstant(date, time, tz);

// Accepted Monday 2026-03-02 10:00: due Thursday 03-05 24:00.
const acceptedAt = at('2026-03-02', '10:00');
const dueAt = at('2026-03-06', '00:00');
const running = {
  status: 'in_review' as const,
  acceptedAt,
  dueAt,
  deadlineExplanationPending: false,
  procedureOpen: false,
  lastEndedAt: null,
};

describe('R10a special procedures: who, when, bounds', () => {
  const now = at('2026-03-04', '12:00');

  it('R10a: a running item may have a procedure recorded that began after acceptance, before the due instant, not in the future', () => {
    expect(procedureStartError(running, at('2026-03-03', '09:00'), now)).toBeNull();
    expect(procedureStartError(running, now, now)).toBeNull();
    expect(procedureStartError(running, acceptedAt, now)).toBeNull();
  });

  it.each`
    case                          | item                                                                  | startsAt                     | field         | conflict
    ${'in the future'}            | ${running}                                                            | ${at('2026-03-04', '12:01')} | ${'startsAt'} | ${undefined}
    ${'before acceptance'}        | ${running}                                                            | ${at('2026-03-02', '09:59')} | ${'startsAt'} | ${undefined}
    ${'inside an earlier period'} | ${{ ...running, lastEndedAt: at('2026-03-03', '12:00') }}             | ${at('2026-03-03', '11:00')} | ${'startsAt'} | ${undefined}
    ${'while one is open'}        | ${{ ...running, procedureOpen: true }}                                | ${at('2026-03-03', '09:00')} | ${'item'}     | ${true}
    ${'not accepted'}             | ${{ ...running, status: 'submitted', acceptedAt: null, dueAt: null }} | ${at('2026-03-03', '09:00')} | ${'item'}     | ${true}
    ${'decided'}                  | ${{ ...running, status: 'approved' }}                                 | ${at('2026-03-03', '09:00')} | ${'item'}     | ${true}
    ${'deemed'}                   | ${{ ...running, status: 'deemed_consent' }}                           | ${at('2026-03-03', '09:00')} | ${'item'}     | ${true}
  `('R10a: refused $case, naming R10a and $field', ({ item, startsAt, field, conflict }) => {
    const problem = procedureStartError(item, startsAt, now);
    expect(problem).toMatchObject({ rule: 'R10a', field });
    expect(problem?.conflict).toBe(conflict);
  });

  it('R10a R14: past the due instant with nothing holding it, the department is already deemed to consent: too late', () => {
    const later = at('2026-03-06', '08:00');
    expect(procedureStartError(running, at('2026-03-05', '09:00'), later)).toMatchObject({ rule: 'R10a', field: 'item', conflict: true });
    // Held by a deadline explanation (R16), the clock still runs for a period that began before the due instant.
    expect(procedureStartError({ ...running, deadlineExplanationPending: true }, at('2026-03-05', '09:00'), later)).toBeNull();
    expect(procedureStartError({ ...running, deadlineExplanationPending: true }, at('2026-03-06', '01:00'), later)).toMatchObject({
      field: 'startsAt',
    });
  });

  it('R10a: an end is recorded once, after the start, not in the future', () => {
    const open = { startsAt: at('2026-03-03', '09:00'), ended: false };
    expect(procedureEndError(open, at('2026-03-04', '12:00'), now)).toBeNull();
    expect(procedureEndError(open, open.startsAt, now)).toMatchObject({ rule: 'R10a', field: 'endsAt' });
    expect(procedureEndError(open, at('2026-03-04', '12:01'), now)).toMatchObject({ rule: 'R10a', field: 'endsAt' });
    expect(procedureEndError({ ...open, ended: true }, at('2026-03-04', '12:00'), now)).toMatchObject({
      rule: 'R10a',
      field: 'procedure',
      conflict: true,
    });
  });
});

describe('R10a special procedures: the clock stops, the due instant moves', () => {
  it('R10a R14: an open procedure holds deemed consent; the board shows the item paused, whatever its countdown', () => {
    const late = at('2026-03-09', '09:00');
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { specialProcedureOpen: true } }, late)).toBe(false);
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { specialProcedureOpen: false } }, late)).toBe(true);
    const paused = { procedureId: 'p', kind: 'hearing' as const, since: at('2026-03-03', '09:00').toISOString() };
    expect(boardStatus({ status: 'in_review', dueAt: dueAt.toISOString(), paused }, late, cal, settings)).toBe('paused');
    expect(boardStatus({ status: 'in_review', dueAt: dueAt.toISOString(), paused: null }, late, cal, settings)).toBe('overdue');
    expect(boardStatus({ status: 'deemed_consent', dueAt: dueAt.toISOString(), paused }, late, cal, settings)).toBe('deemed_consent');
  });

  it('R10a: the stopped days are the working days after acceptance the period touches: an expert review Tue 09:00–Wed 17:00 stops 2 and moves the due instant to Monday 24:00', () => {
    const review = clockStopOf({ kind: 'expert_review', startsAt: at('2026-03-03', '09:00'), endsAt: at('2026-03-04', '17:00') });
    expect(review.name).toBe('专家评审');
    const days = stoppedWorkingDays(review, acceptedAt, [], cal, tz);
    expect(days).toEqual(['2026-03-03', '2026-03-04']);
    expect(dueMovedBy(dueAt, days.length, cal, settings)).toEqual(at('2026-03-10', '00:00'));
    expect(dueMovedBy(dueAt, days.length, cal, settings)).toEqual(dueInstantWithStops(acceptedAt, cal, settings, [review]).dueAt);
  });

  it('R10a: the acceptance day, weekends and holidays are not stopped (not counted anyway); an end at midnight does not touch the next day', () => {
    const hearing = { startsAt: at('2026-03-02', '11:00'), endsAt: at('2026-03-03', '00:00') };
    expect(stoppedWorkingDays(hearing, acceptedAt, [], cal, tz)).toEqual([]);
    const weekend = { startsAt: at('2026-03-06', '18:00'), endsAt: at('2026-03-09', '00:00') };
    expect(stoppedWorkingDays(weekend, acceptedAt, [], cal, tz)).toEqual(['2026-03-06']);
    // Qingming 2026: 04-04 to 04-06 off.
    const qingming = { startsAt: at('2026-04-03', '09:00'), endsAt: at('2026-04-07', '10:00') };
    expect(stoppedWorkingDays(qingming, at('2026-04-01', '09:00'), [], cal, tz)).toEqual(['2026-04-03', '2026-04-07']);
  });

  it('R10a: a day an earlier period already stopped is not stopped twice', () => {
    const first = { startsAt: at('2026-03-03', '09:00'), endsAt: at('2026-03-03', '11:00') };
    const second = { startsAt: at('2026-03-03', '14:00'), endsAt: at('2026-03-04', '10:00') };
    expect(stoppedWorkingDays(second, acceptedAt, [first], cal, tz)).toEqual(['2026-03-04']);
  });

  it("R10a R12: a due instant set by hand keeps its hour; beyond the calendar's years the move is refused (null)", () => {
    const byHand = at('2026-03-06', '15:00'); // Friday 15:00
    expect(dueMovedBy(byHand, 1, cal, settings)).toEqual(at('2026-03-09', '15:00'));
    expect(dueMovedBy(byHand, 0, cal, settings)).toEqual(byHand);
    expect(dueMovedBy(at('2099-12-31', '00:00'), 5, cal, settings)).toBeNull();
  });

  // Instants from 2025 into 2030, so published and provisional years both occur.
  const instant = fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-06-30T00:00:00Z') })
    .map((ms) => new Date(ms));
  /** Up to 3 periods, each starting after the previous ended and before the due instant it then has. */
  const periods = fc.array(fc.record({ gapHours: fc.integer({ min: 0, max: 96 }), lengthHours: fc.integer({ min: 1, max: 24 * 12 }) }), {
    maxLength: 3,
  });

  it('R10a: moving the due instant period by period, as the window records them, equals the deadline explained with all of them (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), periods, (from, workingDays, shape) => {
        let due = dueInstant(from, cal, settings, workingDays).dueAt;
        const stops: ClockStop[] = [];
        let cursor = from.getTime();
        for (const { gapHours, lengthHours } of shape) {
          const startsAt = new Date(cursor + gapHours * 3_600_000);
          const stop = { name: '鉴定', startsAt, endsAt: new Date(startsAt.getTime() + lengthHours * 3_600_000) };
          if (
            procedureStartError({ ...running, acceptedAt: from, dueAt: due, lastEndedAt: stops.at(-1)?.endsAt ?? null }, startsAt, startsAt)
          )
            break;
          const days = stoppedWorkingDays(stop, from, stops, cal, tz);
          const moved = dueMovedBy(due, days.length, cal, settings)!;
          expect(moved.getTime()).toBeGreaterThanOrEqual(due.getTime());
          due = moved;
          stops.push(stop);
          cursor = stop.endsAt.getTime();
        }
        const explained = explainDeadline(from, workingDays, cal, settings, stops);
        expect(explained.dueAt).toBe(due.toISOString());
        // Day by day: every stopped day is named, and exactly the working days counted remain.
        const stopped = explained.days.filter((d) => d.reason === 'special_procedure');
        expect(stopped.every((d) => d.name === '鉴定' && !d.counted)).toBe(true);
        expect(explained.days.filter((d) => d.counted)).toHaveLength(workingDays);
        const total = stops.reduce((n, s, i) => n + stoppedWorkingDays(s, from, stops.slice(0, i), cal, tz).length, 0);
        expect(stopped).toHaveLength(total);
        expect(civilDateOf(new Date(due.getTime() - 1), tz) >= addCalendarDays(civilDateOf(from, tz), 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
