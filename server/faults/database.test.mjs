// Fault tests of durability (R26): PostgreSQL connections cut while the hub writes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshDatabase, hubCluster, login, post, REGISTRATION, sleep, sqlClient, until } from './fault-kit.mjs';

describe('connections cut during writes (R26)', () => {
  let db;
  let sql;
  let cluster;
  before(async () => {
    db = await freshDatabase();
    sql = await sqlClient(db.url);
    cluster = await hubCluster(db.url, 2, 4340);
  });
  after(async () => {
    await Promise.all(cluster.map((i) => i.stop()));
    await sql.end();
    await db.drop();
  });

  it('R26: pg_terminate_backend during writes loses no acknowledged change, half-applies none, and the hub recovers without restart', async () => {
    const cookies = await Promise.all(cluster.map((i) => login(i.url, 'window')));
    const dbName = new URL(db.url).pathname.slice(1);
    let cutting = true;
    let cuts = 0;
    const killer = (async () => {
      while (cutting) {
        const { rowCount } = await sql.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [dbName],
        );
        cuts += rowCount;
        // Every 300–500 ms: about twice what a registration takes under this load (p50 ≈ 180 ms for
        // 8 writers on 2 instances, up to 900 ms), so many are cut mid-transaction, yet some get through.
        await sleep(300 + Math.random() * 200);
      }
    })();

    const acknowledged = [];
    const outcomes = {};
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let n = 0; n < 25; n++) {
          const instance = cluster[(worker + n) % cluster.length];
          const res = await post(instance.url, '/api/projects', cookies[(worker + n) % cluster.length], {
            ...REGISTRATION,
            name: `断连测试项目 ${worker}-${n}`,
          }).catch(() => null);
          const status = res?.status ?? 'network';
          outcomes[status] = (outcomes[status] ?? 0) + 1;
          if (res?.status === 201) acknowledged.push((await res.json()).id);
          else await res?.text();
        }
      }),
    );
    cutting = false;
    await killer;
    console.log(`  200 registrations under ${cuts} connection cuts: ${JSON.stringify(outcomes)}`);
    assert.ok(cuts > 10, 'connections were actually cut');
    assert.ok(acknowledged.length > 0, 'some writes got through');
    assert.equal(outcomes[500] ?? 0, 0, 'a cut connection is a 503, never a 500');

    // Nothing acknowledged is lost; nothing is half-applied (a project without its card entry, or the reverse).
    const { rows: stored } = await sql.query(`SELECT id FROM projects WHERE id = ANY($1)`, [acknowledged]);
    assert.equal(stored.length, acknowledged.length);
    const {
      rows: [{ orphans }],
    } = await sql.query(
      `SELECT count(*)::int AS orphans FROM projects p WHERE NOT EXISTS (SELECT 1 FROM card_entries c WHERE c.project_id = p.id AND c.action = 'project.registered')`,
    );
    assert.equal(orphans, 0);
    const {
      rows: [{ gaps }],
    } = await sql.query(`SELECT (max(position) - count(*))::int AS gaps FROM card_entries`);
    assert.equal(gaps, 0, 'stream positions have no holes');

    // Recovered: every instance answers and writes again, without a restart.
    for (const [i, instance] of cluster.entries()) {
      await until(async () => (await fetch(`${instance.url}/health`)).ok, 10000, 'health');
      const res = await post(instance.url, '/api/projects', cookies[i], REGISTRATION);
      assert.equal(res.status, 201);
    }
  });
});
