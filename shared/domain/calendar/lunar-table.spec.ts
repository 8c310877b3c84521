import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { addCalendarDays } from './civil-date';
import { LUNAR_TABLE, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from './lunar-table';
import { statutoryHolidays } from './statutory-holidays';

const years = Array.from({ length: LUNAR_TABLE_LAST_YEAR - LUNAR_TABLE_FIRST_YEAR + 1 }, (_, i) => LUNAR_TABLE_FIRST_YEAR + i);

interface LunarYear {
  newYear: string;
  eve: { lunarYear: number; lunarMon: number };
  qingming: string;
  dragonBoat: string;
  midAutumn: string;
}
const chineseDays: Record<number, LunarYear> = JSON.parse(
  execFileSync(
    process.execPath,
    [join(__dirname, 'chinese-days-oracle.cjs'), 'lunar', String(LUNAR_TABLE_FIRST_YEAR), String(LUNAR_TABLE_LAST_YEAR)],
    { encoding: 'utf8' },
  ),
);

describe('lunar table', () => {
  it('R11: every year of the table matches chinese-days (除夕, 清明, 端午, 中秋)', () => {
    for (const year of years) {
      const [eve, qingming, dragonBoat, midAutumn] = LUNAR_TABLE[year].map((md) => `${year}-${md}`);
      const oracle = chineseDays[year];
      expect(addCalendarDays(eve, 1)).toBe(oracle.newYear);
      expect(oracle.eve).toEqual({ lunarYear: year - 1, lunarMon: 12 });
      expect(qingming).toBe(oracle.qingming);
      expect(dragonBoat).toBe(oracle.dragonBoat);
      expect(midAutumn).toBe(oracle.midAutumn);
    }
  });

  it('R11: the table covers every year in its range and no other', () => {
    expect(Object.keys(LUNAR_TABLE).map(Number)).toEqual(years);
  });
});

describe('statutoryHolidays', () => {
  it('R11: 2027 has the 13 statutory days of the 2025 revision and nothing more', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-04-05', kind: 'holiday', name: '清明节' },
      { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2027-06-09', kind: 'holiday', name: '端午节' },
      { date: '2027-09-15', kind: 'holiday', name: '中秋节' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-03', kind: 'holiday', name: '国庆节' },
    ]);
  });

  it('R11: Spring Festival runs from 除夕 through 正月初三 in every year of the table', () => {
    for (const year of years) {
      const newYear = chineseDays[year].newYear;
      const spring = statutoryHolidays(year).filter((r) => r.name === '春节');
      expect(spring.map((r) => r.date)).toEqual([-1, 0, 1, 2].map((i) => addCalendarDays(newYear, i)));
    }
  });

  it.each([1, 1900, 2024, 2100, 9999, 2025.5, NaN])(
    'R11: a year outside the table (%s) knows no statutory dates, and does not throw',
    (year) => {
      expect(statutoryHolidays(year)).toEqual([]);
    },
  );
});

describe('statutoryHolidays when festivals meet', () => {
  it('R11: Mid-Autumn 2028 on 10-03 is one day off named after both festivals', () => {
    const october = statutoryHolidays(2028).filter((r) => r.date.startsWith('2028-10'));
    expect(october).toEqual([
      { date: '2028-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2028-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2028-10-03', kind: 'holiday', name: '中秋节、国庆节' },
    ]);
  });
});
