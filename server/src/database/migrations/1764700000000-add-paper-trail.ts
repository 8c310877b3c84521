import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The paper trail: materials checklists (R7, R8), permits and pickups tied to their numbered
 * documents (R9, R17), applicant access codes (R1) and mega-project forwarding (R6).
 * Documents themselves stay in `notices` (append-only since the first schema).
 */
export class AddPaperTrail1764700000000 implements MigrationInterface {
  name = 'AddPaperTrail1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // R17: a correction is a new document citing the one it corrects; who issued it.
    await q.query(`ALTER TABLE notices ADD COLUMN corrects_id uuid REFERENCES notices(id)`);
    await q.query(`ALTER TABLE notices ADD COLUMN issued_by uuid REFERENCES users(id)`);
    await q.query(`CREATE INDEX notices_project ON notices (project_id, issued_at)`);

    await q.query(`
      CREATE TABLE material_requirements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        item_id uuid NOT NULL REFERENCES approval_items(id),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('main','secondary')),
        copies int NOT NULL CHECK (copies BETWEEN 1 AND 99),
        received int NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= copies),
        status text NOT NULL CHECK (status IN ('required','requested','refused')),
        after_notice text,
        reason text,
        added_by uuid NOT NULL REFERENCES users(id),
        added_at timestamptz NOT NULL,
        ruled_by uuid REFERENCES users(id),
        ruled_at timestamptz,
        ruling_reason text,
        UNIQUE (item_id, name),
        -- R7: asked for after the one-time notification ⇔ it waits for, or has, a leader's ruling
        CHECK (status = 'required' AND after_notice IS NULL AND ruled_at IS NULL
            OR after_notice IS NOT NULL AND (status = 'requested') = (ruled_at IS NULL))
      )`);
    await q.query(`CREATE INDEX material_requirements_project ON material_requirements (project_id)`);

    // R17: one permit decision per item; R9: one pickup per receipt. Both append-only.
    await q.query(`
      CREATE TABLE permits (
        item_id uuid PRIMARY KEY REFERENCES approval_items(id),
        notice_id uuid NOT NULL UNIQUE REFERENCES notices(id)
      )`);
    await q.query(`
      CREATE TABLE pickups (
        receipt_id uuid PRIMARY KEY REFERENCES notices(id),
        notice_id uuid NOT NULL UNIQUE REFERENCES notices(id)
      )`);
    for (const table of ['permits', 'pickups']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`);
    }

    // R1: the applicant's access code, kept only as a hash; the window contact it was given by.
    await q.query(`
      CREATE TABLE project_access (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        code_hash text NOT NULL,
        window_contact uuid NOT NULL REFERENCES users(id),
        issued_at timestamptz NOT NULL
      )`);

    // R6: forwarding a mega project to higher authorities; the clock starts when materials are complete.
    await q.query(`
      CREATE TABLE mega_forwarding (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        complete_at timestamptz,
        due_at timestamptz,
        tracker_id uuid REFERENCES users(id),
        forwarded_at timestamptz,
        forwarded_to text,
        forwarded_by uuid REFERENCES users(id),
        CHECK ((complete_at IS NULL) = (due_at IS NULL)),
        CHECK ((forwarded_at IS NULL) = (forwarded_to IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['mega_forwarding', 'project_access', 'pickups', 'permits', 'material_requirements'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`DROP INDEX IF EXISTS notices_project`);
    await q.query(`ALTER TABLE notices DROP COLUMN IF EXISTS issued_by`);
    await q.query(`ALTER TABLE notices DROP COLUMN IF EXISTS corrects_id`);
  }
}
