import { en, zh } from '../i18n/dictionaries';
import { timeLeft } from './time-left';

const say = (dict: Record<string, string>, ms: number) => {
  const left = timeLeft(ms);
  return left ? dict[left.key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(left.params[name])) : null;
};
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('timeLeft', () => {
  it.each([
    [3 * HOUR + 12 * MIN + 59_000, '剩 3 小时 12 分', '3 h 12 min left'],
    [12 * MIN, '剩 12 分', '12 min left'],
    [HOUR, '剩 1 小时 0 分', '1 h 0 min left'],
    [30_000, '剩不到 1 分钟', 'under 1 min left'],
    [2 * 24 * HOUR + 5 * HOUR + 40 * MIN, '剩 2 天 5 小时', '2 d 5 h left'],
  ])('R14a: %d ms reads as time left (%s), rounded down, never like a time of day', (ms, chinese, english) => {
    expect(say(zh, ms)).toBe(chinese);
    expect(say(en, ms)).toBe(english);
    expect(say(zh, ms)).not.toMatch(/\d{1,2}:\d{2}/);
  });

  it('R14: none left at or past the due instant (the caller says overdue or held)', () => {
    expect(timeLeft(0)).toBeNull();
    expect(timeLeft(-5000)).toBeNull();
    expect(timeLeft(Number.NaN)).toBeNull();
  });
});
