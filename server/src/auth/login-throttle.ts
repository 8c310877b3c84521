import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { Database } from '../database/database';

/** Failed logins allowed per window before the key is refused until the window ends. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

/** Counts failed logins per account and per address, shared by every instance through PostgreSQL. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly db: Database) {}

  /** Refuses with 429 while the account or the address is over its limit. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const rows = await this.db.query<{ retry_s: number }>(
      `SELECT CEIL(EXTRACT(EPOCH FROM window_start + $3 * interval '1 minute' - now())) AS retry_s
       FROM login_throttle
       WHERE ((key = $1 AND failures >= $4) OR (key = $2 AND failures >= $5))
         AND window_start > now() - $3 * interval '1 minute'`,
      [accountKey(username), addressKey(address), LOGIN_LIMITS.windowMinutes, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.perAddress],
    );
    if (rows.length === 0) return;
    const retryAfter = Math.max(...rows.map((r) => Number(r.retry_s)));
    throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, 'Too many failed logins', `Try again in ${Math.ceil(retryAfter / 60)} minutes`);
  }

  async recordFailure(username: string, address: string): Promise<void> {
    for (const key of [accountKey(username), addressKey(address)]) {
      await this.db.query(
        `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start <= now() - $2 * interval '1 minute' THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start <= now() - $2 * interval '1 minute' THEN now() ELSE login_throttle.window_start END`,
        [key, LOGIN_LIMITS.windowMinutes],
      );
    }
  }

  async recordSuccess(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [accountKey(username)]);
  }
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
