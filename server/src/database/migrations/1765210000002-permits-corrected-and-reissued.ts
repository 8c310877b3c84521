import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R17: a permit decision resting on a deemed consent is corrected before the consent is revoked; the
 * item then returns to review and, decided again, takes a new permit. So an item may hold several
 * permit rows over time — one standing at most (the uncorrected one, see STANDING_PERMITS).
 */
export class PermitsCorrectedAndReissued1765210000002 implements MigrationInterface {
  name = 'PermitsCorrectedAndReissued1765210000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE permits DROP CONSTRAINT permits_pkey, ADD PRIMARY KEY (notice_id)`);
    await q.query(`CREATE INDEX permits_item ON permits (item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permits_item`);
    await q.query(`ALTER TABLE permits DROP CONSTRAINT permits_pkey, ADD PRIMARY KEY (item_id)`);
  }
}
