import type { InquiryStatsRow } from '../../contracts/inquiries';
import { csvCell, inquiryStatistics, inquiryStatisticsCsv, type InquiryFacts, type TransferFact } from './statistics';

const NOW = new Date('2026-03-10T02:00:00.000Z');
const DUE = '2026-03-05T16:00:00.000Z'; // end of 2026-03-05 in Shanghai, passed at NOW
const DUE_LATER = '2026-03-12T16:00:00.000Z'; // not yet reached at NOW

const W1 = { id: 'w1', name: '李窗口', dept: null };
const W2 = { id: 'w2', name: '张窗口', dept: null };
const D1 = { id: 'd1', name: '发改联络员', dept: 'DRC' };
const L = { id: 'L', name: '王主任', dept: null };
type Who = typeof W1 | typeof D1;

function inquiry(owner: Who, facts: Partial<InquiryFacts> = {}): InquiryFacts {
  return {
    ownerId: owner.id,
    ownerName: owner.name,
    ownerDepartmentId: owner.dept,
    promiseDueAt: null,
    closedAt: null,
    transfers: [],
    satisfaction: null,
    ...facts,
  };
}
function transfer(by: Who, to: Who | { department: string }): TransferFact {
  const toUser = 'id' in to ? to : null;
  return {
    byUserId: by.id,
    byUserName: by.name,
    byDepartmentId: by.dept,
    toUserId: toUser?.id ?? null,
    toUserName: toUser?.name ?? null,
    toDepartmentId: toUser ? toUser.dept : (to as { department: string }).department,
  };
}

/** Seven inquiries with known answers (see the expected rows below). */
const FIXTURE: InquiryFacts[] = [
  inquiry(W1, { closedAt: '2026-03-02T02:00:00.000Z', satisfaction: 'satisfied' }), // answered at once
  inquiry(W1, { promiseDueAt: DUE, closedAt: '2026-03-04T08:00:00.000Z', transfers: [transfer(W1, W2)], satisfaction: 'dissatisfied' }), // on time
  inquiry(W1, { promiseDueAt: DUE, closedAt: DUE }), // replied exactly at the end of the day: late
  inquiry(W1, { promiseDueAt: DUE, transfers: [transfer(W1, { department: 'DRC' })] }), // still open past the date: late
  inquiry(D1, { promiseDueAt: DUE_LATER }), // still running
  inquiry(D1, {
    closedAt: '2026-03-03T02:00:00.000Z',
    transfers: [transfer(D1, W2), transfer(W2, L)],
    satisfaction: 'basically_satisfied',
  }),
  inquiry(L, { closedAt: '2026-03-06T02:00:00.000Z', satisfaction: 'dissatisfied' }), // referred
];

const row = (key: string | null, name: string, counts: number[]): InquiryStatsRow => {
  const [inquiries, closed, promised, repliedOnTime, late, transfersMade, transfersReceived, followUps, dissatisfied] = counts;
  return { key, name, inquiries, closed, promised, repliedOnTime, late, transfersMade, transfersReceived, followUps, dissatisfied };
};

const names = { departments: new Map([['DRC', '发展和改革局']]), center: '行政服务中心' };

describe('inquiry statistics (R24, 第一篇 五)', () => {
  const stats = inquiryStatistics(FIXTURE, NOW, names);

  it('R24: per staff member: inquiries, replies by the promised date and late, transfers, dissatisfied follow-ups', () => {
    //                         inq closed prom onTime late tMade tRecv follow dissat
    expect(stats.byStaff).toEqual([
      row('w1', '李窗口', [4, 3, 3, 1, 2, 2, 0, 2, 1]),
      row('d1', '发改联络员', [2, 1, 1, 0, 0, 1, 0, 1, 0]),
      row('L', '王主任', [1, 1, 0, 0, 0, 0, 1, 1, 1]),
      row('w2', '张窗口', [0, 0, 0, 0, 0, 1, 2, 0, 0]),
    ]);
  });

  it("R24: per department, the center's own staff (no department) sharing one row", () => {
    expect(stats.byDepartment).toEqual([
      row(null, '行政服务中心', [5, 4, 3, 1, 2, 3, 3, 3, 2]),
      row('DRC', '发展和改革局', [2, 1, 1, 0, 0, 1, 1, 1, 0]),
    ]);
  });

  it('R24: totals add up, and every transfer is made once and received once', () => {
    expect(stats.totals).toEqual(row(null, '', [7, 5, 4, 1, 2, 4, 4, 4, 2]));
    const sum = (rows: InquiryStatsRow[], k: keyof InquiryStatsRow) => rows.reduce((n, r) => n + Number(r[k]), 0);
    for (const k of ['inquiries', 'closed', 'late', 'transfersMade', 'transfersReceived', 'dissatisfied'] as const) {
      expect(sum(stats.byDepartment, k)).toBe(stats.totals[k]);
    }
    expect(sum(stats.byStaff, 'inquiries')).toBe(stats.totals.inquiries);
  });

  it('R24: a running promise turns late once the clock passes its day, not before', () => {
    const running = [inquiry(D1, { promiseDueAt: DUE_LATER })];
    expect(inquiryStatistics(running, new Date(Date.parse(DUE_LATER) - 1), names).totals.late).toBe(0);
    expect(inquiryStatistics(running, new Date(DUE_LATER), names).totals.late).toBe(1);
  });

  it('R24: no inquiries, no rows', () => {
    expect(inquiryStatistics([], NOW, names)).toEqual({
      byStaff: [],
      byDepartment: [],
      totals: row(null, '', [0, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
  });

  it('R24: the export is CSV for Excel: BOM, CRLF, bilingual header, one line per row and a total', () => {
    const csv = inquiryStatisticsCsv({ from: '2026-03-01', to: '2026-03-31', ...stats });
    expect(csv.startsWith('\uFEFF分组 Group,名称 Name,期间 Period,首问登记 Inquiries,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(1 + 4 + 2 + 1 + 1); // header, staff, departments, total, final empty
    expect(lines[1]).toBe('人员 Staff,李窗口,2026-03-01~2026-03-31,4,3,3,1,2,2,0,2,1');
    expect(lines[5]).toBe('部门 Department,行政服务中心,2026-03-01~2026-03-31,5,4,3,1,2,3,3,3,2');
    expect(lines[7]).toBe('合计 Total,,2026-03-01~2026-03-31,7,5,4,1,2,4,4,4,2');
    expect(lines[8]).toBe('');
  });

  it.each([
    ['张三', '张三'],
    ['Smith, J.', '"Smith, J."'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+86 571', "'+86 571"],
    ['-1', "'-1"],
    ['@SUM', "'@SUM"],
  ])('R24: a CSV cell %p is written as %p (quoted when needed, formulas defused)', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
