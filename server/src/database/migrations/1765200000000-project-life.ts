import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R4a: a project's whole life. The facts its state is computed from — withdrawal,
 * completion (办结); a refusal (R3) is on the project row — are one row per project each (the primary key makes each exactly once, across
 * instances); items stopped by a withdrawal are 'withdrawn' (no clock: the engine claims only
 * in_review); the national project code (项目代码) is optional, formatted as the platform prints it
 * and unique.
 */
export class ProjectLife1765200000000 implements MigrationInterface {
  name = 'ProjectLife1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN national_code text
      CONSTRAINT projects_national_code_format CHECK (national_code ~ '^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$')`);
    await q.query(`ALTER TABLE projects ADD CONSTRAINT projects_national_code_unique UNIQUE (national_code)`);

    await q.query(`ALTER TABLE approval_items DROP CONSTRAINT approval_items_status_check`);
    await q.query(`ALTER TABLE approval_items ADD CONSTRAINT approval_items_status_check
      CHECK (status IN ('awaiting_acceptance','in_review','approved','rejected','deemed_consent','withdrawn'))`);
    // An item withdrawn before acceptance never had a due instant.
    await q.query(`ALTER TABLE approval_items DROP CONSTRAINT approval_items_check`);
    await q.query(`ALTER TABLE approval_items ADD CONSTRAINT approval_items_running_has_due
      CHECK (status IN ('awaiting_acceptance','withdrawn') OR due_at IS NOT NULL)`);

    await q.query(`
      CREATE TABLE project_withdrawals (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        requested_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE project_completions (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        notice_id uuid NOT NULL UNIQUE REFERENCES notices(id),
        completed_at timestamptz NOT NULL
      )`);
    // Facts of a project's life are never changed or removed (R5).
    for (const table of ['project_withdrawals', 'project_completions']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_completions, project_withdrawals`);
    await q.query(`ALTER TABLE approval_items DROP CONSTRAINT approval_items_running_has_due`);
    await q.query(
      `ALTER TABLE approval_items ADD CONSTRAINT approval_items_check CHECK (status = 'awaiting_acceptance' OR due_at IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE approval_items DROP CONSTRAINT approval_items_status_check`);
    await q.query(`ALTER TABLE approval_items ADD CONSTRAINT approval_items_status_check
      CHECK (status IN ('awaiting_acceptance','in_review','approved','rejected','deemed_consent'))`);
    await q.query(`ALTER TABLE projects DROP COLUMN national_code`);
  }
}
