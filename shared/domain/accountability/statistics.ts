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
  /** The item, so that a figure can list the items behind it (issue 14); absent where only counted. */
  itemId?: string;
}

/** The R12, R13, R15 and R16 facts the record counts; the server reads them from their tables (never from card text). */
export type AccountabilityEvent = (
  | { kind: 'absence'; departmentId: string; at: string; excused: boolean }
  | { kind: 'extension' | 'delay' | 'explanation_filed'; departmentId: string; at: string }
  | { kind: 'explanation_ruled'; departmentId: string; at: string; accepted: boolean }
) & { itemId?: string | null };

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

  for (const item of items) {
    const both = [tallyOf(item.departmentId), totals];
    const figures = itemFigures(item, period);
    for (const figure of figures) {
      if (figure.startsWith('deemed.')) {
        const cause = figure.slice('deemed.'.length);
        for (const t of both) t.byCause.set(cause, (t.byCause.get(cause) ?? 0) + 1);
      } else for (const t of both) t[figure as keyof Counts]++;
    }
    if (figures.includes('handled')) {
      const workingMs = workingMsBetween(new Date(item.acceptedAt!), new Date(item.decidedAt!), cal, timeZone);
      for (const t of both) t.workingMs.push(workingMs);
    }
  }

  for (const event of events) {
    for (const figure of eventFigures(event, period)) for (const t of [tallyOf(event.departmentId), totals]) t[figure]++;
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

/** The figures of the record (AccountabilityRow counts, and deemed.<cause>) an item counts in over a period. */
export function itemFigures(item: AccountabilityItemFact, period: Period): string[] {
  const figures: string[] = [];
  if (within(item.acceptedAt, period)) figures.push('accepted');
  if (!isOutcome(item.status) || !endsWithin(item.decidedAt, period) || item.acceptedAt === null) return figures;
  figures.push('handled');
  const onTime = item.status !== 'deemed_consent' && item.dueAt !== null && Date.parse(item.decidedAt!) < Date.parse(item.dueAt);
  if (onTime) figures.push('onTime');
  if (item.status === 'approved') figures.push('approved');
  if (item.status === 'rejected') figures.push('rejected');
  if (item.status === 'deemed_consent') figures.push('deemedConsents', `deemed.${item.deemedCause ?? 'timeout'}`);
  return figures;
}

/** The figures an R12/R13/R15/R16 event counts in over a period (none outside it). */
export function eventFigures(event: AccountabilityEvent, period: Period): (keyof Counts)[] {
  if (!within(event.at, period)) return [];
  switch (event.kind) {
    case 'absence':
      return event.excused ? ['absences', 'excusedAbsences'] : ['absences'];
    case 'extension':
      return ['extensions'];
    case 'delay':
      return ['delays'];
    case 'explanation_filed':
      return ['explanationsFiled'];
    case 'explanation_ruled':
      return [event.accepted ? 'explanationsAccepted' : 'explanationsRejected'];
  }
}

/**
 * Issue 14: the items behind one figure of one department's row (departmentId null: the totals) —
 * by the very rules that counted it, so the list and the figure always agree. In the order given.
 */
export function itemsBehindFigure(
  figure: string,
  departmentId: string | null,
  items: readonly AccountabilityItemFact[],
  events: readonly AccountabilityEvent[],
  period: Period,
): string[] {
  const ids = new Set<string>();
  const mine = (d: string) => departmentId === null || d === departmentId;
  for (const item of items) if (item.itemId && mine(item.departmentId) && itemFigures(item, period).includes(figure)) ids.add(item.itemId);
  for (const event of events)
    if (event.itemId && mine(event.departmentId) && (eventFigures(event, period) as string[]).includes(figure)) ids.add(event.itemId);
  return [...ids];
}

function within(instant: string | null, period: Period): boolean {
  if (instant === null) return false;
  const t = Date.parse(instant);
  return t >= period.start.getTime() && t < period.end.getTime();
}

/** An outcome at 24:00 (a deemed consent at the end of its due day) belongs to the day it ends. */
function endsWithin(instant: string | null, period: Period): boolean {
  if (instant === null) return false;
  const t = Date.parse(instant);
  return t > period.start.getTime() && t <= period.end.getTime();
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
