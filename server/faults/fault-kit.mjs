// Shared set-up for the fault tests: a fresh database, built hub instances on loopback, SQL access.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
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
 * `n` running approval items due at the given offsets (ms from the hub's now), made directly in
 * SQL: the deadline engine, not intake, is under test. Returns their ids.
 */
export async function runningItemsDueIn(sql, offsetsMs) {
  const perProject = 5;
  const { rows: depts } = await sql.query('SELECT id FROM departments ORDER BY code LIMIT $1', [perProject]);
  const { rows: [window] } = await sql.query(`SELECT id FROM users WHERE username = 'window'`);
  const ids = [];
  for (let start = 0; start < offsetsMs.length; start += perProject) {
    const { rows: [project] } = await sql.query(
      `INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency,
         report_to_higher, mega, status, registered_at, registered_by, seal_number, sealed_by, sealed_at, lead_department_id)
       VALUES ('FAULT-' || gen_random_uuid(), '故障测试项目', '{}', 'city_key', '{}', 1, 'CNY', false, false, 'in_channel',
         hub_now(), $1, 'FAULT-' || gen_random_uuid(), $1, hub_now(), $2) RETURNING id`,
      [window.id, depts[0].id],
    );
    const batch = offsetsMs.slice(start, start + perProject);
    for (const [i, offset] of batch.entries()) {
      const { rows: [item] } = await sql.query(
        `INSERT INTO approval_items (project_id, department_id, is_lead, status, accepted_at, due_at, deadline_version)
         VALUES ($1, $2, $3, 'in_review', hub_now(), hub_now() + $4 * interval '1 millisecond', 1) RETURNING id`,
        [project.id, depts[i].id, i === 0, offset],
      );
      ids.push(item.id);
    }
  }
  return ids;
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
