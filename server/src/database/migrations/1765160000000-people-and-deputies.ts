import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R1: a real center keeps its departments and people through the hub. Departments and users can be
 * switched off (never deleted: the record keeps their names), a user may have to choose a new
 * password at next login, the first admin can be reached through a one-time setup link, a liaison
 * names a deputy for a period, and every such change is on record in configuration_changes.
 */
export class PeopleAndDeputies1765160000000 implements MigrationInterface {
  name = 'PeopleAndDeputies1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE departments ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);

    // A one-time setup link for the first admin: only the token's hash is kept; used once, then void.
    await q.query(`
      CREATE TABLE setup_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);

    // R1: a deputy acts for a liaison during [starts_at, ends_at); periods of one principal never overlap.
    await q.query(`
      CREATE TABLE deputies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        principal_user_id uuid NOT NULL REFERENCES users(id),
        deputy_user_id uuid NOT NULL REFERENCES users(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        named_by uuid NOT NULL REFERENCES users(id),
        named_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        CHECK (principal_user_id <> deputy_user_id)
      )`);
    await q.query(`CREATE INDEX deputies_deputy ON deputies (deputy_user_id, ends_at)`);
    await q.query(`CREATE INDEX deputies_principal ON deputies (principal_user_id, ends_at)`);

    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_subject_check`);
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(`ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_subject_check
      CHECK (subject IN ('calendar','settings','departments','users','deputies'))`);
    await q.query(`ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check
      CHECK (action IN ('day_set','day_cleared','year_published','year_imported','settings_changed',
        'department_created','department_updated','department_deactivated',
        'user_created','user_password_reset','user_deactivated','people_imported','deputy_named'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Append-only (forbid_rewrite): the people changes leave the record only with the schema that knows them.
    await q.query(`ALTER TABLE configuration_changes DISABLE TRIGGER configuration_changes_append_only`);
    await q.query(`DELETE FROM configuration_changes WHERE subject IN ('departments','users','deputies')`);
    await q.query(`ALTER TABLE configuration_changes ENABLE TRIGGER configuration_changes_append_only`);
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_subject_check`);
    await q.query(`ALTER TABLE configuration_changes DROP CONSTRAINT configuration_changes_action_check`);
    await q.query(
      `ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_subject_check CHECK (subject IN ('calendar','settings'))`,
    );
    await q.query(`ALTER TABLE configuration_changes ADD CONSTRAINT configuration_changes_action_check
      CHECK (action IN ('day_set','day_cleared','year_published','year_imported','settings_changed'))`);
    await q.query(`DROP TABLE IF EXISTS deputies`);
    await q.query(`DROP TABLE IF EXISTS setup_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
    await q.query(`ALTER TABLE users DROP COLUMN active`);
    await q.query(`ALTER TABLE departments DROP COLUMN active`);
  }
}
