import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R3 Decision: a project is admitted with all three preconditions met or by a leader's override that
 * records the reason; a leader may refuse admission with a reason. The refusal is a fact on the
 * project (queryable: admission_refused_at IS NOT NULL), whatever state model the project follows.
 */
export class AdmissionOverrideAndRefusal1765210000000 implements MigrationInterface {
  name = 'AdmissionOverrideAndRefusal1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN admission_override_reason text,
        ADD COLUMN admission_refused_at timestamptz,
        ADD COLUMN admission_refused_by uuid REFERENCES users(id),
        ADD COLUMN admission_refusal_reason text,
        ADD CONSTRAINT projects_admission_refusal_whole CHECK (
          (admission_refused_at IS NULL) = (admission_refused_by IS NULL)
          AND (admission_refused_at IS NULL) = (admission_refusal_reason IS NULL)),
        ADD CONSTRAINT projects_admitted_or_refused CHECK (admission_refused_at IS NULL OR seal_number IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        DROP CONSTRAINT projects_admitted_or_refused,
        DROP CONSTRAINT projects_admission_refusal_whole,
        DROP COLUMN admission_refusal_reason,
        DROP COLUMN admission_refused_by,
        DROP COLUMN admission_refused_at,
        DROP COLUMN admission_override_reason`);
  }
}
