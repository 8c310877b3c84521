import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins counted per account and per address in PostgreSQL, so every instance
 * sees the same count (a limit kept in one process's memory is no limit behind a balancer).
 */
export class LoginThrottle1764400000000 implements MigrationInterface {
  name = 'LoginThrottle1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_start timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_throttle');
  }
}
