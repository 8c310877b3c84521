import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: hub_now() was VOLATILE, so a query comparing due instants with it ran the function
 * (a read of hub_clock) once per row and could not use the due-instant index: the deadline
 * engine's claim read every running item, 0.3 s at 16,000 items and seconds at 100,000, on every
 * sweep of every instance. STABLE lets PostgreSQL take it once as an index bound. The value is
 * still the database clock shifted by the test clock; a statement no longer sees it move.
 */
export class HubNowStable1765450000000 implements MigrationInterface {
  name = 'HubNowStable1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION hub_now() STABLE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION hub_now() VOLATILE`);
  }
}
