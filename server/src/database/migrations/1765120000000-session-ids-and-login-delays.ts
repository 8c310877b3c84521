import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions get an id that is not their token's hash, so a session's sockets can be named in a
 * Socket.IO room (`session:<id>`) and cut on every instance; the (user, created_at) index finds a
 * user's oldest sessions when the per-user cap ends them. Login throttle rows for an
 * (account, address) pair carry the instant until which that pair is refused (progressive delay).
 */
export class SessionIdsAndLoginDelays1765120000000 implements MigrationInterface {
  name = 'SessionIdsAndLoginDelays1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE`);
    await q.query(`CREATE INDEX sessions_user_created ON sessions (user_id, created_at)`);
    await q.query(`ALTER TABLE login_throttle ADD COLUMN blocked_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE login_throttle DROP COLUMN blocked_until');
    await q.query('DROP INDEX sessions_user_created');
    await q.query('ALTER TABLE sessions DROP COLUMN id');
  }
}
