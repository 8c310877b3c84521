import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desks (issue 14): an alert is marked handled in the transaction that decides its item (a
 * warning when the item is decided or deemed, a ruling alert when the explanation is ruled, an
 * overdue forward when it is forwarded), and a deemed consent alerts its department's liaisons and
 * every leader (R14/R15/R17), once per item and deadline version. A deemed-consent alert names its
 * deemed consent (deemed_version, a key into deemed_consents); deadline_version stays the warning's,
 * whose key into item_warnings a deemed item may never have had.
 *
 * The kind checks are extended, not rewritten: another feature adds its own kind in parallel, and
 * whichever migration runs last must keep both.
 */
export class AlertsHandledAndDeemedConsent1765260000000 implements MigrationInterface {
  name = 'AlertsHandledAndDeemedConsent1765260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts ADD COLUMN handled_at timestamptz`);
    await q.query(`ALTER TABLE alerts ADD COLUMN deemed_version int`);
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_deemed_consent_fk FOREIGN KEY (item_id, deemed_version) REFERENCES deemed_consents (item_id, deadline_version)`,
    );
    await q.query(
      `ALTER TABLE alerts ADD CONSTRAINT alerts_deemed_version_only_deemed CHECK (deemed_version IS NULL OR kind = 'deemed_consent')`,
    );
    await q.query(`
      DO $$
      DECLARE kinds text; subject text;
      BEGIN
        SELECT substring(pg_get_constraintdef(oid) FROM 7) INTO kinds FROM pg_constraint WHERE conname = 'alerts_kind_check' AND conrelid = 'alerts'::regclass;
        SELECT substring(pg_get_constraintdef(oid) FROM 7) INTO subject FROM pg_constraint WHERE conname = 'alerts_kind_subject' AND conrelid = 'alerts'::regclass;
        EXECUTE 'ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check, DROP CONSTRAINT alerts_kind_subject';
        EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (' || kinds || ' OR kind = ''deemed_consent'')';
        EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_kind_subject CHECK (' || subject
          || ' OR (kind = ''deemed_consent'' AND item_id IS NOT NULL AND deemed_version IS NOT NULL AND deadline_version IS NULL AND explanation_id IS NULL))';
      END $$`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_once_per_deemed_consent ON alerts (user_id, item_id, deemed_version) WHERE kind = 'deemed_consent'`,
    );
    // What still waits: the leader's inbox and the liaison's desk read the unhandled alerts of a kind.
    await q.query(`CREATE INDEX alerts_open_by_item ON alerts (item_id) WHERE handled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM alerts WHERE kind = 'deemed_consent'`);
    await q.query(`DROP INDEX alerts_open_by_item`);
    await q.query(`DROP INDEX alerts_once_per_deemed_consent`);
    await q.query(`
      DO $$
      DECLARE kinds text; subject text;
      BEGIN
        SELECT pg_get_constraintdef(oid) INTO kinds FROM pg_constraint WHERE conname = 'alerts_kind_check' AND conrelid = 'alerts'::regclass;
        SELECT pg_get_constraintdef(oid) INTO subject FROM pg_constraint WHERE conname = 'alerts_kind_subject' AND conrelid = 'alerts'::regclass;
        kinds := replace(kinds, ' OR (kind = ''deemed_consent''::text)', '');
        subject := regexp_replace(subject, ' OR \\(\\(kind = ''deemed_consent''::text\\).*\\)\\)$', ')');
        EXECUTE 'ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check, DROP CONSTRAINT alerts_kind_subject';
        EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check ' || kinds;
        EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_kind_subject ' || subject;
      END $$`);
    await q.query(`ALTER TABLE alerts DROP COLUMN deemed_version`);
    await q.query(`ALTER TABLE alerts DROP COLUMN handled_at`);
  }
}
