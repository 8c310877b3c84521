import { DEEMED_CAUSES } from '../../contracts/deadlines';
import type { AccountabilityReport, AccountabilityRow } from '../../contracts/leaders';
import type { ItemStatus } from '../approval/item-status';
import { workingMsBetween } from '../calendar/working-time';
import type { WorkingCalendar } from '../calendar/working-calendar';

/** What the record needs to know of one approval item; the server reads it from approval_items and deemed_consents. */
export interface AccountabilityItemFact {
  departmentId: string;
  status: ItemStatus;
  acceptedAt: string | null;
  dueAt: string | null;
  /** When the outcome took effect: the decision, or the instant consent was deemed. */
  decidedAt: string | null;
  /** The deemed_consents cause of a deemed consent; null otherwise. */
  deemedCause: string | null;
}

/** The R12, R13, R15 and R16 facts the record counts; the server reads them from their tables (never from card text). */
export type AccountabilityEvent =
  | { kind: 'absence'; departmentId: string; at: string; excused: boolean }
  | { kind: 'extension' | 'delay' | 'explanation_filed'; departmentId: string; at: string }
  | { kind: 'explanation_ruled'; departmentId: string; at: string; accepted: boolean };


export interface Period {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

type Counts = Omit<AccountabilityRow, 'departmentId' | 'onTimeRate' | 'medianWorkingHours' | 'deemedByCause'>;

const ZERO: Counts = {
  accepted: 0,
  handled: 0,
  approved: 0,
  rejected: 0,
  onTime: 0,
  deemedConsents: 0,
  absences: 0,
  excusedAbsences: 0,
  extensions: 0,
  delays: 0,
  explanationsFiled: 0,
  explanationsAccepted: 0,
  explanationsRejected: 0,
};

const MS_PER_HOUR = 3_600_000;

interface Tally extends Counts {
  byCause: Map<string, number>;
  workingMs: number[];
}

/**
 * R21: each department's record over a period — items accepted and handled, how many on time, the
 * median working hours from acceptance to outcome, deemed consents by cause, absences, extensions,
 * delays, explanations and how they were ruled. An item counts in the period its outcome took
 * effect in (one at 24:00 on the day it ends); an event in the period it happened in. Every listed department has a row, even empty.
 */
export function accountabilityStatistics(
  items: readonly AccountabilityItemFact[],
  events: readonly AccountabilityEvent[],
  period: Period,
  departmentIds: readonly string[],
  cal: WorkingCalendar,
  timeZone: string,
): Pick<AccountabilityReport, 'causes' | 'rows' | 'totals'> {
  const tallies = new Map<string, Tally>(departmentIds.map((id) => [id, newTally()]));
  const totals = newTally();
  const tallyOf = (id: string) => {
    let tally = tallies.get(id);
    if (!tally) tallies.set(id, (tally = newTally()));
    return tally;
  };
  const within = (instant: string | null) => {
    if (instant === null) return false;
    const t = Date.parse(instant);
    return t >= period.start.getTime() && t < period.end.getTime();
  };
  // An outcome at 24:00 (a deemed consent at the end of its due day) belongs to the day it ends.
  const endsWithin = (instant: string | null) => {
    if (instant === null) return false;
    const t = Date.parse(instant);
    return t > period.start.getTime() && t <= period.end.getTime();
  };

  for (const item of items) {
    const both = [tallyOf(item.departmentId), totals];
    if (within(item.acceptedAt)) for (const t of both) t.accepted++;
    if (!isOutcome(item.status) || !endsWithin(item.decidedAt) || item.acceptedAt === null) continue;
    const decidedAt = new Date(item.decidedAt!);
    const workingMs = workingMsBetween(new Date(item.acceptedAt), decidedAt, cal, timeZone);
    const onTime = item.status !== 'deemed_consent' && item.dueAt !== null && decidedAt.getTime() < Date.parse(item.dueAt);
    for (const t of both) {
      t.handled++;
      t.workingMs.push(workingMs);
      if (onTime) t.onTime++;
      if (item.status === 'approved') t.approved++;
      if (item.status === 'rejected') t.rejected++;
      if (item.status === 'deemed_consent') {
        t.deemedConsents++;
        const cause = item.deemedCause ?? 'timeout';
        t.byCause.set(cause, (t.byCause.get(cause) ?? 0) + 1);
      }
    }
  }

  for (const event of events) {
    if (!within(event.at)) continue;
    for (const t of [tallyOf(event.departmentId), totals]) {
      switch (event.kind) {
        case 'absence':
          t.absences++;
          if (event.excused) t.excusedAbsences++;
          break;
        case 'extension':
          t.extensions++;
          break;
        case 'delay':
          t.delays++;
          break;
        case 'explanation_filed':
          t.explanationsFiled++;
          break;
        case 'explanation_ruled':
          if (event.accepted) t.explanationsAccepted++;
          else t.explanationsRejected++;
          break;
      }
    }
  }

  const seen = new Set([...totals.byCause.keys()]);
  // The causes the hub knows come first, in their order (R14 timeout, R15 absences); others follow as recorded.
  const causes = [...DEEMED_CAUSES, ...[...seen].filter((c) => !(DEEMED_CAUSES as readonly string[]).includes(c)).sort()];
  return {
    causes,
    rows: [...tallies].map(([id, tally]) => toRow(id, tally, causes)),
    totals: toRow(null, totals, causes),
  };
}

const isOutcome = (status: ItemStatus) => status === 'approved' || status === 'rejected' || status === 'deemed_consent';

function newTally(): Tally {
  return { ...ZERO, byCause: new Map(), workingMs: [] };
}

function toRow(departmentId: string | null, tally: Tally, causes: readonly string[]): AccountabilityRow {
  const { byCause, workingMs, ...counts } = tally;
  const median = medianOf(workingMs);
  return {
    departmentId,
    ...counts,
    onTimeRate: counts.handled === 0 ? null : counts.onTime / counts.handled,
    medianWorkingHours: median === null ? null : Math.round((median / MS_PER_HOUR) * 10) / 10,
    deemedByCause: Object.fromEntries(causes.map((c) => [c, byCause.get(c) ?? 0])),
  };
}

/** The middle value; for an even count the mean of the two middle ones. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
