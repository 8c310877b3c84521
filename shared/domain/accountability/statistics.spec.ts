import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { workingMsBetween } from '../calendar/working-time';
import { accountabilityStatistics, itemsBehindFigure, medianOf, type AccountabilityEvent, type AccountabilityItemFact } from './statistics';
import { accountabilityColumns, accountabilityCsv } from './table';

const cal = buildCalendar(SHIPPED_CALENDAR);
const tz = settings.timeZone;
const at = (date: string, time = '00:00') => zonedInstant(date, time, tz).toISOString();
const HOUR = 3_600_000;

type Fact = AccountabilityItemFact;
const decided = (
  departmentId: string,
  status: Fact['status'],
  accepted: string,
  due: string,
  outcome: string,
  deemedCause: string | null = null,
): Fact => ({
  departmentId,
  status,
  acceptedAt: accepted,
  dueAt: due,
  decidedAt: outcome,
  deemedCause,
});

/**
 * March 2026, counted by hand (working hours: whole working days count, weekends and holidays do not).
 * DRC: #1 approved Mon 10:00 → Tue 16:00 = 14 + 16 = 30 h; #2 rejected Fri 09:00 → Mon 09:00 = 15 + 9 = 24 h;
 * #3 deemed (timeout) Tue 12:00 → Fri 24:00 = 12 + 24 × 3 = 84 h; #4 deemed (meeting absence) Mon 08:00 →
 * Tue 10:00 = 16 + 10 = 26 h; #5 running (accepted only); #6 wholly in February (not counted); #7 accepted in
 * February (Fri 02-27), approved Mon 03-02 10:00: Fri 14 + Sat 02-28 (a make-up working day, 春节调休上班)
 * 24 + Mon 10 = 48 h. NRP: #8 approved in 2 h; #9 deemed (inspection
 * absence) Tue 10:00 → Wed 10:00 = 24 h; #10 never accepted; #11 deemed (timeout) at the end of Tue 03-31
 * (24:00 = April 1 00:00 belongs to March): Thu 14 + Fri 24 + Mon 24 + Tue 24 = 86 h. EEB: nothing.
 */
const ITEMS: Fact[] = [
  decided('DRC', 'approved', at('2026-03-02', '10:00'), at('2026-03-05', '24:00'), at('2026-03-03', '16:00')),
  decided('DRC', 'rejected', at('2026-03-06', '09:00'), at('2026-03-11', '24:00'), at('2026-03-09', '09:00')),
  decided('DRC', 'deemed_consent', at('2026-03-10', '12:00'), at('2026-03-13', '24:00'), at('2026-03-13', '24:00'), 'timeout'),
  decided('DRC', 'deemed_consent', at('2026-03-16', '08:00'), at('2026-03-19', '24:00'), at('2026-03-17', '10:00'), 'meeting_absence'),
  {
    departmentId: 'DRC',
    status: 'in_review',
    acceptedAt: at('2026-03-30', '10:00'),
    dueAt: at('2026-04-02', '24:00'),
    decidedAt: null,
    deemedCause: null,
  },
  decided('DRC', 'approved', at('2026-02-25', '10:00'), at('2026-02-28', '24:00'), at('2026-02-26', '10:00')),
  decided('DRC', 'approved', at('2026-02-27', '10:00'), at('2026-03-03', '24:00'), at('2026-03-02', '10:00')),
  decided('NRP', 'approved', at('2026-03-02', '09:00'), at('2026-03-05', '24:00'), at('2026-03-02', '11:00')),
  decided('NRP', 'deemed_consent', at('2026-03-03', '10:00'), at('2026-03-06', '24:00'), at('2026-03-04', '10:00'), 'inspection_absence'),
  { departmentId: 'NRP', status: 'awaiting_acceptance', acceptedAt: null, dueAt: null, decidedAt: null, deemedCause: null },
  decided('NRP', 'deemed_consent', at('2026-03-26', '10:00'), at('2026-03-31', '24:00'), at('2026-03-31', '24:00'), 'timeout'),
];

const EVENTS: AccountabilityEvent[] = [
  { kind: 'extension', departmentId: 'DRC', at: at('2026-03-05', '10:00') },
  { kind: 'extension', departmentId: 'DRC', at: at('2026-04-02', '10:00') }, // April: not counted
  { kind: 'delay', departmentId: 'NRP', at: at('2026-03-10', '10:00') },
  { kind: 'explanation_filed', departmentId: 'DRC', at: at('2026-03-12', '10:00') },
  { kind: 'explanation_ruled', departmentId: 'DRC', at: at('2026-03-13', '10:00'), accepted: false },
  { kind: 'explanation_filed', departmentId: 'NRP', at: at('2026-03-20', '10:00') },
  { kind: 'explanation_ruled', departmentId: 'NRP', at: at('2026-03-21', '10:00'), accepted: true },
  { kind: 'absence', departmentId: 'DRC', at: at('2026-03-17', '10:00'), excused: false },
  { kind: 'absence', departmentId: 'EEB', at: at('2026-03-25', '10:00'), excused: true },
  { kind: 'absence', departmentId: 'HUD', at: at('2026-03-09', '10:00'), excused: false },
];

const MARCH = { start: new Date(at('2026-03-01')), end: new Date(at('2026-03-31', '24:00')) };
const report = accountabilityStatistics(ITEMS, EVENTS, MARCH, ['DRC', 'NRP', 'EEB'], cal, tz);
const row = (id: string | null) => (id === null ? report.totals : report.rows.find((r) => r.departmentId === id)!);

describe('accountability statistics (R21), a fixture counted by hand', () => {
  it('R21: DRC — accepted, handled, outcomes, on time, median working hours, deemed consents by cause', () => {
    expect(row('DRC')).toEqual({
      departmentId: 'DRC',
      accepted: 5,
      handled: 5,
      approved: 2,
      rejected: 1,
      onTime: 3,
      onTimeRate: 0.6,
      medianWorkingHours: 30, // 24, 26, 30, 48, 84
      deemedConsents: 2,
      deemedByCause: { timeout: 1, meeting_absence: 1, inspection_absence: 0, explanation_rejected: 0 },
      absences: 1,
      excusedAbsences: 0,
      extensions: 1,
      delays: 0,
      explanationsFiled: 1,
      explanationsAccepted: 0,
      explanationsRejected: 1,
    });
  });

  it('R21: NRP — a deemed consent at 24:00 on the last day belongs to that period', () => {
    expect(row('NRP')).toMatchObject({
      accepted: 3,
      handled: 3,
      approved: 1,
      onTime: 1,
      onTimeRate: 1 / 3,
      medianWorkingHours: 24,
      deemedConsents: 2,
      deemedByCause: { timeout: 1, meeting_absence: 0, inspection_absence: 1, explanation_rejected: 0 },
      delays: 1,
      explanationsFiled: 1,
      explanationsAccepted: 1,
    });
  });

  it('R21: a department with nothing has a row of zeros, no rate and no median', () => {
    expect(row('EEB')).toMatchObject({
      accepted: 0,
      handled: 0,
      onTimeRate: null,
      medianWorkingHours: null,
      absences: 1,
      excusedAbsences: 1,
    });
  });

  it('R21: a department not listed but named by a step gets a row of its own', () => {
    expect(report.rows.map((r) => r.departmentId)).toEqual(['DRC', 'NRP', 'EEB', 'HUD']);
    expect(row('HUD')).toMatchObject({ absences: 1, handled: 0 });
  });

  it('R21: totals add up, with the median over all handled items (not a median of medians)', () => {
    expect(row(null)).toMatchObject({
      departmentId: null,
      accepted: 8,
      handled: 8,
      approved: 3,
      rejected: 1,
      onTime: 4,
      onTimeRate: 0.5,
      medianWorkingHours: 28, // 2, 24, 24, 26 | 30, 48, 84, 86
      deemedConsents: 4,
      deemedByCause: { timeout: 2, meeting_absence: 1, inspection_absence: 1, explanation_rejected: 0 },
      absences: 3,
      excusedAbsences: 1,
      extensions: 1,
      delays: 1,
      explanationsFiled: 2,
      explanationsAccepted: 1,
      explanationsRejected: 1,
    });
  });

  it('R21: causes are generic: one the hub does not know yet gets its own column', () => {
    const other = accountabilityStatistics(
      [
        decided(
          'DRC',
          'deemed_consent',
          at('2026-03-02', '10:00'),
          at('2026-03-05', '24:00'),
          at('2026-03-04', '10:00'),
          'hearing_absence',
        ),
      ],
      [],
      MARCH,
      ['DRC'],
      cal,
      tz,
    );
    expect(other.causes).toEqual(['timeout', 'meeting_absence', 'inspection_absence', 'explanation_rejected', 'hearing_absence']);
    expect(other.rows[0]!.deemedByCause['hearing_absence']).toBe(1);
  });

  it('R21: median of an even count is the mean of the middle two; of nothing, null', () => {
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([5])).toBe(5);
    expect(medianOf([])).toBeNull();
  });

  it('R11 R21: working time skips weekends and holidays, whole working days count', () => {
    const hours = (from: string, to: string) => workingMsBetween(new Date(from), new Date(to), cal, tz) / HOUR;
    expect(hours(at('2026-03-06', '09:00'), at('2026-03-09', '09:00'))).toBe(24);
    // Before the Spring Festival (02-14 make-up Saturday worked) to after it (02-24 first day back).
    expect(hours(at('2026-02-13', '12:00'), at('2026-02-24', '12:00'))).toBe(12 + 24 + 12);
    expect(hours(at('2026-03-09', '09:00'), at('2026-03-06', '09:00'))).toBe(0);
  });
});

describe('accountability export (R21)', () => {
  const names: Record<string, string> = { DRC: '发展和改革局', NRP: '自然资源和规划局', EEB: '生态环境局', HUD: '住房和城乡建设局' };
  const csv = accountabilityCsv(
    { from: '2026-03-01', to: '2026-03-31', generatedAt: '', ...report, centerRulingsOverdue: 0 },
    (id) => names[id]!,
  );

  it('R21: CSV for Excel — BOM, CRLF, bilingual headers, one line per department and the totals', () => {
    expect(csv.startsWith('\uFEFF部门 Department,期间 Period,受理 Accepted,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines[1]).toBe('发展和改革局,2026-03-01~2026-03-31,5,5,3,60.0%,30.0,2,1,1,0,0,1,1,0,1,0,1');
    expect(lines[3]).toBe('生态环境局,2026-03-01~2026-03-31,0,0,0,—,—,0,0,0,0,0,1,0,0,0,0,0');
    expect(lines[5]!.startsWith('合计 Total,2026-03-01~2026-03-31,8,8,4,50.0%,28.0,4,2,1,1,0,3,')).toBe(true);
  });

  it('R21: one column per value and cause, with both languages', () => {
    const columns = accountabilityColumns(report.causes);
    expect(columns.map((c) => c.key)).toContain('deemed.meeting_absence');
    expect(columns.every((c) => c.zh && c.en)).toBe(true);
  });
});

describe('the items behind each figure (issue 14: accountability click-through)', () => {
  const withIds = ITEMS.map((item, n) => ({ ...item, itemId: `item-${n + 1}` }));
  const eventIds = EVENTS.map((event, n) => ({ ...event, itemId: `event-item-${n + 1}` }));

  it('R21: every count of every row lists exactly as many items as it counts (the same rules count and list)', () => {
    const columns = accountabilityColumns(report.causes).filter((c) => c.format === 'count');
    for (const department of ['DRC', 'NRP', 'EEB', null]) {
      for (const column of columns) {
        const behind = itemsBehindFigure(column.key, department, withIds, eventIds, MARCH);
        expect([department, column.key, behind.length]).toEqual([department, column.key, column.value(row(department))]);
      }
    }
  });

  it("R21 R17: DRC's deemed consents by timeout are its item #3 only; March's extension is listed, April's is not", () => {
    expect(itemsBehindFigure('deemed.timeout', 'DRC', withIds, eventIds, MARCH)).toEqual(['item-3']);
    expect(itemsBehindFigure('extensions', 'DRC', withIds, eventIds, MARCH)).toEqual(['event-item-1']);
  });
});
