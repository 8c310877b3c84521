import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The periodic purge (AuthPurge) finds expired sessions and ended throttle windows by index, not by scanning. */
export class IndexSessionsAndThrottleForPurge1765100000000 implements MigrationInterface {
  name = 'IndexSessionsAndThrottleForPurge1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX sessions_expires_at ON sessions (expires_at)');
    await q.query('CREATE INDEX login_throttle_window_start ON login_throttle (window_start)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX login_throttle_window_start');
    await q.query('DROP INDEX sessions_expires_at');
  }
}
