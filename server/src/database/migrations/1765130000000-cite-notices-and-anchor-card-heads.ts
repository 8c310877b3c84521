import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R5/R17 integrity: each card entry cites the content hash of every notice issued with it
 * (`notices`), and each card's head (seq, hash) is kept outside its chain (`card_heads`, written in
 * the same transaction as the entry) so a deleted last entry or a re-chained card shows on
 * per-project verification. Only PostgreSQL 15 features.
 */
export class CiteNoticesAndAnchorCardHeads1765130000000 implements MigrationInterface {
  name = 'CiteNoticesAndAnchorCardHeads1765130000000';

  async up(q: QueryRunner): Promise<void> {
    // null on entries that issued no notice (and on every entry written before this migration).
    await q.query(`ALTER TABLE card_entries ADD COLUMN notices jsonb`);
    await q.query(`
      CREATE TABLE card_heads (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        seq int NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(
      `INSERT INTO card_heads (project_id, seq, hash) SELECT DISTINCT ON (project_id) project_id, seq, hash FROM card_entries ORDER BY project_id, seq DESC`,
    );
    // A head only ever moves one entry forward; it is never removed.
    await q.query(`
      CREATE FUNCTION card_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.project_id <> OLD.project_id OR NEW.seq <> OLD.seq + 1 THEN
          RAISE EXCEPTION 'card_heads only moves forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER card_heads_forward BEFORE UPDATE ON card_heads FOR EACH ROW EXECUTE FUNCTION card_head_moves_forward()`);
    await q.query(`CREATE TRIGGER card_heads_append_only BEFORE DELETE ON card_heads FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`);
    await q.query(
      `CREATE TRIGGER card_heads_no_truncate BEFORE TRUNCATE ON card_heads FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS card_heads`);
    await q.query(`DROP FUNCTION IF EXISTS card_head_moves_forward()`);
    await q.query(`ALTER TABLE card_entries DROP COLUMN IF EXISTS notices`);
  }
}
