import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { boardStatusBounds } from './board-filter';
import { boardStatus } from './board-status';

const cal = buildCalendar(SHIPPED_CALENDAR);
const at = (date: string, time: string) => zonedInstant(date, time, settings.timeZone);

/** The colour the bounds give a running item with no pending explanation. */
function byBounds(dueAt: Date, now: Date, s = settings): string {
  const b = boardStatusBounds(now, cal, s);
  if (dueAt <= b.now) return 'overdue';
  if (dueAt <= b.endOfToday) return 'due_today';
  if (dueAt <= b.amberUntil) return 'due_soon';
  return 'on_track';
}

describe('boardStatusBounds', () => {
  it('R14a: before the Spring Festival the amber window runs past the holiday to the next working day', () => {
    const b = boardStatusBounds(at('2026-02-13', '10:00'), cal, settings);
    expect(b.endOfToday).toEqual(at('2026-02-14', '00:00'));
    // 2026-02-14 is a make-up working day (one working day left), then the holiday until 2026-02-24.
    expect(b.amberUntil.getTime()).toBeGreaterThan(at('2026-02-14', '00:00').getTime());
  });

  it.each([
    ['2026-02-12', '10:00'],
    ['2026-02-13', '23:59'],
    ['2026-02-20', '10:00'],
    ['2026-03-06', '17:00'],
    ['2026-10-01', '08:00'],
  ])('R14/R14a: the bounds at %s %s colour every due instant as boardStatus does', (date, time) => {
    const now = at(date, time);
    for (const s of [settings, { ...settings, warningWorkingDays: 2 }, { ...settings, warningWorkingDays: 0 }]) {
      for (let h = -30; h < 24 * 30; h += 5) {
        const dueAt = new Date(now.getTime() + h * 3_600_000 + 1);
        expect([h, byBounds(dueAt, now, s)]).toEqual([h, boardStatus({ status: 'in_review', dueAt: dueAt.toISOString() }, now, cal, s)]);
      }
      for (const edge of Object.values(boardStatusBounds(now, cal, s))) {
        for (const dueAt of [new Date(edge.getTime() - 1), edge, new Date(edge.getTime() + 1)]) {
          expect(byBounds(dueAt, now, s)).toBe(boardStatus({ status: 'in_review', dueAt: dueAt.toISOString() }, now, cal, s));
        }
      }
    }
  });
});
