import { addCalendarDays, formatCivilDate, quarterDates, quarterOf, type CivilDate } from '@hub/shared';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  /** 'YYYY-MM' (month). */
  month: string;
  year: number;
  quarter: number;
  /** Custom first and last day. */
  from: string;
  to: string;
}

/** R21: the first and last day (inclusive) of the chosen month, quarter, year or custom range; null when incomplete. */
export function periodDates(choice: PeriodChoice): { from: CivilDate; to: CivilDate } | null {
  switch (choice.kind) {
    case 'month': {
      const match = /^(\d{4})-(\d{2})$/.exec(choice.month);
      if (!match) return null;
      const [year, month] = [Number(match[1]), Number(match[2])];
      const next = month === 12 ? formatCivilDate(year + 1, 1, 1) : formatCivilDate(year, month + 1, 1);
      return { from: formatCivilDate(year, month, 1), to: addCalendarDays(next, -1) };
    }
    case 'quarter':
      return Number.isInteger(choice.year) && choice.quarter >= 1 && choice.quarter <= 4
        ? quarterDates({ year: choice.year, quarter: choice.quarter })
        : null;
    case 'year':
      return Number.isInteger(choice.year) && choice.year > 999
        ? { from: formatCivilDate(choice.year, 1, 1), to: formatCivilDate(choice.year, 12, 31) }
        : null;
    case 'custom':
      return choice.from && choice.to ? { from: choice.from, to: choice.to } : null;
  }
}

/** Today's quarter, as the page opens. */
export function defaultChoice(today: CivilDate): PeriodChoice {
  const { year, quarter } = quarterOf(today);
  return { kind: 'quarter', month: today.slice(0, 7), year, quarter, from: formatCivilDate(year, 1, 1), to: today };
}
