import type { NoticeKind } from '../../contracts/paper-trail';

/** The official title of each kind of document (R17, R7, R9). */
export const NOTICE_TITLES: Readonly<Record<NoticeKind, string>> = {
  timeout_implied_consent: '超时默许通知书',
  delayed_approval: '延时审批通知书',
  one_time_notification: '一次性告知书',
  circulation_report: '通报',
  permit_decision: '行政许可决定书',
  receipt: '收件回执',
  pickup_register: '取件登记表',
  extension_notice: '延期通知',
  correction_notice: '更正通知书',
  completion_notice: '办结通知书',
};

const NUMBER = /^(\S+?)〔(\d{4})〕([1-9]\d*)号$/;

/** R17: the official number of a document: 绿通默许〔2026〕12号 (prefix, year in 〔〕, serial, 号). */
export function formatNoticeNumber(prefix: string, year: number, serial: number): string {
  if (!prefix || /[\s〔〕]/.test(prefix)) throw new RangeError(`Not a document prefix: "${prefix}"`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a year: ${year}`);
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`Serials start at 1, got ${serial}`);
  return `${prefix}〔${year}〕${serial}号`;
}

export function parseNoticeNumber(number: string): { prefix: string; year: number; serial: number } | null {
  const match = NUMBER.exec(number);
  return match ? { prefix: match[1]!, year: Number(match[2]), serial: Number(match[3]) } : null;
}

/**
 * R17: serials of one kind and year must run 1, 2, 3 … with no gap and no repeat.
 * Returns the problems found (empty when gapless), for audits and tests alike.
 */
export function serialProblems(serials: readonly number[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const serial of serials) {
    if (seen.has(serial)) problems.push(`serial ${serial} issued twice`);
    seen.add(serial);
  }
  for (let expected = 1; expected <= seen.size; expected++) {
    if (!seen.has(expected)) problems.push(`serial ${expected} missing`);
  }
  return problems;
}
