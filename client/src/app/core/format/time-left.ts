/** The words a time left is told in (dictionary keys with their placeholders). */
export type TimeLeftKey = 'timeLeft.underMinute' | 'timeLeft.minutes' | 'timeLeft.hoursMinutes' | 'timeLeft.daysHours';

/**
 * R14a: a countdown reads as time left — "剩 3 小时 12 分" / "3 h 12 min left" — never like a time
 * of day ("03:12:00"). Rounded down, so it never promises more time than there is; null once none is
 * left (the caller then says overdue, or held).
 */
export function timeLeft(ms: number): { key: TimeLeftKey; params: Record<string, number> } | null {
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { key: 'timeLeft.underMinute', params: {} };
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return { key: 'timeLeft.daysHours', params: { d, h } };
  if (h > 0) return { key: 'timeLeft.hoursMinutes', params: { h, m } };
  return { key: 'timeLeft.minutes', params: { m } };
}
