import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'day_set','day_cleared','year_published','year_imported','settings_changed',
  'department_created','department_updated','department_deactivated',
  'user_created','user_password_reset','user_deactivated','people_imported','deputy_named'`;

/** R1: a switched-off person switched on again, and a deputy period ended early, both on record. */
export class ReactivationAndDeputyEnd1765240000001 implements MigrationInterface {
  name = 'ReactivationAndDeputyEnd1765240000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(
      `ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check CHECK (action IN (${BEFORE},'user_reactivated','deputy_ended'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE configuration_changes DISABLE TRIGGER configuration_changes_append_only`);
    await q.query(`DELETE FROM configuration_changes WHERE action IN ('user_reactivated','deputy_ended')`);
    await q.query(`ALTER TABLE configuration_changes ENABLE TRIGGER configuration_changes_append_only`);
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(`ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check CHECK (action IN (${BEFORE}))`);
  }
}
