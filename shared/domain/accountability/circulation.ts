import type { AccountabilityRow } from '../../contracts/leaders';
import type { CivilDate } from '../calendar/calendar-data';
import { addCalendarDays, civilDateParts, formatCivilDate } from '../calendar/civil-date';
import { DEEMED_CAUSE_NAMES } from './table';

/** A calendar quarter (R22). */
export interface Quarter {
  year: number;
  quarter: number;
}

export const isQuarter = (q: Quarter) => Number.isInteger(q.year) && q.year >= 1000 && q.year <= 9999 && [1, 2, 3, 4].includes(q.quarter);

export function quarterOf(date: CivilDate): Quarter {
  const { year, month } = civilDateParts(date);
  return { year, quarter: Math.ceil(month / 3) };
}

/** First and last day of a quarter, inclusive. */
export function quarterDates({ year, quarter }: Quarter): { from: CivilDate; to: CivilDate } {
  const from = formatCivilDate(year, quarter * 3 - 2, 1);
  const next = quarter === 4 ? formatCivilDate(year + 1, 1, 1) : formatCivilDate(year, quarter * 3 + 1, 1);
  return { from, to: addCalendarDays(next, -1) };
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** "2026年第一季度", as a circulation report names its period. */
export const quarterLabel = ({ year, quarter }: Quarter) => `${year}年${QUARTER_NAMES[quarter - 1]}`;

/** R22: a department with `threshold` (setting, default 3) or more deemed consents in the quarter is flagged. */
export const isFlagged = (row: Pick<AccountabilityRow, 'deemedConsents'>, threshold: number) => row.deemedConsents >= threshold;

/**
 * R22: the standard text of a circulation report (通报): who, when, how many and why, then the
 * leader's own words, if any.
 */
export function circulationText(
  departmentName: string,
  quarter: Quarter,
  row: Pick<AccountabilityRow, 'deemedConsents' | 'deemedByCause'>,
  threshold: number,
  remarks?: string | null,
): string {
  const causes = Object.entries(row.deemedByCause)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${DEEMED_CAUSE_NAMES[cause]?.zh ?? cause}${n}次`)
    .join('，');
  const lines = [
    `${departmentName}在${quarterLabel(quarter)}共发生超时默许${row.deemedConsents}次${causes ? `（其中${causes}）` : ''}，达到每季度${threshold}次的通报标准。`,
    `根据绿色通道超时默许和责任追究的有关规定，现予通报。请${departmentName}认真查找原因，落实整改，严格在承诺时限内办结审批事项。`,
  ];
  const own = remarks?.trim();
  return own ? [...lines, own].join('\n') : lines.join('\n');
}
