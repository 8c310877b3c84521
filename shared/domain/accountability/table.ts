import type { AccountabilityReport, AccountabilityRow } from '../../contracts/leaders';
import { csvCell } from '../inquiries/statistics';

export type AccountabilityFormat = 'count' | 'rate' | 'hours';

/** One column of the record (R21), the same on the page, in the CSV and in the XLSX. */
export interface AccountabilityColumn {
  key: string;
  zh: string;
  en: string;
  format: AccountabilityFormat;
  value(row: AccountabilityRow): number | null;
}

/** Names of the deemed-consent causes; an unknown cause shows as recorded. */
export const DEEMED_CAUSE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  timeout: { zh: '超时', en: 'timeout' },
  meeting_absence: { zh: '会议缺席', en: 'meeting absence' },
  inspection_absence: { zh: '踏勘缺席', en: 'inspection absence' },
  explanation_rejected: { zh: '说明被驳回', en: 'explanation rejected' },
};

const count = (key: keyof AccountabilityRow, zh: string, en: string): AccountabilityColumn => ({
  key,
  zh,
  en,
  format: 'count',
  value: (row) => row[key] as number,
});

/** The columns for a report's causes, in order. */
export function accountabilityColumns(causes: readonly string[]): AccountabilityColumn[] {
  return [
    count('accepted', '受理', 'Accepted'),
    count('handled', '办结', 'Handled'),
    count('onTime', '按时办结', 'On time'),
    { key: 'onTimeRate', zh: '按时率', en: 'On-time rate', format: 'rate', value: (row) => row.onTimeRate },
    {
      key: 'medianWorkingHours',
      zh: '办理时长中位数（工作小时）',
      en: 'Median working hours',
      format: 'hours',
      value: (row) => row.medianWorkingHours,
    },
    count('deemedConsents', '超时默许', 'Deemed consents'),
    ...causes.map((cause): AccountabilityColumn => ({
      key: `deemed.${cause}`,
      zh: `默许·${DEEMED_CAUSE_NAMES[cause]?.zh ?? cause}`,
      en: `Deemed: ${DEEMED_CAUSE_NAMES[cause]?.en ?? cause}`,
      format: 'count',
      value: (row) => row.deemedByCause[cause] ?? 0,
    })),
    count('absences', '缺席', 'Absences'),
    count('extensions', '延期', 'Extensions'),
    count('delays', '延时审批', 'Delays'),
    count('explanationsFiled', '书面说明', 'Explanations'),
    count('explanationsAccepted', '说明采纳', 'Accepted explanations'),
    count('explanationsRejected', '说明驳回', 'Rejected explanations'),
  ];
}

/** The one way a value reads: the page shows it so, and the CSV says the same. */
export function formatAccountabilityValue(value: number | null, format: AccountabilityFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'count':
      return String(value);
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
      return value.toFixed(1);
  }
}

/** Department rows, then the totals, each with its name: what the page, the CSV and the XLSX list. */
export function accountabilityLines(
  report: Pick<AccountabilityReport, 'rows' | 'totals'>,
  nameOf: (departmentId: string) => string,
  totalName: string,
): { name: string; row: AccountabilityRow }[] {
  return [...report.rows.map((row) => ({ name: nameOf(row.departmentId!), row })), { name: totalName, row: report.totals }];
}

/**
 * R21 as CSV for Excel: UTF-8 with a byte-order mark, CRLF lines, bilingual headers, the period on
 * every line, values formatted exactly as the page shows them.
 */
export function accountabilityCsv(report: AccountabilityReport, nameOf: (departmentId: string) => string): string {
  const columns = accountabilityColumns(report.causes);
  const header = ['部门 Department', '期间 Period', ...columns.map((c) => `${c.zh} ${c.en}`)];
  const period = `${report.from}~${report.to}`;
  const lines = accountabilityLines(report, nameOf, '合计 Total').map(({ name, row }) => [
    name,
    period,
    ...columns.map((c) => formatAccountabilityValue(c.value(row), c.format)),
  ]);
  return '\uFEFF' + [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
