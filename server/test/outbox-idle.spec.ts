import { Client } from 'pg';
import { OutboxSender } from '../src/notifications/outbox-sender';
import { createTestDatabase, startTestHub, type TestHub } from './test-hub';

/**
 * An idle hub leaves the CPU to the deadline engine: the outbox sender, with nothing to send, waits
 * for its backstop. (It once asked for its next pass at once whenever the outbox was empty — every
 * instance swept its outbox in a loop, and deadlines fired seconds late: R14.)
 */
describe('outbox sender at rest (R27, R14)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await hub?.close();
    await db.drop();
  });

  it('R14 R27: with nothing to send the sender waits for its backstop; a retry due later wakes it at that instant, not before', async () => {
    const sender = hub.app.get(OutboxSender);
    expect(Number((await sql.query('SELECT count(*) AS n FROM outbox')).rows[0].n)).toBe(0);
    expect(await sender.sendDue()).toBe(Infinity);

    await sql.query(
      `INSERT INTO outbox (fact, recipient, channel, address, kind, subject, body, next_attempt_at, created_at)
       VALUES ('test:idle', 'test', 'sms', '13900000000', 'test', 'subject', 'body', now() + interval '1 minute', now())`,
    );
    const wait = await sender.sendDue();
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
