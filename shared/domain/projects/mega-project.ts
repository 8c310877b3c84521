import type { Currency, Money } from '../../contracts/projects';
import type { ProblemCode } from '../problems/problem-codes';

/** Whole units with at most two decimals, no sign, no leading zeros: "1250000000.00". */
export const MONEY_AMOUNT_PATTERN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
/** The longest amount the database column holds (below 10^18 with cents). */
export const MONEY_AMOUNT_MAX_LENGTH = 21;
/** A contact phone as the window writes it down: digits, +, -, parentheses, spaces. */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,30}$/;

/** What is wrong with a stored amount (whole units, as sent), checked alike by the server and the browser; null when fine. */
export function moneyAmountProblem(amount: string): Extract<ProblemCode, `amount.${string}`> | null {
  if (amount.length > MONEY_AMOUNT_MAX_LENGTH) return 'amount.out_of_range';
  if (!MONEY_AMOUNT_PATTERN.test(amount)) return 'amount.invalid';
  return parseMoneyAmount(amount) > 0n ? null : 'amount.not_positive';
}

/** A money amount in cents, exact (no floating point for money). Throws on malformed input. */
export function parseMoneyAmount(amount: string): bigint {
  if (!MONEY_AMOUNT_PATTERN.test(amount)) {
    throw new RangeError(`Not a money amount (digits with up to 2 decimals): "${amount}"`);
  }
  const [units, fraction = ''] = amount.split('.');
  return BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** R6: strictly over these totals makes a project a mega project. */
const MEGA_THRESHOLD_CENTS: Record<Currency, bigint> = {
  CNY: 1_000_000_000n * 100n,
  USD: 100_000_000n * 100n,
};

export function isMegaProject(money: Money): boolean {
  return parseMoneyAmount(money.amount) > MEGA_THRESHOLD_CENTS[money.currency];
}
