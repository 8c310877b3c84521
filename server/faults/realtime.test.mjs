// Fault tests of live updates (R25): clients that drop while entries stream, and an instance
// restarted under 1,000 connected clients. Loopback only; bounded in time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import { freshDatabase, hubCluster, login, post, REGISTRATION, sessionCookies, sleep, sqlClient, until } from './fault-kit.mjs';

/**
 * A board client as the Angular one behaves (LiveBoardService): applies entries strictly in
 * position order, ignores what it has, and on a gap or a reconnect replays the rest with `sync`;
 * a gap seen mid-replay runs the replay again, and an unanswered one is asked again.
 */
class BoardClient {
  constructor(url, cookie, from) {
    this.applied = [];
    this.last = from;
    this.socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      forceNew: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      randomizationFactor: 0.5,
    });
    this.socket.on('card:entry', (entry) => this.receive(entry));
    this.socket.on('connect', () => this.sync());
    this.syncing = false;
    this.again = false;
  }

  receive(entry) {
    if (entry.position <= this.last) return;
    if (entry.position > this.last + 1) return void this.sync();
    this.applied.push(entry.position);
    this.last = entry.position;
  }

  /** One replay at a time; one asked for meanwhile (a gap seen mid-replay) runs it again from where it got to. */
  async sync() {
    if (this.syncing) return void (this.again = true);
    this.syncing = true;
    let unanswered = false;
    try {
      do {
        this.again = false;
        for (let more = true; more;) {
          const ack = await this.socket.timeout(5000).emitWithAck('sync', { after: this.last });
          more = ack.more;
        }
      } while (this.again);
    } catch {
      // Dropped mid-replay: the next connect syncs again. Unanswered (5 s) while still connected: again now.
      unanswered = this.socket.connected;
    } finally {
      this.syncing = false;
    }
    if (unanswered) void this.sync();
  }
}

describe('live updates under faults (R25)', () => {
  let db;
  let sql;
  before(async () => {
    db = await freshDatabase();
    sql = await sqlClient(db.url);
  });
  after(async () => {
    await sql.end();
    await db.drop();
  });

  it('R25: 500 entries while 10% of 200 clients drop for 5 s: every client ends with exactly the database positions, no gap, no duplicate', async () => {
    const cluster = await hubCluster(db.url, 2, 4360);
    const clients = [];
    try {
      const cookies = await sessionCookies(sql, 'leader', 200);
      const start = Number((await sql.query('SELECT COALESCE(MAX(position), 0) AS p FROM card_entries')).rows[0].p);
      for (let c = 0; c < 200; c++) clients.push(new BoardClient(cluster[c % 2].url, cookies[c], start));
      await until(() => clients.every((c) => c.socket.connected), 20000, '200 clients connected');

      const window = await Promise.all(cluster.map((i) => login(i.url, 'window')));
      const writes = (async () => {
        await Promise.all(
          Array.from({ length: 10 }, async (_, w) => {
            for (let n = 0; n < 50; n++) {
              const res = await post(cluster[(w + n) % 2].url, '/api/projects', window[(w + n) % 2], {
                ...REGISTRATION,
                name: `实时测试项目 ${w}-${n}`,
              });
              assert.equal(res.status, 201);
            }
          }),
        );
      })();
      await sleep(300);
      const dropped = clients.filter((_, i) => i % 10 === 0);
      for (const c of dropped) c.socket.disconnect();
      await sleep(5000);
      for (const c of dropped) c.socket.connect();
      await writes;

      const { rows } = await sql.query('SELECT position FROM card_entries WHERE position > $1 ORDER BY position', [start]);
      const expected = rows.map((r) => Number(r.position));
      assert.equal(expected.length, 500);
      await until(() => clients.every((c) => c.last === expected.at(-1)), 20000, 'every client caught up');
      for (const c of clients) assert.deepEqual(c.applied, expected);
      console.log(`  200 clients (20 dropped for 5 s) × 500 entries: all equal to the database, 0 gaps, 0 duplicates`);
    } finally {
      for (const c of clients) c.socket.disconnect();
      await Promise.all(cluster.map((i) => i.stop()));
    }
  });

  it('R25: restarting 1 of 3 instances under 1,000 connected clients: all reconnect within 30 s with randomised back-off, none refused', async () => {
    const cluster = await hubCluster(db.url, 3, 4370);
    const sockets = [];
    let refused = 0;
    try {
      const cookies = await sessionCookies(sql, 'leader', 1000);
      for (let c = 0; c < 1000; c++) {
        const at = c % 3;
        const socket = io(cluster[at].url, {
          transports: ['websocket'],
          extraHeaders: { cookie: cookies[c] },
          forceNew: true,
          reconnectionDelay: 1000,
          reconnectionDelayMax: 10000,
          randomizationFactor: 0.5,
        });
        // A refusal is the server saying no at the handshake; a closed port while restarting is not.
        socket.on('connect_error', (e) => {
          if (!/websocket error|xhr poll error|timeout/.test(e.message)) refused++;
        });
        sockets.push(socket);
      }
      await until(() => sockets.every((s) => s.connected), 30000, '1,000 clients connected');
      await cluster[1].stop();
      const restarted = Date.now();
      await cluster[1].start();
      await until(() => sockets.every((s) => s.connected), 30000, 'all reconnected');
      const elapsed = Date.now() - restarted;
      console.log(
        `  1,000 clients, 1 of 3 instances restarted: all connected again ${elapsed} ms after the restart began; refused: ${refused}`,
      );
      assert.ok(elapsed <= 30000);
      assert.equal(refused, 0);
    } finally {
      for (const s of sockets) s.disconnect();
      await Promise.all(cluster.map((i) => i.stop()));
    }
  });
});
