import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (meetings and notices):
 * - R15a: when each department was invited (its notice is counted from then), the closer's excuse of
 *   a late arrival, the lead liaison's proposal to close, and the outcome "not_bound" (invited with
 *   less than the minimum notice: no R15 effect).
 * - R17: a deemed consent given by a rejected written explanation; one correction notice (更正通知书)
 *   per document at most; a leader's revocation of a deemed consent, exactly once per deemed consent
 *   (its own append-only table: deemed_consents itself stays immutable).
 */
export class MeetingNoticeAttendanceCorrections1765140000000 implements MigrationInterface {
  name = 'MeetingNoticeAttendanceCorrections1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_invitees ADD COLUMN invited_at timestamptz`);
    await q.query(`UPDATE meeting_invitees mi SET invited_at = m.convened_at FROM meetings m WHERE m.id = mi.meeting_id`);
    await q.query(`ALTER TABLE meeting_invitees ALTER COLUMN invited_at SET NOT NULL`);
    // Whether the invitation gave the minimum notice, judged on the calendar when it was sent (meetings
    // convened before this rule existed were binding as they were held).
    await q.query(`ALTER TABLE meeting_invitees ADD COLUMN notice_given boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE meeting_invitees ALTER COLUMN notice_given DROP DEFAULT`);
    await q.query(`ALTER TABLE meeting_invitees ADD COLUMN late_excuse text`);
    await q.query(`ALTER TABLE meeting_invitees DROP CONSTRAINT meeting_invitees_outcome_check`);
    await q.query(
      `ALTER TABLE meeting_invitees ADD CONSTRAINT meeting_invitees_outcome_check CHECK (outcome IN ('present','excused','held','deemed','absent_no_open_item','not_bound'))`,
    );
    await q.query(`ALTER TABLE meetings ADD COLUMN close_proposed_at timestamptz, ADD COLUMN close_proposed_by uuid REFERENCES users(id)`);

    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout','meeting_absence','inspection_absence','explanation_rejected'))`,
    );
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_absence_names_meeting`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_absence_names_meeting CHECK ((cause IN ('timeout','explanation_rejected')) = (meeting_id IS NULL))`,
    );

    // R17: a document is corrected once; the correction notice cites it (corrects_id).
    await q.query(`CREATE UNIQUE INDEX notices_one_correction ON notices (corrects_id) WHERE kind = 'correction_notice'`);
    await q.query(`
      CREATE TABLE deemed_consent_revocations (
        item_id uuid NOT NULL,
        deadline_version int NOT NULL,
        correction_notice_id uuid NOT NULL UNIQUE REFERENCES notices(id),
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        new_due_at timestamptz NOT NULL,
        revoked_by uuid NOT NULL REFERENCES users(id),
        revoked_at timestamptz NOT NULL,
        PRIMARY KEY (item_id, deadline_version),
        FOREIGN KEY (item_id, deadline_version) REFERENCES deemed_consents (item_id, deadline_version)
      )`);
    await q.query(
      `CREATE TRIGGER deemed_consent_revocations_append_only BEFORE UPDATE OR DELETE ON deemed_consent_revocations FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deemed_consent_revocations`);
    await q.query(`DROP INDEX notices_one_correction`);
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_absence_names_meeting`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_absence_names_meeting CHECK ((cause = 'timeout') = (meeting_id IS NULL))`,
    );
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout','meeting_absence','inspection_absence'))`,
    );
    await q.query(`ALTER TABLE meetings DROP COLUMN close_proposed_at, DROP COLUMN close_proposed_by`);
    await q.query(`ALTER TABLE meeting_invitees DROP CONSTRAINT meeting_invitees_outcome_check`);
    await q.query(
      `ALTER TABLE meeting_invitees ADD CONSTRAINT meeting_invitees_outcome_check CHECK (outcome IN ('present','excused','held','deemed','absent_no_open_item'))`,
    );
    await q.query(`ALTER TABLE meeting_invitees DROP COLUMN late_excuse, DROP COLUMN notice_given, DROP COLUMN invited_at`);
  }
}
