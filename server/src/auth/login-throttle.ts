import { Injectable } from '@nestjs/common';
import { TooManyRequests } from '../common/problem';
import { Database } from '../database/database';

export const LOGIN_LIMITS = {
  /** Failures one (account, address) pair may make before each further one is delayed. */
  freeFailures: 3,
  /** Delay after the first delayed failure; it doubles with each further one, up to maxDelaySeconds. */
  firstDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /**
   * Failures per window over every address after which the account is refused for everyone: far
   * above what one address can make through its doubling delays (about a dozen per window).
   */
  perAccount: 50,
  /** Failures per window from one address over every account. */
  perAddress: 20,
  windowMinutes: 15,
} as const;

/** Seconds an (account, address) pair waits after its n-th failure in a row: 0, 0, 0, 1, 2, 4, … ≤ 15 min. */
export function loginDelaySeconds(failures: number): number {
  if (failures <= LOGIN_LIMITS.freeFailures) return 0;
  return Math.min(LOGIN_LIMITS.firstDelaySeconds * 2 ** (failures - LOGIN_LIMITS.freeFailures - 1), LOGIN_LIMITS.maxDelaySeconds);
}

/**
 * Failed logins (and applicants' failed status lookups, R1) in PostgreSQL, shared by every instance:
 * a progressive delay per (account, address) — so a guesser at one address slows only itself and
 * the real user at another address is never locked out by it — under a much higher ceiling per
 * account over all addresses, and a limit per address over all accounts.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly db: Database) {}

  /** Refuses with 429 and Retry-After while the pair's delay runs or the account or address is over its ceiling. */
  async assertAllowed(account: string, address: string): Promise<void> {
    const rows = await this.db.query<{ retry_s: number }>(
      `SELECT CEIL(EXTRACT(EPOCH FROM (CASE WHEN key = $3 THEN blocked_until ELSE window_start + $4 * interval '1 minute' END) - now())) AS retry_s
       FROM login_throttle
       WHERE (key = $3 AND blocked_until > now())
          OR (((key = $1 AND failures >= $5) OR (key = $2 AND failures >= $6)) AND window_start > now() - $4 * interval '1 minute')`,
      [
        accountKey(account),
        addressKey(address),
        pairKey(account, address),
        LOGIN_LIMITS.windowMinutes,
        LOGIN_LIMITS.perAccount,
        LOGIN_LIMITS.perAddress,
      ],
    );
    if (rows.length === 0) return;
    const retryAfter = Math.max(1, ...rows.map((r) => Number(r.retry_s)));
    throw new TooManyRequests(retryAfter, 'Too many failed logins', `Try again in ${retryAfter} seconds`);
  }

  async recordFailure(account: string, address: string): Promise<void> {
    for (const key of [accountKey(account), addressKey(address)]) {
      await this.db.query(
        `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start <= now() - $2 * interval '1 minute' THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start <= now() - $2 * interval '1 minute' THEN now() ELSE login_throttle.window_start END`,
        [key, LOGIN_LIMITS.windowMinutes],
      );
    }
    // The pair's run of failures: window_start is its latest failure; a window without one forgives it.
    const pair = await this.db.one<{ failures: number }>(
      `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_start <= now() - $2 * interval '1 minute' THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = now()
       RETURNING failures`,
      [pairKey(account, address), LOGIN_LIMITS.windowMinutes],
    );
    const delay = loginDelaySeconds(pair!.failures);
    await this.db.query(`UPDATE login_throttle SET blocked_until = now() + $2 * interval '1 second' WHERE key = $1`, [
      pairKey(account, address),
      delay,
    ]);
  }

  /** The right password (or access code) from this address ends its run; the account's ceiling count stays. */
  async recordSuccess(account: string, address: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [pairKey(account, address)]);
  }
}

const accountKey = (account: string) => `account:${account.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const pairKey = (account: string, address: string) => `${accountKey(account)} ${addressKey(address)}`;
