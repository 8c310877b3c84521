import { Client } from 'pg';
import { HUB_MIGRATIONS } from '../src/database/migrations';
import { createTestDatabase, startTestHub } from './test-hub';

describe('migrations', () => {
  it('R26: instances starting together on an empty database apply each migration exactly once', async () => {
    const db = await createTestDatabase();
    const hubs = await Promise.all([startTestHub(db.url), startTestHub(db.url), startTestHub(db.url)]);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    const applied = (await sql.query('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
    expect(applied).toEqual(HUB_MIGRATIONS.map((m) => new m().name));
    await sql.end();
    await Promise.all(hubs.map((h) => h.close()));
    await db.drop();
  });
});
