import { Client } from 'pg';
import { OutboxSender } from '../src/notifications/outbox-sender';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { createTestDatabase, eventually, HubClient, loadPeople, startTestHub, type TestHub } from './test-hub';

/**
 * An idle hub leaves the CPU to the deadline engine: the outbox sender, with nothing to send, waits
 * for its backstop. (It once asked for its next pass at once whenever the outbox was empty — every
 * instance swept its outbox in a loop, and deadlines fired seconds late: R14.)
 */
describe('outbox sender at rest (R27, R14)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;
  let mail: MailCatcher;

  beforeAll(async () => {
    mail = await startMailCatcher();
    db = await createTestDatabase();
    hub = await startTestHub(db.url); // no SMTP server in the environment
    await loadPeople(hub);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await hub?.close();
    await db.drop();
    await mail?.close();
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

  it('R27: an e-mail waiting out its back-off for want of an SMTP server goes out as soon as the admin names one', async () => {
    await sql.query(
      `INSERT INTO outbox (fact, recipient, channel, address, kind, subject, body, attempts, last_error, next_attempt_at, created_at)
       VALUES ('test:waiting', 'test', 'email', 'waiting@example.cn', 'test', '等待发送', '正文', 2, 'no SMTP server configured', now() + interval '10 minutes', now())`,
    );
    const admin = await HubClient.login(hub.url, 'admin');
    const put = await admin.put('/api/settings/smtp', {
      host: '127.0.0.1',
      port: mail.port,
      secure: false,
      user: '',
      from: 'hub@center.example.gov.cn',
    });
    expect(put.status).toBe(200);
    await eventually(() => (mail.received.some((m) => m.to?.text === 'waiting@example.cn') ? true : undefined));
    // The sender records the delivery once the SMTP server has answered, a moment after the catcher has the mail.
    const row = await eventually(async () => {
      const stored = (await sql.query(`SELECT state, attempts FROM outbox WHERE fact = 'test:waiting'`)).rows[0];
      return stored?.state === 'sending' ? undefined : stored;
    });
    expect(row).toEqual({ state: 'sent', attempts: 3 });
  });
});
