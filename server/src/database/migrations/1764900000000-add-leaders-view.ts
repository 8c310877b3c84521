import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leaders' view: one version of the calendar and settings that every instance checks (R11),
 * the rule each deadline was computed by, calendar and settings changes on record, early warnings
 * once per deadline with their inbox (R14a), and circulation reports about a department (R22).
 * Only PostgreSQL 15 features.
 */
export class AddLeadersView1764900000000 implements MigrationInterface {
  name = 'AddLeadersView1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Bumped in the transaction of every calendar or settings change; instances recompile on a new one.
    await q.query(`
      CREATE TABLE calendar_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL DEFAULT 1
      )`);
    await q.query(`INSERT INTO calendar_version DEFAULT VALUES`);

    // R10/R11: the rule (working days, end of day, zone) a running deadline was computed by at acceptance.
    await q.query(`ALTER TABLE approval_items ADD COLUMN due_rule jsonb`);

    // Every calendar and settings change, who and when, before and after; never rewritten.
    await q.query(`
      CREATE TABLE configuration_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id),
        subject text NOT NULL CHECK (subject IN ('calendar','settings')),
        action text NOT NULL CHECK (action IN ('day_set','day_cleared','year_published','year_imported','settings_changed')),
        target text,
        before jsonb,
        after jsonb,
        recomputed int NOT NULL DEFAULT 0 CHECK (recomputed >= 0)
      )`);
    await q.query(`CREATE INDEX configuration_changes_at ON configuration_changes (at DESC)`);

    // R14a: one warning per item and deadline version — a second one cannot be stored.
    await q.query(`
      CREATE TABLE item_warnings (
        item_id uuid NOT NULL REFERENCES approval_items(id),
        deadline_version int NOT NULL,
        due_at timestamptz NOT NULL,
        warned_at timestamptz NOT NULL,
        working_days_left int NOT NULL CHECK (working_days_left >= 0),
        PRIMARY KEY (item_id, deadline_version)
      )`);
    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('deadline_warning')),
        item_id uuid NOT NULL,
        deadline_version int NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        FOREIGN KEY (item_id, deadline_version) REFERENCES item_warnings (item_id, deadline_version),
        UNIQUE (user_id, item_id, deadline_version)
      )`);
    await q.query(`CREATE INDEX alerts_inbox ON alerts (user_id, created_at DESC)`);

    // R22: a circulation report names a department, not a project.
    await q.query(`ALTER TABLE notices ALTER COLUMN project_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notices ADD CONSTRAINT notices_project_or_circulation CHECK (project_id IS NOT NULL OR kind = 'circulation_report')`,
    );
    // R22: one report per department and quarter, pointing at its numbered, immutable notice.
    await q.query(`
      CREATE TABLE circulation_reports (
        department_id uuid NOT NULL REFERENCES departments(id),
        year int NOT NULL,
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        notice_id uuid NOT NULL UNIQUE REFERENCES notices(id),
        deemed_consents int NOT NULL CHECK (deemed_consents > 0),
        PRIMARY KEY (department_id, year, quarter)
      )`);

    for (const table of ['configuration_changes', 'item_warnings', 'circulation_reports']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['circulation_reports', 'alerts', 'item_warnings', 'configuration_changes', 'calendar_version'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_project_or_circulation`);
    await q.query(`ALTER TABLE notices ALTER COLUMN project_id SET NOT NULL`);
    await q.query(`ALTER TABLE approval_items DROP COLUMN IF EXISTS due_rule`);
  }
}
