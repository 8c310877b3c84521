import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (deadlines and explanations): R16 explanation kinds with a ruling due instant and an
 * exactly-once escalation key; R12/R13 bounded moves (working days added per move, outage period,
 * no "other" cause) with a numbered extension notice; R17 "explanation rejected" as a deemed-consent
 * cause and an outage delay's undo of a deemed consent (superseded by a correction notice); alerts
 * beyond the R14a warning (explanation filed, ruling overdue, forwarding overdue); R6 escalation
 * once; R10a special-procedure periods.
 */
export class BoundedDeadlinesAndExplanationKinds1765150000000 implements MigrationInterface {
  name = 'BoundedDeadlinesAndExplanationKinds1765150000000';

  async up(q: QueryRunner): Promise<void> {
    // R16 Decision: a deadline explanation holds R14; a meeting excuse holds only its meeting's R15 outcome.
    await q.query(`ALTER TABLE written_explanations ADD COLUMN kind text`);
    await q.query(`UPDATE written_explanations SET kind = CASE WHEN meeting_id IS NULL THEN 'deadline' ELSE 'meeting_excuse' END`);
    await q.query(`ALTER TABLE written_explanations ALTER COLUMN kind SET NOT NULL`);
    await q.query(
      `ALTER TABLE written_explanations ADD CONSTRAINT written_explanations_kind_check CHECK (kind IN ('deadline','meeting_excuse'))`,
    );
    await q.query(
      `ALTER TABLE written_explanations ADD CONSTRAINT written_explanations_excuse_names_meeting CHECK ((kind = 'meeting_excuse') = (meeting_id IS NOT NULL))`,
    );
    // R16: the ruling is due 1 working day (setting) after the filing; existing rows get a calendar day.
    await q.query(`ALTER TABLE written_explanations ADD COLUMN ruling_due_at timestamptz`);
    await q.query(`UPDATE written_explanations SET ruling_due_at = filed_at + interval '1 day'`);
    await q.query(`ALTER TABLE written_explanations ALTER COLUMN ruling_due_at SET NOT NULL`);
    // R16: an overdue ruling escalates once: this stamp, set in the escalating transaction, is the key.
    await q.query(`ALTER TABLE written_explanations ADD COLUMN ruling_escalated_at timestamptz`);
    await q.query(
      `CREATE INDEX written_explanations_ruling_due ON written_explanations (ruling_due_at) WHERE status = 'pending' AND ruling_escalated_at IS NULL`,
    );

    // R12/R13 Decision: each move records the working days it added (one budget per item), an outage
    // delay its period; the cause list has no "other" (rows stored before keep theirs: NOT VALID).
    await q.query(`ALTER TABLE deadline_changes ADD COLUMN added_working_days int CHECK (added_working_days >= 0)`);
    await q.query(`ALTER TABLE deadline_changes ADD COLUMN outage_from timestamptz`);
    await q.query(`ALTER TABLE deadline_changes ADD COLUMN outage_to timestamptz`);
    await q.query(
      `ALTER TABLE deadline_changes ADD CONSTRAINT deadline_changes_three_causes CHECK (delay_cause IS NULL OR delay_cause <> 'other') NOT VALID`,
    );
    await q.query(
      `ALTER TABLE deadline_changes ADD CONSTRAINT deadline_changes_outage_period CHECK ((outage_from IS NULL) = (outage_to IS NULL) AND (outage_from IS NULL OR delay_cause = 'network_outage'))`,
    );
    // R13/R17: an outage delay may reopen a deemed item: its move starts from the deemed due instant.
    await q.query(`ALTER TABLE deadline_changes ADD COLUMN undid_deemed_version int`);

    // R17 Decision: the cause "explanation rejected" (effective at the due instant); a deemed consent
    // undone by an outage delay is superseded by its correction notice (never deleted, never counted).
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout','meeting_absence','inspection_absence','explanation_rejected'))`,
    );
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_absence_names_meeting`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_absence_names_meeting CHECK ((cause IN ('meeting_absence','inspection_absence')) = (meeting_id IS NOT NULL))`,
    );
    await q.query(`
      CREATE TABLE deemed_consent_corrections (
        item_id uuid NOT NULL,
        deadline_version int NOT NULL,
        correction_notice_id uuid NOT NULL UNIQUE REFERENCES notices(id),
        reason text NOT NULL,
        corrected_at timestamptz NOT NULL,
        PRIMARY KEY (item_id, deadline_version),
        FOREIGN KEY (item_id, deadline_version) REFERENCES deemed_consents (item_id, deadline_version)
      )`);

    // Alerts beyond the R14a warning: at filing (every leader), ruling overdue (every leader), R6
    // forwarding overdue (window and the tracker). Only a warning names a deadline version.
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('deadline_warning','explanation_filed','ruling_overdue','forwarding_overdue'))`,
    );
    await q.query(`ALTER TABLE alerts ALTER COLUMN item_id DROP NOT NULL`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN deadline_version DROP NOT NULL`);
    await q.query(`ALTER TABLE alerts ADD COLUMN explanation_id uuid REFERENCES written_explanations(id)`);
    await q.query(`ALTER TABLE alerts ADD COLUMN project_id uuid REFERENCES projects(id)`);
    await q.query(`UPDATE alerts a SET project_id = i.project_id FROM approval_items i WHERE i.id = a.item_id`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN project_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE alerts ADD CONSTRAINT alerts_kind_subject CHECK (
        (kind = 'deadline_warning' AND item_id IS NOT NULL AND deadline_version IS NOT NULL AND explanation_id IS NULL)
        OR (kind IN ('explanation_filed','ruling_overdue') AND item_id IS NOT NULL AND deadline_version IS NULL AND explanation_id IS NOT NULL)
        OR (kind = 'forwarding_overdue' AND item_id IS NULL AND deadline_version IS NULL AND explanation_id IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_once_per_explanation ON alerts (user_id, explanation_id, kind) WHERE explanation_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX alerts_once_per_forwarding ON alerts (user_id, project_id) WHERE kind = 'forwarding_overdue'`);

    // R6: the forward deadline escalates once (alert + card entry); this stamp is the key.
    await q.query(`ALTER TABLE mega_forwarding ADD COLUMN escalated_at timestamptz`);

    // R10a: hearings, tenders, … recorded on an item stop its clock for the working time they cover.
    await q.query(`
      CREATE TABLE special_procedures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES approval_items(id),
        kind text NOT NULL CHECK (kind IN ('hearing','tender','auction','inspection','testing','quarantine','appraisal','expert_review')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX special_procedures_item ON special_procedures (item_id)`);
    for (const table of ['special_procedures', 'deemed_consent_corrections']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS special_procedures`);
    await q.query(`ALTER TABLE mega_forwarding DROP COLUMN IF EXISTS escalated_at`);
    await q.query(`DELETE FROM alerts WHERE kind <> 'deadline_warning'`);
    await q.query(`DROP INDEX IF EXISTS alerts_once_per_forwarding`);
    await q.query(`DROP INDEX IF EXISTS alerts_once_per_explanation`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_subject`);
    await q.query(`ALTER TABLE alerts DROP COLUMN project_id`);
    await q.query(`ALTER TABLE alerts DROP COLUMN explanation_id`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN deadline_version SET NOT NULL`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN item_id SET NOT NULL`);
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check`);
    await q.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('deadline_warning'))`);
    await q.query(`DROP TABLE IF EXISTS deemed_consent_corrections`);
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_absence_names_meeting`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_absence_names_meeting CHECK ((cause = 'timeout') = (meeting_id IS NULL))`,
    );
    await q.query(`ALTER TABLE deemed_consents DROP CONSTRAINT deemed_consents_cause_check`);
    await q.query(
      `ALTER TABLE deemed_consents ADD CONSTRAINT deemed_consents_cause_check CHECK (cause IN ('timeout','meeting_absence','inspection_absence'))`,
    );
    for (const c of ['undid_deemed_version', 'outage_to', 'outage_from', 'added_working_days'])
      await q.query(`ALTER TABLE deadline_changes DROP COLUMN ${c}`);
    await q.query(`ALTER TABLE deadline_changes DROP CONSTRAINT IF EXISTS deadline_changes_three_causes`);
    await q.query(`DROP INDEX IF EXISTS written_explanations_ruling_due`);
    for (const c of ['ruling_escalated_at', 'ruling_due_at', 'kind'])
      await q.query(`ALTER TABLE written_explanations DROP COLUMN ${c} CASCADE`);
  }
}
