import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R28: files received for a material. The bytes live in the file store under their SHA-256 (the
 * same content is stored once); each row here is one attach, on the card in the same transaction.
 * Files are never changed or removed (a new version is a new file): append-only.
 */
export class MaterialFiles1765240000000 implements MigrationInterface {
  name = 'MaterialFiles1765240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE material_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        material_id uuid NOT NULL REFERENCES material_requirements(id),
        project_id uuid NOT NULL REFERENCES projects(id),
        name text NOT NULL CHECK (length(btrim(name)) > 0 AND length(name) <= 255),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        content_type text NOT NULL,
        previewable boolean NOT NULL,
        attached_by uuid NOT NULL REFERENCES users(id),
        attached_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX material_files_project ON material_files (project_id, attached_at)`);
    await q.query(
      `CREATE TRIGGER material_files_append_only BEFORE UPDATE OR DELETE ON material_files FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
    );
    await q.query(
      `CREATE TRIGGER material_files_no_truncate BEFORE TRUNCATE ON material_files FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS material_files`);
  }
}
