import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { AuthPurge } from '../src/auth/auth-purge';
import { Database } from '../src/database/database';
import { LOGIN_LIMITS, loginDelaySeconds } from '../src/auth/login-throttle';
import {
  connected,
  connectSocket,
  createTestDatabase,
  HubClient,
  loadPeople,
  REGISTRATION,
  startTestHub,
  TEST_PASSWORD,
  type TestHub,
} from './test-hub';

describe('sessions, passwords, CSRF and login limits (R1, R2)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  /** An instance behind a proxy on 127.0.0.1 (HUB_TRUSTED_PROXIES=127.0.0.1): X-Forwarded-For names the client. */
  let proxied: TestHub;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    proxied = await startTestHub(db.url, { trustedProxies: ['127.0.0.1'] });
    await loadPeople(first);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await first.close();
    await second.close();
    await proxied.close();
    await db.drop();
  });

  /** A login attempt as a client at `address` (X-Forwarded-For, believed only from a trusted proxy). */
  const attempt = (hub: TestHub, username: string, password: string, address: string) =>
    fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });

  /** n wrong passwords in a row from one address, each after the previous delay ran out (moved to now, not slept). */
  async function failInARow(hub: TestHub, username: string, address: string, n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await sql.query(`UPDATE login_throttle SET blocked_until = now() WHERE key LIKE $1`, [`account:${username} address:%`]);
      expect((await attempt(hub, username, `guess-${i}`, address)).status).toBe(401);
    }
  }

  it('R1: login sets an httpOnly, SameSite=Strict session cookie; logout ends the session', async () => {
    const res = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
      body: JSON.stringify({ username: 'leader', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hub_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const leader = await HubClient.login(first.url, 'leader');
    expect((await leader.get('/api/auth/me')).body).toMatchObject({ username: 'leader', role: 'leader', departmentId: null });
    expect((await leader.post('/api/auth/logout')).status).toBe(204);
    expect((await leader.get('/api/auth/me')).status).toBe(401);
  });

  it('R1: behind a trusted TLS-terminating proxy the session cookie is also Secure; from anyone else X-Forwarded-Proto counts for nothing', async () => {
    const login = (hub: TestHub) =>
      fetch(`${hub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'window', password: TEST_PASSWORD }),
      });
    expect((await login(proxied)).headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect((await login(first)).headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const plain = await HubClient.login(first.url, 'window');
    expect(plain.cookie).toBeTruthy();
  });

  it('R1: passwords are stored as Argon2id hashes, never in clear', async () => {
    const rows = (await sql.query('SELECT password_hash FROM users')).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  });

  it('R1: a wrong password is a 401 problem that does not say which part was wrong', async () => {
    const client = new HubClient(first.url);
    const wrong = await client.post('/api/auth/login', { username: 'leader', password: 'nope' });
    const unknown = await client.post('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { detail: 'Wrong username or password' } });
    expect(unknown).toMatchObject({ status: 401, body: { detail: 'Wrong username or password' } });
  });

  it('R1: the delay after failures in a row from one address: 3 free, then 1 s doubling to at most 15 minutes', () => {
    expect(Array.from({ length: 10 }, (_, i) => loginDelaySeconds(i + 1))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64]);
    expect(loginDelaySeconds(40)).toBe(LOGIN_LIMITS.maxDelaySeconds);
    expect(LOGIN_LIMITS.maxDelaySeconds).toBe(900);
  });

  it('R1: wrong passwords slow their own address (429 + Retry-After, doubling), on every instance, even for the right password; the real user at another address logs in', async () => {
    const guesser = '203.0.113.9';
    for (let i = 1; i <= LOGIN_LIMITS.freeFailures; i++)
      expect((await attempt(proxied, 'liaison-emb', `free-${i}`, guesser)).status).toBe(401);
    await failInARow(proxied, 'liaison-emb', guesser, 2); // failures 4 and 5: the delay is now 2 s
    await sql.query(`UPDATE login_throttle SET blocked_until = now() WHERE key = $1`, [`account:liaison-emb address:${guesser}`]);
    expect((await attempt(proxied, 'liaison-emb', 'guess-6', guesser)).status).toBe(401); // the 6th: 4 s
    const slowed = await attempt(proxied, 'liaison-emb', TEST_PASSWORD, guesser);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(4);
    expect(await slowed.json()).toMatchObject({ title: 'Too many failed logins', status: 429 });
    expect((await attempt(proxied, 'liaison-emb', TEST_PASSWORD, '198.51.100.7')).status).toBe(200);
    // Counted once, in PostgreSQL: the same address on another instance waits too.
    await failInARow(first, 'liaison-nrp', 'ignored', 6);
    const onOther = await new HubClient(second.url).post('/api/auth/login', { username: 'liaison-nrp', password: TEST_PASSWORD });
    expect(onOther.status).toBe(429);
    // Another account from the same address is unaffected.
    expect((await new HubClient(second.url).post('/api/auth/login', { username: 'liaison-hud', password: TEST_PASSWORD })).status).toBe(
      200,
    );
  });

  it('R1: X-Forwarded-For counts only from a trusted proxy: a client elsewhere cannot choose the address its failures are counted under', async () => {
    for (const [i, forged] of ['203.0.113.21', '203.0.113.22', '203.0.113.23'].entries()) {
      expect((await attempt(first, 'leader', `forged-${i}`, forged)).status).toBe(401);
    }
    const keys = (await sql.query<{ key: string }>(`SELECT key FROM login_throttle WHERE key LIKE 'account:leader address:%'`)).rows.map(
      (r) => r.key,
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/127\.0\.0\.1$/);
    expect((await attempt(proxied, 'leader', 'via-proxy', '203.0.113.24')).status).toBe(401);
    expect((await sql.query(`SELECT 1 FROM login_throttle WHERE key = 'account:leader address:203.0.113.24'`)).rowCount).toBe(1);
    await sql.query(`DELETE FROM login_throttle WHERE key LIKE 'account:leader address:%'`);
  });

  it(`R1: over every address an account has a ceiling (${LOGIN_LIMITS.perAccount} failures in ${LOGIN_LIMITS.windowMinutes} minutes) far above one address's reach; past it the account waits everywhere`, async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect((await attempt(proxied, 'window2', `spray-${i}`, `198.51.100.${i + 100}`)).status).toBe(401);
    }
    const refused = await attempt(proxied, 'window2', TEST_PASSWORD, '192.0.2.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(LOGIN_LIMITS.windowMinutes * 60 - 120);
  });

  it('R2: state-changing requests without the CSRF header, or from a foreign Origin, are refused', async () => {
    const window = await HubClient.login(first.url, 'window');
    const noHeader = await fetch(`${first.url}/api/projects`, {
      method: 'POST',
      headers: { cookie: window.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noHeader.status).toBe(403);
    const foreign = await window.send('POST', '/api/projects', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('R2: an expired session is refused over HTTP and at the Socket.IO handshake', async () => {
    const leader = await HubClient.login(first.url, 'leader');
    const live = connectSocket(first.url, leader.cookie);
    await connected(live);
    live.disconnect();
    await sql.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await leader.get('/api/board')).status).toBe(401);
    await expect(connected(connectSocket(first.url, leader.cookie))).rejects.toThrow(/unauthorized/);
  });

  it('R26: responses carry security headers and errors carry no stack trace', async () => {
    const res = await fetch(`${first.url}/api/projects/not-a-uuid`, {
      headers: { cookie: (await HubClient.login(first.url, 'window')).cookie },
    });
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it('R26: over plain http the CSP does not send browsers to https (a blank client on the intranet); behind TLS it does', async () => {
    const plain = await fetch(`${first.url}/health`);
    expect(plain.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    // Only a proxy named in HUB_TRUSTED_PROXIES can say the browser came over https.
    const untrusted = await fetch(`${first.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    const trusted = await fetch(`${proxied.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(trusted.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
  });

  it('R1: expired sessions and ended login-throttle windows are purged; live ones stay', async () => {
    const live = await HubClient.login(first.url, 'leader');
    const {
      rows: [user],
    } = await sql.query(`SELECT id FROM users WHERE username = 'leader'`);
    await sql.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) SELECT 'expired-' || g, $1, now() - interval '1 minute' FROM generate_series(1, 3) g`,
      [user.id],
    );
    await sql.query(
      `INSERT INTO login_throttle (key, failures, window_start) VALUES
         ('account:invented-stale', 1, now() - interval '16 minutes'), ('address:192.0.2.1', 3, now() - interval '1 hour'),
         ('account:invented-fresh', 1, now())`,
    );
    const purged = await first.app.get(AuthPurge).purge(); // sessions expired by earlier tests go too
    expect(purged.sessions).toBeGreaterThanOrEqual(3);
    expect(purged.throttle).toBeGreaterThanOrEqual(2);
    expect((await sql.query(`SELECT 1 FROM sessions WHERE token_hash LIKE 'expired-%'`)).rowCount).toBe(0);
    expect((await sql.query(`SELECT key FROM login_throttle WHERE key LIKE '%invented%' OR key = 'address:192.0.2.1'`)).rows).toEqual([
      { key: 'account:invented-fresh' },
    ]);
    expect((await live.get('/api/auth/me')).status).toBe(200);
  });

  it("R26: a failed query is logged without its parameters (people's data)", async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(first.app.get(Database).query('SELECT $1::text AS phone FROM no_such_table', ['张三 13800000000'])).rejects.toThrow(
        /no_such_table/,
      );
      const lines = logged.mock.calls.map((call) => JSON.stringify(call));
      expect(lines.some((l) => l.includes('no_such_table'))).toBe(true);
      expect(lines.some((l) => l.includes('13800000000'))).toBe(false);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('metrics', () => {
  it('R25: /metrics reports pending deadlines, lateness, published events, push delay, connected clients and the board rows kept', async () => {
    const db = await createTestDatabase();
    const hub = await startTestHub(db.url);
    await loadPeople(hub);
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    for (const name of [
      'hub_pending_deadlines 0',
      'hub_deadline_lateness_seconds_count 0',
      'hub_events_published_total',
      'hub_connected_clients 0',
      'hub_board_rows_kept 0',
      'hub_push_delay_seconds{quantile="0.99"} NaN',
    ]) {
      expect(text).toContain(name);
    }
    // R25: once an entry is pushed, how long it took from its instant to the push (under a minute here).
    const window = await HubClient.login(hub.url, 'window');
    expect((await window.post('/api/projects', REGISTRATION)).status).toBe(201);
    const after = await (await fetch(`${hub.url}/metrics`)).text();
    const delay = Number(/^hub_push_delay_seconds\{quantile="0.99"\} (\S+)$/m.exec(after)?.[1]);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(60);
    await hub.close();
    await db.drop();
  });
});
