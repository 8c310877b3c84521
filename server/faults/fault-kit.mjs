// Shared set-up for the fault tests: a fresh database, built hub instances on loopback, SQL access.
import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { startInstances } from '../scripts/instances.mjs';

export async function freshDatabase() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL is not set: run through `npm test`');
  const name = `hub_fault_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** `count` instances started together (migrations and demo people load once, under locks). */
export function hubCluster(databaseUrl, count, basePort, env = {}) {
  return startInstances(count, basePort, { DATABASE_URL: databaseUrl, HUB_DEADLINE_SWEEP_MS: '250', HUB_DEMO_DATA: '1', ...env });
}

export async function sqlClient(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/**
 * Running approval items due at the given offsets (ms from the hub's now), `perProject` departments
 * per project, made in one set-based statement: the deadline engine, not intake, is under test.
 * Returns their ids.
 */
export async function runningItemsDueIn(sql, offsetsMs, perProject = 5) {
  const { rows } = await sql.query(
    `WITH offs AS (SELECT o, ord - 1 AS i FROM unnest($1::bigint[]) WITH ORDINALITY AS t(o, ord)),
          d AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM departments ORDER BY code LIMIT $2),
          who AS (SELECT id FROM users WHERE username = 'window'),
          p AS (
            INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency,
              report_to_higher, mega, status, registered_at, registered_by, seal_number, sealed_by, sealed_at, lead_department_id)
            SELECT 'T-' || gen_random_uuid(), '测试项目', '{}', 'city_key', '{}', 1, 'CNY', false, false, 'in_channel',
              hub_now(), who.id, 'T-' || gen_random_uuid(), who.id, hub_now(), (SELECT id FROM d WHERE k = 0)
            FROM generate_series(1, ceil(cardinality($1::bigint[]) / $2::numeric)::int), who
            RETURNING id),
          pn AS (SELECT id, row_number() OVER () - 1 AS j FROM p)
     INSERT INTO approval_items (project_id, department_id, is_lead, status, accepted_at, due_at, deadline_version)
     SELECT pn.id, d.id, d.k = 0, 'in_review', hub_now(), hub_now() + offs.o * interval '1 millisecond', 1
     FROM offs JOIN pn ON pn.j = offs.i / $2 JOIN d ON d.k = offs.i % $2
     RETURNING id`,
    [offsetsMs, perProject],
  );
  if (rows.length !== offsetsMs.length) throw new Error(`made ${rows.length} of ${offsetsMs.length} items: too few departments?`);
  return rows.map((r) => r.id);
}

/** Lateness (fired − due, ms) of every deemed consent of the given items, and how many fired early. */
export async function firings(sql, ids) {
  const { rows } = await sql.query(
    `SELECT item_id, EXTRACT(EPOCH FROM fired_at - due_at) * 1000 AS late_ms FROM deemed_consents WHERE item_id = ANY($1)`,
    [ids],
  );
  return rows.map((r) => ({ itemId: r.item_id, lateMs: Number(r.late_ms) }));
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function until(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A valid registration body (R3) for load and fault tests. */
export const REGISTRATION = {
  name: '测试项目',
  owner: { name: '测试业主有限公司', legalRepresentative: '张三', contactName: '李四', contactPhone: '0571-00000000' },
  category: 'city_key',
  preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
  totalInvestment: { amount: '1000000.00', currency: 'CNY' },
  reportToHigherAuthority: false,
};

/** Logs a demo user in; returns the session cookie. */
export async function login(url, username) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ username, password: 'greenchannel' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

/**
 * `n` sessions of one user, as `n` browsers would hold (a socket per session: a session holds at
 * most 10 sockets, and logins beyond 20 per user end the oldest), written straight into the
 * database; returns their cookies.
 */
export async function sessionCookies(sql, username, n) {
  const tokens = Array.from({ length: n }, () => randomBytes(32).toString('base64url'));
  await sql.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at)
     SELECT h, (SELECT id FROM users WHERE username = $1), now() + interval '12 hours' FROM unnest($2::text[]) AS h`,
    [username, tokens.map((t) => createHash('sha256').update(t).digest('hex'))],
  );
  return tokens.map((t) => `hub_session=${t}`);
}

/** A state-changing API call as the browser makes it (session cookie + CSRF header). */
export function post(url, path, cookie, body) {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie },
    body: JSON.stringify(body),
  });
}
