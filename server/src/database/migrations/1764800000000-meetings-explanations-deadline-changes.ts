import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: meetings and site inspections with durable attendance and versioned opinions (R15,
 * R18–R20), written explanations (R16), deadline changes by extension or delay (R12, R13), and
 * deemed consent widened to the absence causes (R15) — still exactly once per (item, version).
 */
export class MeetingsExplanationsDeadlineChanges1764800000000 implements MigrationInterface {
  name = 'MeetingsExplanationsDeadlineChanges1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        kind text NOT NULL CHECK (kind IN ('coordination','joint_review','supervision','site_inspection')),
        title text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        place text,
        online boolean NOT NULL,
        agenda text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('scheduled','open','closed','lapsed')),
        convened_by uuid NOT NULL REFERENCES users(id),
        convened_at timestamptz NOT NULL,
        convener_department_id uuid REFERENCES departments(id),
        opened_at timestamptz,
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        conclusion text,
        findings text,
        CHECK (place IS NOT NULL OR online),
        CHECK ((status IN ('closed','lapsed')) = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX meetings_project ON meetings (project_id)`);
    await q.query(`CREATE INDEX meetings_unfinished_end ON meetings (ends_at) WHERE status IN ('scheduled','open')`);

    // Attendance is a durable fact (R19): present_at, once set, is never cleared.
    await q.query(`
      CREATE TABLE meeting_invitees (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        present_at timestamptz,
        present_how text CHECK (present_how IN ('joined','marked')),
        present_by uuid REFERENCES users(id),
        outcome text CHECK (outcome IN ('present','excused','held','deemed','absent_no_open_item')),
        PRIMARY KEY (meeting_id, department_id),
        CHECK ((present_at IS NULL) = (present_how IS NULL))
      )`);
    await q.query(`
      CREATE FUNCTION attendance_is_durable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.present_at IS NOT NULL AND NEW.present_at IS DISTINCT FROM OLD.present_at THEN
          RAISE EXCEPTION 'attendance, once recorded, is never changed' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER meeting_invitees_durable BEFORE UPDATE ON meeting_invitees FOR EACH ROW EXECUTE FUNCTION attendance_is_durable()`,
    );

    // R18: each change of opinion is a new version; none is ever lost or rewritten.
    await q.query(`
      CREATE TABLE meeting_opinions (
        meeting_id uuid NOT NULL,
        department_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        kind text NOT NULL CHECK (kind IN ('agree','agree_with_conditions','disagree')),
        conditions text,
        basis text,
        given_by uuid NOT NULL REFERENCES users(id),
        given_at timestamptz NOT NULL,
        PRIMARY KEY (meeting_id, department_id, version),
        FOREIGN KEY (meeting_id, department_id) REFERENCES meeting_invitees (meeting_id, department_id),
        CHECK (kind <> 'disagree' OR basis IS NOT NULL),
        CHECK (kind <> 'agree_with_conditions' OR conditions IS NOT NULL)
      )`);

    // R20: on-the-spot rectification requests and whether each was done.
    await q.query(`
      CREATE TABLE rectifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        department_id uuid REFERENCES departments(id),
        request text NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by uuid NOT NULL REFERENCES users(id),
        done_at timestamptz,
        done_by uuid REFERENCES users(id)
      )`);

    // R16: one pending explanation per item at a time.
    await q.query(`
      CREATE TABLE written_explanations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES approval_items(id),
        meeting_id uuid REFERENCES meetings(id),
        text text NOT NULL,
        filed_by uuid NOT NULL REFERENCES users(id),
        filed_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','accepted','rejected')),
        ruled_by uuid REFERENCES users(id),
        ruled_at timestamptz,
        note text,
        new_due_at timestamptz,
        CHECK ((status = 'pending') = (ruled_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX written_explanations_one_pending ON written_explanations (item_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX written_explanations_meeting ON written_explanations (meeting_id) WHERE meeting_id IS NOT NULL`);

    // R12/R13/R16: every move of a due instant, with before and after (the card records it too).
    await q.query(`
      CREATE TABLE deadline_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES approval_items(id),
        kind text NOT NULL CHECK (kind IN ('extension','delay','explanation_accepted')),
        from_version int NOT NULL,
        to_version int NOT NULL CHECK (to_version = from_version + 1),
        from_due_at timestamptz NOT NULL,
        to_due_at timestamptz NOT NULL,
        reason text NOT NULL,
        delay_cause text CHECK (delay_cause IN ('law_policy_change','network_outage','natural_disaster','other')),
        explanation_id uuid REFERENCES written_explanations(id),
        notice_id uuid REFERENCES notices(id),
        changed_by uuid NOT NULL REFERENCES users(id),
        changed_at timestamptz NOT NULL,
        UNIQUE (item_id, to_version)
      )`);
    for (const table of ['deadline_changes', 'meeting_opinions']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`);
    }

    // R15: deemed consent by absence, naming the meeting; still one row per (item, deadline version).
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout','meeting_absence','inspection_absence'))`,
    );
    await q.query(`ALTER TABLE deemed_consents ADD COLUMN meeting_id uuid REFERENCES meetings(id)`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_absence_names_meeting CHECK ((cause = 'timeout') = (meeting_id IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_absence_names_meeting`);
    await q.query(`ALTER TABLE deemed_consents DROP COLUMN meeting_id`);
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(`ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout'))`);
    for (const t of ['deadline_changes', 'written_explanations', 'rectifications', 'meeting_opinions', 'meeting_invitees', 'meetings']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS attendance_is_durable()`);
  }
}
