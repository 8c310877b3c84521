// Fault test of a database outage (R14, R26): a private PostgreSQL (never the shared one) stopped
// for 15 s under a running hub while deadlines fall due. Loopback only; ports 4400–4419.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import { hubCluster, runningItemsDueIn, sleep, sqlClient, until } from './fault-kit.mjs';

const OUTAGE_MS = 15_000;
const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime, stime (fields 14 and 15)
}

/** GET /health with a hard limit of its own: how long it took and what it said. */
async function probeHealth(url) {
  const start = Date.now();
  const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
  return { ms: Date.now() - start, status: res.status, body: await res.json() };
}

describe('database outage under a running hub (R14, R26)', () => {
  let dir;
  let port;
  let postgres;
  let hub;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-outage-pg-'));
    port = await freePort();
    postgres = await startEmbeddedPostgres({ dir, database: 'hub', port });
    [hub] = await hubCluster(postgres.url, 1, 4400);
  });
  after(async () => {
    await hub?.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R14/R26: PostgreSQL stopped for 15 s: no hot loop (few log lines, little CPU), /health says "down" at once, and deadlines due meanwhile fire once on its return, stamped with their due instant', async () => {
    let sql = await sqlClient(postgres.url);
    // 40 deadlines falling due in the outage's first seconds.
    const ids = await runningItemsDueIn(
      sql,
      Array.from({ length: 40 }, (_, i) => 1500 + i * 50),
    );
    await sql.end();

    let lines = 0;
    let text = '';
    const count = (chunk) => {
      const s = chunk.toString();
      text += s;
      lines += s.split('\n').length - 1;
    };
    hub.child.stdout.on('data', count);
    hub.child.stderr.on('data', count);

    await postgres.stop();
    const down = Date.now();
    const cpuBefore = cpuSeconds(hub.child.pid);
    const probes = [];
    while (Date.now() - down < OUTAGE_MS) {
      probes.push(await probeHealth(hub.url));
      await sleep(2500);
    }
    const outageLines = lines;
    const outageCpu = cpuSeconds(hub.child.pid) - cpuBefore;
    const outageText = text;

    postgres = await startEmbeddedPostgres({ dir, database: 'hub', port });
    const up = Date.now();
    sql = await sqlClient(postgres.url);
    try {
      await until(
        async () =>
          (await sql.query(`SELECT count(*)::int AS n FROM deemed_consents WHERE item_id = ANY($1)`, [ids])).rows[0].n === ids.length,
        20000,
        'the deadlines due in the outage to fire',
      );
      const allFired = Date.now() - up;
      const {
        rows: [{ first }],
      } = await sql.query(`SELECT min(fired_at) AS first FROM deemed_consents WHERE item_id = ANY($1)`, [ids]);
      const firstFired = first.getTime() - up; // same machine, same clock
      await until(async () => (await probeHealth(hub.url)).status === 200, 10000, '/health to say "up"');
      console.log(
        `  ${((up - down) / 1000).toFixed(1)} s outage: ${outageLines} log lines, ${outageCpu.toFixed(2)} s CPU; /health answered "down" in ≤ ${Math.max(...probes.map((p) => p.ms))} ms; ` +
          `PostgreSQL back: first due deadline fired after ${firstFired} ms, all ${ids.length} after ${allFired} ms`,
      );

      assert.ok(outageLines < 50, `${outageLines} log lines during the outage:\n${outageText.slice(0, 3000)}`);
      assert.ok(outageCpu < 1.5, `${outageCpu.toFixed(2)} s CPU during a ${OUTAGE_MS / 1000} s outage`);
      assert.equal((outageText.match(/database unavailable/g) ?? []).length, 1, 'one line when the database goes');
      for (const p of probes) {
        assert.equal(p.status, 503);
        assert.equal(p.body.database, 'down');
        assert.ok(p.ms <= 1000, `/health took ${p.ms} ms`);
      }
      assert.match(text, /database available again after \d+\.\d s/, 'one line when it returns, with the outage length');
      assert.equal((text.match(/database available again/g) ?? []).length, 1);
      // At once: the back-off is at most 2 s, and the database's return cuts it short.
      assert.ok(firstFired <= 4000, `first firing ${firstFired} ms after PostgreSQL was back`);

      const { rows } = await sql.query(
        `SELECT count(*)::int AS firings, bool_and(i.decided_at = d.due_at) AS stamped, count(DISTINCT d.item_id)::int AS items
         FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE d.item_id = ANY($1)`,
        [ids],
      );
      assert.deepEqual(rows[0], { firings: ids.length, stamped: true, items: ids.length }, 'each once, stamped with its due instant');
      const {
        rows: [{ entries }],
      } = await sql.query(
        `SELECT count(*)::int AS entries FROM card_entries WHERE action = 'item.deemed_consent' AND (after->'item'->>'id')::uuid = ANY($1)`,
        [ids],
      );
      assert.equal(entries, ids.length, 'one card entry each');
    } finally {
      await sql.end();
    }
  });
});
