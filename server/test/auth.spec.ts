import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { AuthPurge } from '../src/auth/auth-purge';
import { Database } from '../src/database/database';
import { connected, connectSocket, createTestDatabase, HubClient, loadPeople, startTestHub, TEST_PASSWORD, type TestHub } from './test-hub';

describe('sessions, passwords, CSRF and login limits (R1, R2)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    await loadPeople(first);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await first.close();
    await second.close();
    await db.drop();
  });

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

  it('R1: behind a TLS-terminating proxy the session cookie is also Secure', async () => {
    const res = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'window', password: TEST_PASSWORD }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
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

  it('R1: failed logins are limited per account across instances, even for the right password afterwards', async () => {
    const attacker = new HubClient(first.url);
    for (let i = 0; i < 5; i++) expect((await attacker.post('/api/auth/login', { username: 'liaison-emb', password: `guess-${i}` })).status).toBe(401);
    const onOther = await new HubClient(second.url).post('/api/auth/login', { username: 'liaison-emb', password: TEST_PASSWORD });
    expect(onOther.status).toBe(429);
    expect(onOther.body.title).toBe('Too many failed logins');
    // Another account from elsewhere is unaffected.
    expect((await new HubClient(second.url).post('/api/auth/login', { username: 'liaison-hud', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('R2: state-changing requests without the CSRF header, or from a foreign Origin, are refused', async () => {
    const window = await HubClient.login(first.url, 'window');
    const noHeader = await fetch(`${first.url}/api/projects`, { method: 'POST', headers: { cookie: window.cookie, 'content-type': 'application/json' }, body: '{}' });
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
    const res = await fetch(`${first.url}/api/projects/not-a-uuid`, { headers: { cookie: (await HubClient.login(first.url, 'window')).cookie } });
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it('R26: over plain http the CSP does not send browsers to https (a blank client on the intranet); behind TLS it does', async () => {
    const plain = await fetch(`${first.url}/health`);
    expect(plain.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    const proxied = await fetch(`${first.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
  });

  it('R1: expired sessions and ended login-throttle windows are purged; live ones stay', async () => {
    const live = await HubClient.login(first.url, 'leader');
    const { rows: [user] } = await sql.query(`SELECT id FROM users WHERE username = 'leader'`);
    await sql.query(`INSERT INTO sessions (token_hash, user_id, expires_at) SELECT 'expired-' || g, $1, now() - interval '1 minute' FROM generate_series(1, 3) g`, [user.id]);
    await sql.query(
      `INSERT INTO login_throttle (key, failures, window_start) VALUES
         ('account:invented-stale', 1, now() - interval '16 minutes'), ('address:192.0.2.1', 3, now() - interval '1 hour'),
         ('account:invented-fresh', 1, now())`,
    );
    const purged = await first.app.get(AuthPurge).purge(); // sessions expired by earlier tests go too
    expect(purged.sessions).toBeGreaterThanOrEqual(3);
    expect(purged.throttle).toBeGreaterThanOrEqual(2);
    expect((await sql.query(`SELECT 1 FROM sessions WHERE token_hash LIKE 'expired-%'`)).rowCount).toBe(0);
    expect((await sql.query(`SELECT key FROM login_throttle WHERE key LIKE '%invented%' OR key = 'address:192.0.2.1'`)).rows).toEqual([{ key: 'account:invented-fresh' }]);
    expect((await live.get('/api/auth/me')).status).toBe(200);
  });

  it('R26: a failed query is logged without its parameters (people\'s data)', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(first.app.get(Database).query('SELECT $1::text AS phone FROM no_such_table', ['张三 13800000000'])).rejects.toThrow(/no_such_table/);
      const lines = logged.mock.calls.map((call) => JSON.stringify(call));
      expect(lines.some((l) => l.includes('no_such_table'))).toBe(true);
      expect(lines.some((l) => l.includes('13800000000'))).toBe(false);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('metrics', () => {
  it('R25: /metrics reports pending deadlines, lateness, published events and connected clients', async () => {
    const db = await createTestDatabase();
    const hub = await startTestHub(db.url);
    await loadPeople(hub);
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    for (const name of ['hub_pending_deadlines 0', 'hub_deadline_lateness_seconds_count 0', 'hub_events_published_total', 'hub_connected_clients 0']) {
      expect(text).toContain(name);
    }
    await hub.close();
    await db.drop();
  });
});
