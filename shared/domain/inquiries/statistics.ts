import type { InquiryStatistics, InquiryStatsRow, Satisfaction } from '../../contracts/inquiries';

/** What the statistics need to know of one inquiry; the server reads it from inquiries and their history. */
export interface InquiryFacts {
  ownerId: string;
  ownerName: string;
  ownerDepartmentId: string | null;
  /** End of the promised day, when a reply was promised. */
  promiseDueAt: string | null;
  closedAt: string | null;
  transfers: TransferFact[];
  satisfaction: Satisfaction | null;
}

export interface TransferFact {
  byUserId: string;
  byUserName: string;
  byDepartmentId: string | null;
  /** The named colleague, or null when sent to a department. */
  toUserId: string | null;
  toUserName: string | null;
  /** The receiving department: the one named, or the named colleague's (null for center staff). */
  toDepartmentId: string | null;
}

type Counts = Omit<InquiryStatsRow, 'key' | 'name'>;

const ZERO: Counts = {
  inquiries: 0,
  closed: 0,
  promised: 0,
  repliedOnTime: 0,
  late: 0,
  transfersMade: 0,
  transfersReceived: 0,
  followUps: 0,
  dissatisfied: 0,
};

/**
 * R24 (and 第一篇 五 检查监督): per staff member and per department, the inquiries they answered for
 * as first responders and how: closed, promised, replied by the promised date or late (replied at
 * or after the end of the promised day, or still open past it at `now`), transfers made and
 * received, follow-ups and dissatisfied inquirers. A department row gathers its staff; the
 * center's own staff (window, leaders: no department) share the row keyed null.
 */
export function inquiryStatistics(
  facts: readonly InquiryFacts[],
  now: Date,
  names: { departments: ReadonlyMap<string, string>; center: string },
): Pick<InquiryStatistics, 'byStaff' | 'byDepartment' | 'totals'> {
  const staff = new Map<string, InquiryStatsRow>();
  const departments = new Map<string | null, InquiryStatsRow>();
  const totals: InquiryStatsRow = { key: null, name: '', ...ZERO };

  const staffRow = (id: string, name: string) => rowIn(staff, id, name);
  const departmentRow = (id: string | null) => rowIn(departments, id, id === null ? names.center : (names.departments.get(id) ?? id));

  for (const fact of facts) {
    const own = outcome(fact, now);
    for (const row of [staffRow(fact.ownerId, fact.ownerName), departmentRow(fact.ownerDepartmentId), totals]) add(row, own);
    for (const transfer of fact.transfers) {
      staffRow(transfer.byUserId, transfer.byUserName).transfersMade++;
      departmentRow(transfer.byDepartmentId).transfersMade++;
      if (transfer.toUserId) staffRow(transfer.toUserId, transfer.toUserName ?? transfer.toUserId).transfersReceived++;
      departmentRow(transfer.toDepartmentId).transfersReceived++;
      totals.transfersMade++;
      totals.transfersReceived++;
    }
  }
  return { byStaff: sorted(staff), byDepartment: sorted(departments), totals };
}

/** One inquiry's contribution to its first responder's counts (transfers are counted apart). */
function outcome(fact: InquiryFacts, now: Date): Counts {
  const due = fact.promiseDueAt === null ? null : Date.parse(fact.promiseDueAt);
  const closed = fact.closedAt === null ? null : Date.parse(fact.closedAt);
  // R24, as isInquiryOverdue: late from the end of the promised day on, not a millisecond before.
  const late = due !== null && (closed !== null ? closed >= due : now.getTime() >= due);
  return {
    ...ZERO,
    inquiries: 1,
    closed: closed === null ? 0 : 1,
    promised: due === null ? 0 : 1,
    repliedOnTime: due !== null && closed !== null && closed < due ? 1 : 0,
    late: late ? 1 : 0,
    followUps: fact.satisfaction === null ? 0 : 1,
    dissatisfied: fact.satisfaction === 'dissatisfied' ? 1 : 0,
  };
}

function rowIn<K>(rows: Map<K, InquiryStatsRow>, key: K, name: string): InquiryStatsRow {
  let row = rows.get(key);
  if (!row) {
    row = { key: key as string | null, name, ...ZERO };
    rows.set(key, row);
  }
  return row;
}

function add(row: InquiryStatsRow, counts: Counts): void {
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) row[k] += counts[k];
}

/** Most inquiries first, then by name, then key: the same input always gives the same order. */
function sorted(rows: Map<unknown, InquiryStatsRow>): InquiryStatsRow[] {
  return [...rows.values()].sort(
    (a, b) => b.inquiries - a.inquiries || a.name.localeCompare(b.name, 'zh') || String(a.key).localeCompare(String(b.key)),
  );
}

const CSV_COLUMNS: [keyof Counts, string][] = [
  ['inquiries', '首问登记 Inquiries'],
  ['closed', '已办结 Closed'],
  ['promised', '承诺答复 Promised'],
  ['repliedOnTime', '按期答复 On time'],
  ['late', '逾期 Late'],
  ['transfersMade', '转办 Transfers made'],
  ['transfersReceived', '接收转办 Transfers received'],
  ['followUps', '回访 Follow-ups'],
  ['dissatisfied', '不满意 Dissatisfied'],
];

/**
 * The statistics as CSV for Excel: UTF-8 with a byte-order mark (else Excel shows the Chinese as
 * mojibake), CRLF lines, bilingual headers. Cells that a spreadsheet would run as a formula are
 * defused with a leading apostrophe.
 */
export function inquiryStatisticsCsv(stats: Pick<InquiryStatistics, 'from' | 'to' | 'byStaff' | 'byDepartment' | 'totals'>): string {
  const header = ['分组 Group', '名称 Name', '期间 Period', ...CSV_COLUMNS.map(([, title]) => title)];
  const period = `${stats.from}~${stats.to}`;
  const line = (group: string, row: InquiryStatsRow) => [group, row.name, period, ...CSV_COLUMNS.map(([k]) => String(row[k]))];
  const lines = [
    header,
    ...stats.byStaff.map((row) => line('人员 Staff', row)),
    ...stats.byDepartment.map((row) => line('部门 Department', row)),
    line('合计 Total', { ...stats.totals, name: '' }),
  ];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
