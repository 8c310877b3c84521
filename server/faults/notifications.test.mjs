// Fault test of the outbox (R27): the SMTP server goes away during a burst of messages and one hub
// instance restarts meanwhile; when the server returns, every message arrives exactly once.
// Loopback only; hub ports 4450–4451, SMTP on 4459.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mailparser from 'mailparser';
import smtpServer from 'smtp-server';
import { freshDatabase, hubCluster, login, post, REGISTRATION, sleep, sqlClient, until } from './fault-kit.mjs';

const SMTP_PORT = 4459;
const MESSAGES = 40;

/** A real SMTP server in this process; every message it accepts is parsed and kept. */
function smtpCatcher(received) {
  const server = new smtpServer.SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, done) {
      mailparser.simpleParser(stream).then((mail) => {
        received.push(mail);
        done();
      }, done);
    },
  });
  return new Promise((resolve) => server.listen(SMTP_PORT, '127.0.0.1', () => resolve(server)));
}
const closed = (server) => new Promise((resolve) => server.close(resolve));

describe('outbox under an SMTP outage and an instance restart (R27)', () => {
  let db;
  let sql;
  let cluster;
  const received = [];
  let smtp;
  before(async () => {
    db = await freshDatabase();
    sql = await sqlClient(db.url);
    smtp = await smtpCatcher(received);
    cluster = await hubCluster(db.url, 2, 4450, {
      HUB_SMTP_HOST: '127.0.0.1',
      HUB_SMTP_PORT: String(SMTP_PORT),
      HUB_SMTP_FROM: 'hub@center.example.gov.cn',
      HUB_NOTIFY_RETRY_MS: '200',
      HUB_NOTIFY_MAX_ATTEMPTS: '100',
      HUB_NOTIFY_SWEEP_MS: '300',
    });
  });
  after(async () => {
    await Promise.all(cluster.map((i) => i.stop()));
    if (smtp) await closed(smtp);
    await sql.end();
    await db.drop();
  });

  it('R27: SMTP stopped mid-burst and an instance restarted: after the server returns every message is delivered exactly once', async () => {
    const windows = await Promise.all(cluster.map((i) => login(i.url, 'window')));
    const leaders = await Promise.all(cluster.map((i) => login(i.url, 'leader')));
    const lead = (await sql.query(`SELECT id FROM departments ORDER BY code LIMIT 1`)).rows[0].id;
    const burst = async (from, to) => {
      for (let n = from; n < to; n++) {
        const k = n % cluster.length;
        const owner = { ...REGISTRATION.owner, contactEmail: `owner${n}@example.com` };
        const registered = await post(cluster[k].url, '/api/projects', windows[k], { ...REGISTRATION, name: `通知项目${n}`, owner });
        assert.equal(registered.status, 201);
        const { id } = await registered.json();
        const admitted = await post(cluster[1 - k].url, `/api/projects/${id}/admission`, leaders[1 - k], {
          leadDepartmentId: lead,
          participatingDepartmentIds: [],
        });
        assert.equal(admitted.status, 200);
      }
    };

    await burst(0, 10);
    await closed(smtp); // the SMTP server goes away mid-burst
    smtp = null;
    await burst(10, 25);
    await cluster[0].stop(); // an instance restarts while messages wait
    await cluster[0].start();
    windows[0] = await login(cluster[0].url, 'window');
    leaders[0] = await login(cluster[0].url, 'leader');
    await burst(25, MESSAGES);
    await sleep(1000); // the senders keep failing for a while: retries back off, nothing is lost
    const waiting = Number((await sql.query(`SELECT count(*) AS n FROM outbox WHERE state <> 'sent'`)).rows[0].n);
    assert.ok(waiting >= MESSAGES - 10, `messages still waiting while SMTP is down: ${waiting}`);

    smtp = await smtpCatcher(received); // it returns on the same port
    await until(
      async () => Number((await sql.query(`SELECT count(*) AS n FROM outbox WHERE state <> 'sent'`)).rows[0].n) === 0,
      60_000,
      'every message sent',
    );
    await until(async () => received.length >= MESSAGES, 10_000, 'every message received');
    await sleep(1500); // a duplicate, if any, would arrive now

    const addresses = received.map((m) => m.to.text).sort();
    const expected = Array.from({ length: MESSAGES }, (_, n) => `owner${n}@example.com`).sort();
    assert.deepEqual(addresses, expected, 'each applicant got exactly one message');
    assert.equal(new Set(received.map((m) => m.messageId)).size, MESSAGES);
    const { rows } = await sql.query(`SELECT count(*) FILTER (WHERE attempts > 1) AS retried, max(attempts) AS most FROM outbox`);
    assert.ok(Number(rows[0].retried) >= MESSAGES - 10, `retried after the outage: ${rows[0].retried}`);
    console.log(
      `R27 fault: ${MESSAGES} messages, ${rows[0].retried} retried (at most ${rows[0].most} tries), ${received.length} received, 0 twice`,
    );
  });
});
