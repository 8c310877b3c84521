import { documentLayout } from '../documents/document-layout';
import { NOTICE_TITLES } from '../documents/notice-number';
import { circulationText, isFlagged, isQuarter, quarterDates, quarterLabel, quarterOf } from './circulation';

describe('circulation (R22)', () => {
  it.each`
    date            | year    | quarter
    ${'2026-01-01'} | ${2026} | ${1}
    ${'2026-03-31'} | ${2026} | ${1}
    ${'2026-04-01'} | ${2026} | ${2}
    ${'2026-12-31'} | ${2026} | ${4}
  `('R22: $date lies in $year Q$quarter', ({ date, year, quarter }) => {
    expect(quarterOf(date)).toEqual({ year, quarter });
  });

  it('R22: a quarter runs from its first to its last day, inclusive', () => {
    expect(quarterDates({ year: 2026, quarter: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterDates({ year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterLabel({ year: 2026, quarter: 3 })).toBe('2026年第三季度');
    expect(isQuarter({ year: 2026, quarter: 5 })).toBe(false);
  });

  it('R22: three deemed consents in a quarter flag a department, two do not (threshold is a setting)', () => {
    expect(isFlagged({ deemedConsents: 3 }, 3)).toBe(true);
    expect(isFlagged({ deemedConsents: 2 }, 3)).toBe(false);
    expect(isFlagged({ deemedConsents: 2 }, 2)).toBe(true);
  });

  it("R22: the report names the department, the quarter, the count by cause and the leader's own words", () => {
    const text = circulationText(
      '发展和改革局',
      { year: 2026, quarter: 1 },
      { deemedConsents: 3, deemedByCause: { timeout: 2, meeting_absence: 1, inspection_absence: 0 } },
      3,
      '限期一周内提交整改报告。',
    );
    expect(text).toContain('发展和改革局在2026年第一季度共发生超时默许3次（其中超时2次，会议缺席1次）');
    expect(text.split('\n').at(-1)).toBe('限期一周内提交整改报告。');
    expect(
      circulationText('生态环境局', { year: 2026, quarter: 2 }, { deemedConsents: 4, deemedByCause: {} }, 3, '  ').split('\n'),
    ).toHaveLength(2);
  });

  it('R22 R17: a circulation report is about a department, not a project, and prints so', () => {
    const layout = documentLayout({
      kind: 'circulation_report',
      title: NOTICE_TITLES.circulation_report,
      number: '绿通通报〔2026〕1号',
      issuedAt: '2026-04-02T02:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      project: null,
      department: { code: 'DRC', name: '发展和改革局' },
      issuer: { displayName: '王主任' },
      corrects: null,
      period: '2026年第一季度',
      deemedConsents: 3,
      text: circulationText('发展和改革局', { year: 2026, quarter: 1 }, { deemedConsents: 3, deemedByCause: { timeout: 3 } }, 3),
    });
    expect(layout.title).toBe('通报');
    expect(layout.blocks).toContainEqual({
      type: 'fields',
      rows: [
        { label: '被通报部门', value: '发展和改革局' },
        { label: '统计期间', value: '2026年第一季度' },
        { label: '超时默许次数', value: '3' },
      ],
    });
  });
});
