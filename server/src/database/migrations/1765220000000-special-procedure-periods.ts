import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R10a: a special procedure is recorded when it begins (open: the item's clock stops) and ends once
 * later, when the due instant moves by the working days it covered. Rows stay append-only except for
 * that one end: a trigger lets only an open row be ended, and nothing else change. At most one open
 * period per item (partial unique index); the end under the item's row lock is the exactly-once key.
 */
export class SpecialProcedurePeriods1765220000000 implements MigrationInterface {
  name = 'SpecialProcedurePeriods1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE special_procedures ALTER COLUMN ends_at DROP NOT NULL`);
    await q.query(`ALTER TABLE special_procedures ADD COLUMN ended_by uuid REFERENCES users(id)`);
    await q.query(`ALTER TABLE special_procedures ADD COLUMN end_recorded_at timestamptz`);
    await q.query(`ALTER TABLE special_procedures ADD COLUMN stopped_working_days int CHECK (stopped_working_days >= 0)`);
    await q.query(`ALTER TABLE special_procedures ADD COLUMN from_due_at timestamptz`);
    await q.query(`ALTER TABLE special_procedures ADD COLUMN to_due_at timestamptz`);
    // The deadline version the move created (none when the period covered no working day).
    await q.query(`ALTER TABLE special_procedures ADD COLUMN to_version int`);
    await q.query(`
      ALTER TABLE special_procedures ADD CONSTRAINT special_procedures_end_complete CHECK (
        (ends_at IS NULL) = (ended_by IS NULL) AND (ends_at IS NULL) = (end_recorded_at IS NULL)
        AND (ends_at IS NULL) = (stopped_working_days IS NULL) AND (ends_at IS NULL) = (from_due_at IS NULL)
        AND (ends_at IS NULL) = (to_due_at IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX special_procedures_one_open ON special_procedures (item_id) WHERE ends_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX special_procedures_version ON special_procedures (item_id, to_version) WHERE to_version IS NOT NULL`,
    );
    await q.query(`DROP TRIGGER special_procedures_append_only ON special_procedures`);
    await q.query(`
      CREATE FUNCTION special_procedure_ends_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.ends_at IS NULL AND NEW.ends_at IS NOT NULL
           AND (NEW.id, NEW.item_id, NEW.kind, NEW.starts_at, NEW.recorded_by, NEW.recorded_at)
               IS NOT DISTINCT FROM (OLD.id, OLD.item_id, OLD.kind, OLD.starts_at, OLD.recorded_by, OLD.recorded_at) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'special_procedures: only an open period may be ended, once; % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER special_procedures_ends_once BEFORE UPDATE OR DELETE ON special_procedures FOR EACH ROW EXECUTE FUNCTION special_procedure_ends_once()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER special_procedures_ends_once ON special_procedures`);
    await q.query(`DROP FUNCTION special_procedure_ends_once()`);
    await q.query(`DELETE FROM special_procedures WHERE ends_at IS NULL`);
    await q.query(`DROP INDEX special_procedures_version`);
    await q.query(`DROP INDEX special_procedures_one_open`);
    await q.query(`ALTER TABLE special_procedures DROP CONSTRAINT special_procedures_end_complete`);
    for (const c of ['to_version', 'to_due_at', 'from_due_at', 'stopped_working_days', 'end_recorded_at', 'ended_by'])
      await q.query(`ALTER TABLE special_procedures DROP COLUMN ${c}`);
    await q.query(`ALTER TABLE special_procedures ALTER COLUMN ends_at SET NOT NULL`);
    await q.query(
      `CREATE TRIGGER special_procedures_append_only BEFORE UPDATE OR DELETE ON special_procedures FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
    );
  }
}
