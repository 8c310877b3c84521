import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: the board filtered by department ("my department": its running items by deadline), by
 * lead department, and in registration order, found by index rather than by reading every project.
 */
export class IndexTheBoardQuery1765250000000 implements MigrationInterface {
  name = 'IndexTheBoardQuery1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX approval_items_department_running_due ON approval_items (department_id, due_at) WHERE status = 'in_review'`,
    );
    await q.query('CREATE INDEX projects_lead_department ON projects (lead_department_id) WHERE lead_department_id IS NOT NULL');
    await q.query('CREATE INDEX projects_registered ON projects (registered_at, code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX projects_registered');
    await q.query('DROP INDEX projects_lead_department');
    await q.query('DROP INDEX approval_items_department_running_due');
  }
}
