import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { dueInstant } from '../calendar/deadline';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import {
  deadlineMoveError,
  delayCauseError,
  explanationHoldsDeadline,
  explanationKindOf,
  isHeld,
  outageUndoesDeemedConsent,
  rulingDueAt,
  rulingOverdue,
  workingDaysAdded,
} from './deadline-bounds';
import { deemedConsentDue } from './deemed-consent';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);
/** Due Friday 2026-03-06 24:00 (accepted Tuesday 03-03). */
const currentDueAt = at('2026-03-07', '00:00');

describe('deadlineMoveError', () => {
  it('R12: an extension to 2099 is refused (it adds far more than 10 working days)', () => {
    const problem = deadlineMoveError({ currentDueAt, newDueAt: new Date('2099-12-30T16:00:00Z'), usedWorkingDays: 0 }, cal, settings);
    expect(problem).toMatchObject({ rule: 'R12', field: 'newDueAt' });
    expect(problem!.message).toContain('10 working days');
  });

  it('R12/R13: a due instant in 2100, beyond the last year the calendar knows, is refused before any day is counted', () => {
    expect(cal.lastYear).toBe(2099);
    const problem = deadlineMoveError({ currentDueAt, newDueAt: new Date('2100-01-05T16:00:00Z'), usedWorkingDays: 0 }, cal, settings);
    expect(problem).toMatchObject({ rule: 'R12', field: 'newDueAt' });
    expect(problem!.message).toContain('2099');
  });

  it('R12: exactly 10 working days stand; the 11th is refused (weekends not counted)', () => {
    // Friday 03-06 + 10 working days = Friday 03-20.
    expect(workingDaysAdded(currentDueAt, at('2026-03-21', '00:00'), cal, settings.timeZone)).toBe(10);
    expect(deadlineMoveError({ currentDueAt, newDueAt: at('2026-03-21', '00:00'), usedWorkingDays: 0 }, cal, settings)).toBeNull();
    expect(deadlineMoveError({ currentDueAt, newDueAt: at('2026-03-24', '00:00'), usedWorkingDays: 0 }, cal, settings)).toMatchObject({
      rule: 'R12',
    });
  });

  it('R12: all extensions of one item together share the 10 working days', () => {
    expect(deadlineMoveError({ currentDueAt, newDueAt: at('2026-03-11', '00:00'), usedWorkingDays: 8 }, cal, settings)).toBeNull();
    expect(deadlineMoveError({ currentDueAt, newDueAt: at('2026-03-12', '00:00'), usedWorkingDays: 8 }, cal, settings)).toMatchObject({
      rule: 'R12',
    });
  });

  it('R11/R12: holidays inside the extension are not counted (National Day 2026)', () => {
    const due = at('2026-09-30', '00:00'); // due Tuesday 09-29
    // 09-30 (Wed) and 10-09..10-10 are working; 10-01..10-07 National Day holiday.
    expect(workingDaysAdded(due, at('2026-10-09', '00:00'), cal, settings.timeZone)).toBeLessThanOrEqual(3);
  });

  it('R12: no accepted move ever leaves more than the limit or lies beyond the calendar (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 40_000 }), (used, days) => {
        const newDueAt = new Date(currentDueAt.getTime() + days * 86_400_000);
        const problem = deadlineMoveError({ currentDueAt, newDueAt, usedWorkingDays: used }, cal, settings);
        if (problem === null) {
          expect(used + workingDaysAdded(currentDueAt, newDueAt, cal, settings.timeZone)).toBeLessThanOrEqual(10);
          expect(newDueAt.getUTCFullYear()).toBeLessThanOrEqual(cal.lastYear);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('delayCauseError', () => {
  const now = at('2026-03-04', '10:00'); // Wednesday
  it('R13: a network outage states its period', () => {
    expect(delayCauseError('network_outage', {}, now, cal, settings)).toMatchObject({ rule: 'R13', field: 'outageFrom' });
    expect(delayCauseError('network_outage', { from: at('2026-03-03', '09:00') }, now, cal, settings)).toMatchObject({ field: 'outageTo' });
    expect(
      delayCauseError('network_outage', { from: at('2026-03-03', '09:00'), to: at('2026-03-03', '08:00') }, now, cal, settings),
    ).toMatchObject({ field: 'outageTo' });
    expect(
      delayCauseError('network_outage', { from: at('2026-03-03', '09:00'), to: at('2026-03-03', '17:00') }, now, cal, settings),
    ).toBeNull();
  });

  it('R13: an outage delay may be recorded up to 1 working day after the outage, not later', () => {
    const outage = { from: at('2026-03-06', '09:00'), to: at('2026-03-06', '17:00') }; // Friday
    expect(delayCauseError('network_outage', outage, at('2026-03-09', '23:59'), cal, settings)).toBeNull(); // Monday: 1 working day after
    expect(delayCauseError('network_outage', outage, at('2026-03-10', '00:00'), cal, settings)).toMatchObject({
      rule: 'R13',
      field: 'outageTo',
    });
  });

  it('R13: other causes state no outage period', () => {
    expect(delayCauseError('natural_disaster', {}, now, cal, settings)).toBeNull();
    expect(delayCauseError('law_policy_change', { from: now }, now, cal, settings)).toMatchObject({ field: 'outageFrom' });
  });

  it('R13/R17: only a timeout deemed inside the outage period is undone', () => {
    const outage = { from: at('2026-03-06', '09:00'), to: at('2026-03-07', '09:00') };
    expect(outageUndoesDeemedConsent({ cause: 'timeout', effectiveAt: at('2026-03-07', '00:00') }, outage)).toBe(true);
    expect(outageUndoesDeemedConsent({ cause: 'timeout', effectiveAt: at('2026-03-05', '00:00') }, outage)).toBe(false);
    expect(outageUndoesDeemedConsent({ cause: 'meeting_absence', effectiveAt: at('2026-03-07', '00:00') }, outage)).toBe(false);
  });
});

describe('written explanations (R16)', () => {
  const dueAt = currentDueAt;
  const after = new Date(dueAt.getTime() + 1);

  it('R16: a meeting excuse does not hold the timeout; a deadline explanation does', () => {
    const excuse = { kind: explanationKindOf('meeting-1') };
    const explanation = { kind: explanationKindOf(null) };
    expect(excuse.kind).toBe('meeting_excuse');
    expect(explanation.kind).toBe('deadline');
    expect(
      deemedConsentDue({ status: 'in_review', dueAt, holds: { deadlineExplanationPending: explanationHoldsDeadline(excuse) } }, after),
    ).toBe(true);
    expect(
      deemedConsentDue({ status: 'in_review', dueAt, holds: { deadlineExplanationPending: explanationHoldsDeadline(explanation) } }, after),
    ).toBe(false);
    expect(explanationHoldsDeadline(null)).toBe(false);
  });

  it('R16: the ruling is due at the end of the working day after the filing (filing day not counted)', () => {
    expect(rulingDueAt(at('2026-03-06', '15:00'), cal, settings)).toEqual(at('2026-03-10', '00:00')); // Friday → Monday 24:00
    expect(rulingDueAt(at('2026-03-06', '15:00'), cal, settings)).toEqual(dueInstant(at('2026-03-06', '15:00'), cal, settings, 1).dueAt);
  });

  it('R16: an unruled explanation becomes overdue at its ruling due instant, a ruled one never', () => {
    const due = at('2026-03-10', '00:00');
    expect(rulingOverdue({ status: 'pending', rulingDueAt: due }, new Date(due.getTime() - 1))).toBe(false);
    expect(rulingOverdue({ status: 'pending', rulingDueAt: due }, due)).toBe(true);
    expect(rulingOverdue({ status: 'accepted', rulingDueAt: due }, due)).toBe(false);
  });
});

describe('isHeld', () => {
  const dueAt = currentDueAt.toISOString();
  const pending = { kind: 'deadline' as const };
  it('R16: past due with a deadline explanation awaiting a ruling, the item is held (not overdue)', () => {
    expect(isHeld({ status: 'in_review', dueAt, pendingExplanation: pending }, currentDueAt)).toBe(true);
  });
  it('R16: before its due instant the clock still runs, explanation or not', () => {
    expect(isHeld({ status: 'in_review', dueAt, pendingExplanation: pending }, new Date(currentDueAt.getTime() - 1))).toBe(false);
  });
  it('R16: a meeting excuse never holds the deadline; a decided item is not held', () => {
    expect(isHeld({ status: 'in_review', dueAt, pendingExplanation: { kind: 'meeting_excuse' } }, currentDueAt)).toBe(false);
    expect(isHeld({ status: 'deemed_consent', dueAt, pendingExplanation: pending }, currentDueAt)).toBe(false);
    expect(isHeld({ status: 'in_review', dueAt, pendingExplanation: null }, currentDueAt)).toBe(false);
  });
});
