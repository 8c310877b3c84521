import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R15a/R27: a meeting or inspection invitation is an alert in each invited liaison's inbox, once per
 * person and meeting (unique index), like the R16 and R6 alerts. It names the meeting, no item.
 */
export class MeetingInvitationAlerts1765230000000 implements MigrationInterface {
  name = 'MeetingInvitationAlerts1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts ADD COLUMN meeting_id uuid REFERENCES meetings(id)`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check
      CHECK (kind IN ('deadline_warning','explanation_filed','ruling_overdue','forwarding_overdue','meeting_invited'))`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_subject`);
    await q.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_subject CHECK (
        (kind = 'deadline_warning' AND item_id IS NOT NULL AND deadline_version IS NOT NULL AND explanation_id IS NULL AND meeting_id IS NULL)
        OR (kind IN ('explanation_filed','ruling_overdue') AND item_id IS NOT NULL AND deadline_version IS NULL AND explanation_id IS NOT NULL AND meeting_id IS NULL)
        OR (kind = 'forwarding_overdue' AND item_id IS NULL AND deadline_version IS NULL AND explanation_id IS NULL AND meeting_id IS NULL)
        OR (kind = 'meeting_invited' AND item_id IS NULL AND deadline_version IS NULL AND explanation_id IS NULL AND meeting_id IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX alerts_once_per_meeting ON alerts (user_id, meeting_id, kind) WHERE meeting_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM alerts WHERE kind = 'meeting_invited'`);
    await q.query(`DROP INDEX IF EXISTS alerts_once_per_meeting`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_subject`);
    await q.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_subject CHECK (
        (kind = 'deadline_warning' AND item_id IS NOT NULL AND deadline_version IS NOT NULL AND explanation_id IS NULL)
        OR (kind IN ('explanation_filed','ruling_overdue') AND item_id IS NOT NULL AND deadline_version IS NULL AND explanation_id IS NOT NULL)
        OR (kind = 'forwarding_overdue' AND item_id IS NULL AND deadline_version IS NULL AND explanation_id IS NULL))`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('deadline_warning','explanation_filed','ruling_overdue','forwarding_overdue'))`,
    );
    await q.query(`ALTER TABLE alerts DROP COLUMN meeting_id`);
  }
}
