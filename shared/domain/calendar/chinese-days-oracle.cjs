// Test oracle for the calendar specs: what chinese-days says, as JSON on stdout.
//   node chinese-days-oracle.cjs days 2025 2026    every date: { work, name }
//   node chinese-days-oracle.cjs lunar 2025 2099   per year: 正月初一, 清明, 端午, 中秋, and the lunar date of the eve
// chinese-days reads dates in the process's local zone and is a day off west of UTC, so it runs
// in its own process pinned to Asia/Shanghai, whatever zone the tests run in.
process.env.TZ = 'Asia/Shanghai';
const cd = require('chinese-days');

const [mode, first, last] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const result = {};

if (mode === 'days') {
  for (let ms = Date.UTC(first, 0, 1); ms < Date.UTC(last + 1, 0, 1); ms += 86_400_000) {
    const { work, name } = cd.getDayDetail(isoDay(ms));
    result[isoDay(ms)] = { work, name };
  }
} else if (mode === 'lunar') {
  for (let year = first; year <= last; year++) {
    const newYear = cd.getSolarDateFromLunar(`${year}-01-01`).date;
    const eve = cd.getLunarDate(isoDay(Date.parse(`${newYear}T00:00:00Z`) - 86_400_000));
    result[year] = {
      newYear,
      eve: { lunarYear: eve.lunarYear, lunarMon: eve.lunarMon },
      qingming: cd.getSolarTermDate(year, 4, 'pure_brightness'),
      dragonBoat: cd.getSolarDateFromLunar(`${year}-05-05`).date,
      midAutumn: cd.getSolarDateFromLunar(`${year}-08-15`).date,
    };
  }
} else {
  throw new Error(`Unknown mode ${mode}`);
}
process.stdout.write(JSON.stringify(result));
