import { Client } from 'pg';
import { CLAIM_TX, Database, isConnectionLost } from '../src/database/database';
import { acceptItem, admittedProject, createTestDatabase, withHub, eventually, HubClient, loadPeople, startTestHub } from './test-hub';

const CODES = ['DRC', 'NRP', 'EEB', 'HUD', 'EMB'];

describe('deadline engine: deemed consent exactly once, never early (real PostgreSQL, two instances)', () => {
  const hub = withHub({ instances: 2, people: { window: 'window', leader: ['leader', 1], admin: 'admin' } });
  const { sql } = hub;
  const { window, leader, admin } = hub.people;

  /** Admits `projects` projects with every department and accepts all their items; returns the latest due instant. */
  async function runningItems(projects: number): Promise<Date> {
    return (await acceptedItems(projects)).latest;
  }

  async function acceptedItems(projects: number): Promise<{ latest: Date; ids: string[] }> {
    const ids: string[] = [];
    let latest = 0;
    for (let p = 0; p < projects; p++) {
      const { project } = await admittedProject(window, leader, CODES, `项目${p}`);
      for (const item of project.items) {
        const accepted = (await acceptItem(window, item.id)).body;
        latest = Math.max(latest, new Date(accepted.dueAt!).getTime());
        ids.push(item.id);
      }
    }
    return { latest: new Date(latest), ids };
  }

  async function advanceTo(instant: Date, plusMs: number) {
    const now = new Date((await leader.get('/api/board')).body.serverNow);
    const by = instant.getTime() - now.getTime() + plusMs;
    if (by > 0) await admin.post('/api/test/clock', { advanceMs: by });
  }

  const count = async (query: string) => Number((await sql.query(query)).rows[0].n);

  it('R14: never early — five seconds before the due instant nothing is deemed', async () => {
    const due = await runningItems(1);
    await advanceTo(due, -5000);
    await hub.quiesce(); // both engines have passed since the clock moved
    expect(await count(`SELECT count(*) AS n FROM approval_items WHERE status = 'deemed_consent'`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM deemed_consents')).toBe(0);
  });

  it("R14: two engines racing over one database deem each item exactly once, with one notice, one card entry and one alert to each of its department's liaisons and each leader", async () => {
    const due = await runningItems(4);
    await advanceTo(due, 1000);
    const running = await eventually(async () =>
      (await count(`SELECT count(*) AS n FROM approval_items WHERE status = 'in_review'`)) === 0 ? true : undefined,
    );
    expect(running).toBe(true);

    const items = await count('SELECT count(*) AS n FROM approval_items');
    expect(await count('SELECT count(*) AS n FROM deemed_consents')).toBe(items);
    expect(await count(`SELECT count(*) AS n FROM notices WHERE kind = 'timeout_implied_consent'`)).toBe(items);
    expect(await count(`SELECT count(*) AS n FROM card_entries WHERE action = 'item.deemed_consent'`)).toBe(items);
    // Numbers are gapless and unique per year (R17).
    const serials = (await sql.query('SELECT serial FROM notices ORDER BY serial')).rows.map((r) => r.serial);
    expect(serials).toEqual(serials.map((_, i) => i + 1));
    // Fired at or after, never before, the due instant; the decision takes effect at the due instant.
    expect(await count('SELECT count(*) AS n FROM deemed_consents WHERE fired_at < due_at')).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM approval_items WHERE decided_at <> due_at`)).toBe(0);
    // Each deemed consent of a batch alerts its department's liaisons and every leader, exactly once.
    const meant = `FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id
      JOIN users u ON (u.role = 'liaison' AND u.active AND u.department_id = i.department_id) OR u.role = 'leader'`;
    expect(await count(`SELECT count(*) AS n ${meant}`)).toBeGreaterThan(items);
    expect(await count(`SELECT count(*) AS n FROM alerts WHERE kind = 'deemed_consent'`)).toBe(
      await count(`SELECT count(*) AS n ${meant}`),
    );
    expect(
      await count(`SELECT count(*) AS n ${meant} WHERE NOT EXISTS (
        SELECT 1 FROM alerts a WHERE a.kind = 'deemed_consent' AND a.user_id = u.id AND a.item_id = d.item_id AND a.deemed_version = d.deadline_version)`),
    ).toBe(0);
  });

  it("R17: deadlines fired together in one claim each get their own notice: numbered in due order, cited by that item's card entry alone, every card verifying", async () => {
    // The items of the race above fell due together and were fired in claims of several at a time.
    const fired = (
      await sql.query(
        `SELECT d.item_id, d.due_at, d.fired_at, n.id AS notice_id, n.number, n.serial, n.content_hash, n.content->>'itemId' AS notice_item,
                c.detail->>'noticeNumber' AS entry_number, c.notices AS cited, i.project_id
         FROM deemed_consents d JOIN notices n ON n.id = d.notice_id JOIN approval_items i ON i.id = d.item_id
         JOIN card_entries c ON c.action = 'item.deemed_consent' AND c.after->'item'->>'id' = d.item_id::text
         ORDER BY n.serial`,
      )
    ).rows;
    expect(fired.length).toBeGreaterThan(1);
    // Some claim fired more than one (the same fired_at), or the batching would not be under test.
    expect(new Set(fired.map((f) => f.fired_at.toISOString())).size).toBeLessThan(fired.length);
    for (const f of fired) {
      expect(f.notice_item).toBe(f.item_id);
      expect(f.entry_number).toBe(f.number);
      expect(f.cited).toEqual([{ id: f.notice_id, number: f.number, contentHash: f.content_hash }]);
    }
    // Within a claim (one fired_at), numbered in the order the deadlines fell due; gapless, as the race above checks.
    for (const at of new Set(fired.map((f) => f.fired_at.getTime()))) {
      const dues = fired.filter((f) => f.fired_at.getTime() === at).map((f) => f.due_at.getTime());
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
    }
    for (const projectId of new Set(fired.map((f) => f.project_id))) {
      expect((await leader.get(`/api/projects/${projectId}/card/verification`)).body).toMatchObject({ valid: true });
    }
  });

  it('R14: the database refuses a second firing of the same deadline', async () => {
    const fired = (await sql.query('SELECT item_id, deadline_version, due_at, fired_at, notice_id FROM deemed_consents LIMIT 1')).rows[0];
    await expect(
      sql.query(
        `INSERT INTO deemed_consents (item_id, deadline_version, cause, due_at, fired_at, notice_id) VALUES ($1, $2, 'timeout', $3, $4, $5)`,
        [fired.item_id, fired.deadline_version, fired.due_at, fired.fired_at, fired.notice_id],
      ),
    ).rejects.toThrow(/duplicate key/);
  });

  it('R14: a deadline that passed while the hub was down fires at start-up, stamped with its due instant', async () => {
    const { latest: due, ids } = await acceptedItems(1);
    // An hour past the due instant passes while no instance runs.
    await hub.restart(async () => {
      const now = (await sql.query('SELECT hub_now() AS now')).rows[0].now as Date;
      await sql.query(`UPDATE hub_clock SET offset_ms = offset_ms + $1`, [due.getTime() - now.getTime() + 3_600_000]);
      expect(await count(`SELECT count(*) AS n FROM approval_items WHERE status = 'in_review'`)).toBe(CODES.length);
    });
    await eventually(async () =>
      (await count(`SELECT count(*) AS n FROM approval_items WHERE status = 'in_review'`)) === 0 ? true : undefined,
    );
    const fired = await sql.query(
      `SELECT d.fired_at > d.due_at + interval '59 minutes' AS late, i.decided_at = d.due_at AS stamped
       FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE d.item_id = ANY($1)`,
      [ids],
    );
    expect(fired.rows).toEqual(ids.map(() => ({ late: true, stamped: true })));
    const entries = await sql.query(
      `SELECT detail FROM card_entries WHERE action = 'item.deemed_consent' AND after->'item'->>'id' = ANY($1)`,
      [ids],
    );
    expect(entries.rows).toHaveLength(ids.length);
    expect(entries.rows.every((r) => Number(r.detail.lateMs) >= 59 * 60_000)).toBe(true);
  });
});

describe('deadline engine: one failing item does not starve the others (R14)', () => {
  it('R14: an item whose firing fails is set aside while every other due item still fires', async () => {
    const db = await createTestDatabase();
    const hub = await startTestHub(db.url);
    await loadPeople(hub);
    const window = await HubClient.login(hub.url, 'window');
    const leader = await HubClient.login(hub.url, 'leader');
    const admin = await HubClient.login(hub.url, 'admin');
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const { project } = await admittedProject(window, leader, CODES);
      let latest = 0;
      for (const item of project.items) latest = Math.max(latest, new Date((await acceptItem(window, item.id)).body.dueAt!).getTime());
      // The first item to fall due cannot be deemed: its update always fails.
      const poisoned = project.items[0].id;
      await sql.query(
        `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = '${poisoned}' AND NEW.status = 'deemed_consent' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$`,
      );
      await sql.query(`CREATE TRIGGER poison BEFORE UPDATE ON approval_items FOR EACH ROW EXECUTE FUNCTION poison()`);
      const now = new Date((await leader.get('/api/board')).body.serverNow).getTime();
      await admin.post('/api/test/clock', { advanceMs: latest - now + 1000 });
      await eventually(async () =>
        Number((await sql.query(`SELECT count(*) AS n FROM deemed_consents`)).rows[0].n) === CODES.length - 1 ? true : undefined,
      );
      const { rows } = await sql.query(`SELECT status FROM approval_items WHERE id = $1`, [poisoned]);
      expect(rows[0].status).toBe('in_review');
    } finally {
      await sql.end();
      await hub.close();
      await db.drop();
    }
  });
});

describe('idle-in-transaction limit: on claim transactions only (R14, R26)', () => {
  const hub = withHub();
  let database: Database;
  beforeAll(async () => {
    database = hub.first.app.get(Database);
  });

  const idle = (ms: number) => new Promise((r) => setTimeout(r, ms)); // the idling under test, not a wait for a condition

  it('R26: honest work idling longer than a claim may (a machine under load) still commits', async () => {
    const row = await database.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await idle(1500);
      return tx.one<{ ok: number }>('SELECT 1 AS ok');
    });
    expect(row).toEqual({ ok: 1 });
  });

  it('R14: a claim transaction idling past its limit is cut by PostgreSQL (25P03, a lost connection) and retried whole', async () => {
    let attempts = 0;
    const result = await database.transaction(async (tx) => {
      attempts++;
      await tx.query('SELECT 1');
      if (attempts === 1) await idle(CLAIM_TX.idleLimitMs! + 700);
      return (await tx.one<{ limit: string }>(`SELECT current_setting('idle_in_transaction_session_timeout') AS limit`))!.limit;
    }, CLAIM_TX);
    expect(attempts).toBe(2);
    expect(result).toBe('1s');
    expect(isConnectionLost(Object.assign(new Error('terminating connection due to idle-in-transaction timeout'), { code: '25P03' }))).toBe(
      true,
    );
  });
});
