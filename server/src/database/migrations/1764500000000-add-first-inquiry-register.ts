import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R23/R24 first-inquiry register (首问负责): the inquiry with its current disposition, and its
 * own append-only, hash-chained history (like card_entries, R5). Only PostgreSQL 15 features.
 */
export class AddFirstInquiryRegister1764500000000 implements MigrationInterface {
  name = 'AddFirstInquiryRegister1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inquiries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('in_person','phone','fax','internet')),
        inquirer jsonb NOT NULL,
        subject text NOT NULL,
        matter_type text NOT NULL CHECK (matter_type IN ('consultation','status_query','application','complaint','other')),
        owner_id uuid NOT NULL REFERENCES users(id),
        owner_department_id uuid REFERENCES departments(id),
        responder_contact text NOT NULL,
        registered_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open','promised','transferred','acknowledged','escalated','answered','referred')),
        handler_user_id uuid REFERENCES users(id),
        handler_department_id uuid REFERENCES departments(id),
        transferred_at timestamptz,
        transferred_by uuid REFERENCES users(id),
        acknowledged_at timestamptz,
        promised_at timestamptz,
        promised_by uuid REFERENCES users(id),
        promised_working_days int CHECK (promised_working_days > 0),
        promised_due_date date,
        promised_due_at timestamptz,
        promised_provisional boolean,
        overdue_flagged_at timestamptz,
        escalated_at timestamptz,
        escalated_by uuid REFERENCES users(id),
        escalation_reason text,
        reminded_at timestamptz,
        reminded_by uuid REFERENCES users(id),
        reminder_note text,
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        answer text,
        referred_to text,
        referred_contact text,
        followed_up_at timestamptz,
        followed_up_by uuid REFERENCES users(id),
        satisfaction text CHECK (satisfaction IN ('satisfied','basically_satisfied','dissatisfied')),
        follow_up_comment text,
        project_id uuid REFERENCES projects(id),
        CHECK ((status IN ('answered','referred')) = (closed_at IS NOT NULL)),
        CHECK (status <> 'transferred' OR handler_user_id IS NOT NULL OR handler_department_id IS NOT NULL),
        CHECK ((promised_at IS NULL) = (promised_due_at IS NULL)),
        CHECK (followed_up_at IS NULL OR closed_at IS NOT NULL),
        CHECK ((followed_up_at IS NULL) = (satisfaction IS NULL))
      )`);
    // R24 watch list: promises still owed and not yet flagged, by due instant.
    await q.query(`
      CREATE INDEX inquiries_overdue_watch ON inquiries (promised_due_at)
      WHERE promised_due_at IS NOT NULL AND closed_at IS NULL AND overdue_flagged_at IS NULL`);
    await q.query(`CREATE INDEX inquiries_registered ON inquiries (registered_at)`);
    await q.query(`CREATE INDEX inquiries_owner ON inquiries (owner_id)`);
    await q.query(`CREATE INDEX inquiries_handler_user ON inquiries (handler_user_id)`);
    await q.query(`CREATE INDEX inquiries_handler_department ON inquiries (handler_department_id)`);

    await q.query(`
      CREATE TABLE inquiry_entries (
        inquiry_id uuid NOT NULL REFERENCES inquiries(id),
        seq int NOT NULL CHECK (seq > 0),
        at timestamptz NOT NULL,
        actor jsonb,
        action text NOT NULL,
        before text,
        after text NOT NULL,
        detail jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (inquiry_id, seq)
      )`);
    await q.query(`CREATE INDEX inquiry_entries_action ON inquiry_entries (action)`);
    // Append-only whatever the application does (forbid_rewrite() comes with the first schema).
    await q.query(
      `CREATE TRIGGER inquiry_entries_append_only BEFORE UPDATE OR DELETE ON inquiry_entries FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
    );
    await q.query(
      `CREATE TRIGGER inquiry_entries_no_truncate BEFORE TRUNCATE ON inquiry_entries FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS inquiry_entries`);
    await q.query(`DROP TABLE IF EXISTS inquiries`);
  }
}
