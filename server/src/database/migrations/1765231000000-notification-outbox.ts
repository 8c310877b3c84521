import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R27: messages outside the hub. A person's own e-mail and mobile and a channel per alert kind; the
 * outbox, written in the transaction of the fact it reports — one row per fact, recipient and
 * channel (unique), claimed by the sender of any instance, retried with back-off, and either sent
 * or given up on record (state, attempts, last error).
 */
export class NotificationOutbox1765231000000 implements MigrationInterface {
  name = 'NotificationOutbox1765231000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email text, ADD COLUMN mobile text`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('hub','email','sms')),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fact text NOT NULL,
        recipient text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email','sms')),
        address text NOT NULL,
        kind text NOT NULL,
        user_id uuid REFERENCES users(id),
        project_id uuid REFERENCES projects(id),
        subject text NOT NULL,
        body text NOT NULL,
        ics text,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        failed_at timestamptz,
        UNIQUE (fact, recipient, channel),
        CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
        CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
        CHECK ((state = 'failed') = (failed_at IS NOT NULL))
      )`);
    // The sender's claim reads only the rows still to go; the admin's list reads the newest.
    await q.query(`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('pending','sending')`);
    await q.query(`CREATE INDEX outbox_recent ON outbox (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outbox`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`ALTER TABLE users DROP COLUMN mobile, DROP COLUMN email`);
  }
}
