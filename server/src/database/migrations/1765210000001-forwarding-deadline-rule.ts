import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6/R11: a running forward deadline is recomputed when the calendar changes, under the rule it
 * started with (working days, end of day, zone), as items keep theirs in approval_items.due_rule.
 * Forwards started before this column existed are recomputed under today's settings.
 */
export class ForwardingDeadlineRule1765210000001 implements MigrationInterface {
  name = 'ForwardingDeadlineRule1765210000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mega_forwarding ADD COLUMN due_rule jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mega_forwarding DROP COLUMN due_rule`);
  }
}
