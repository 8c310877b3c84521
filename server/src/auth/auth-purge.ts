import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Database } from '../database/database';
import { SweepLoop } from '../database/sweep-loop';
import { LOGIN_LIMITS } from './login-throttle';

/** How often each instance purges; every instance does (the deletes are idempotent), so one left running suffices. */
const PURGE_EVERY_MS = 10 * 60_000;
/** Rows deleted per statement: a large backlog (a flood of invented usernames) goes in short transactions. */
const PURGE_BATCH = 5000;

/**
 * Keeps `sessions` and `login_throttle` from growing for ever: expired sessions, and throttle rows
 * whose window has ended (a new failure starts a new window anyway, so nothing is forgotten early).
 * Unauthenticated requests with invented usernames add throttle rows; this bounds them.
 */
@Injectable()
export class AuthPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('AuthPurge');
  private readonly loop: SweepLoop;

  constructor(private readonly db: Database) {
    this.loop = new SweepLoop({
      work: async () => (await this.purge(), PURGE_EVERY_MS),
      intervalMs: PURGE_EVERY_MS,
      recovered: (listener) => db.onRecovered(listener),
      onError: (error) => this.log.error({ msg: 'purge failed; retrying with back-off', error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.wake();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Deletes expired sessions and ended throttle windows; returns how many of each. */
  async purge(): Promise<{ sessions: number; throttle: number }> {
    const sessions = await this.deleteAll(
      `DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions WHERE expires_at <= now() LIMIT $1) RETURNING 1`,
      [PURGE_BATCH],
    );
    const throttle = await this.deleteAll(
      `DELETE FROM login_throttle WHERE key IN
         (SELECT key FROM login_throttle WHERE window_start <= now() - $2 * interval '1 minute' LIMIT $1) RETURNING 1`,
      [PURGE_BATCH, LOGIN_LIMITS.windowMinutes],
    );
    return { sessions, throttle };
  }

  private async deleteAll(sql: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.db.query(sql, params)).length;
      total += n;
      if (n < PURGE_BATCH) return total;
    }
  }
}
