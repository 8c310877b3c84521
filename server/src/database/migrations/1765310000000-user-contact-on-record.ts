import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'day_set','day_cleared','year_published','year_imported','settings_changed',
  'department_created','department_updated','department_deactivated',
  'user_created','user_password_reset','user_deactivated','people_imported','deputy_named','user_reactivated','deputy_ended'`;

/** R27/R1: the admin setting a person's e-mail and mobile is on record like every other people change. */
export class UserContactOnRecord1765310000000 implements MigrationInterface {
  name = 'UserContactOnRecord1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(
      `ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check CHECK (action IN (${BEFORE},'user_contact_changed'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE configuration_changes DISABLE TRIGGER configuration_changes_append_only`);
    await q.query(`DELETE FROM configuration_changes WHERE action = 'user_contact_changed'`);
    await q.query(`ALTER TABLE configuration_changes ENABLE TRIGGER configuration_changes_append_only`);
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(`ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check CHECK (action IN (${BEFORE}))`);
  }
}
