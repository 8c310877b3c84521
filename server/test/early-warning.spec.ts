import { buildCalendar, DEFAULT_CALENDAR_SETTINGS, SHIPPED_CALENDAR, warningStartsAt, type AlertView } from '@hub/shared';
import { runningProject } from './leaders-fixtures';
import { connected, connectSocket, withHub, eventually, type HubSocket, advanceTo } from './test-hub';

const cal = buildCalendar(SHIPPED_CALENDAR);

describe('early warning: amber once per item and deadline, alerted to the liaison and the window (R14a, real PostgreSQL, two instances)', () => {
  const hub = withHub({ instances: 2, people: { window: 'window', leader: ['leader', 1], admin: 'admin', liaison: ['liaison-drc', 1] } });
  const { sql } = hub;
  const { window, leader, admin, liaison } = hub.people;
  let socket: HubSocket;
  const pushed: AlertView[] = [];

  beforeAll(async () => {
    socket = connectSocket(hub.second.url, liaison.cookie);
    socket.on('alert:new', (alert) => pushed.push(alert));
    await connected(socket);
  });
  afterAll(async () => {
    socket?.close();
  });

  const count = async (query: string, params: unknown[] = []) => Number((await sql.query(query, params)).rows[0].n);
  let items: Awaited<ReturnType<typeof runningProject>>['items'];
  let opens: Date;

  it('R14a: never early — just before the window opens nothing is warned', async () => {
    ({ items } = await runningProject(window, leader, ['DRC', 'NRP'], '早期预警项目'));
    const dueAt = new Date(items['DRC']!.dueAt!);
    opens = warningStartsAt(dueAt, cal, DEFAULT_CALENDAR_SETTINGS, new Date(items['DRC']!.acceptedAt!));
    await advanceTo(admin, opens, -5000);
    await hub.quiesce(); // both instances have passed since the clock moved
    expect(await count('SELECT count(*) AS n FROM item_warnings')).toBe(0);
  });

  it('R14a: when the window opens, two instances warn each item exactly once: card entry, alerts to its liaison and to every window user, pushed live', async () => {
    await advanceTo(admin, opens, 1000);
    await eventually(async () => ((await count('SELECT count(*) AS n FROM item_warnings')) === 2 ? true : undefined));
    await hub.quiesce(); // more passes: nothing more may come
    expect(await count('SELECT count(*) AS n FROM item_warnings')).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM card_entries WHERE action = 'item.warned'`)).toBe(2);
    // Each item: its department's liaison plus the two window users (window, window2).
    expect(await count('SELECT count(*) AS n FROM alerts')).toBe(2 * 3);
    const drcAlerts = await sql.query(
      `SELECT u.username FROM alerts a JOIN users u ON u.id = a.user_id WHERE a.item_id = $1 ORDER BY u.username`,
      [items['DRC']!.id],
    );
    expect(drcAlerts.rows.map((r) => r.username)).toEqual(['liaison-drc', 'window', 'window2']);
    await eventually(() => (pushed.length === 1 ? true : undefined));
    expect(pushed[0]).toMatchObject({ kind: 'deadline_warning', itemId: items['DRC']!.id, dueAt: items['DRC']!.dueAt, readAt: null });
  });

  it("R14a R2: a liaison reads only its own alerts in its inbox and marks them read; another's alert is refused", async () => {
    const inbox = (await liaison.get('/api/alerts')).body;
    expect(inbox.unread).toBe(1);
    expect(inbox.alerts.map((a) => a.itemId)).toEqual([items['DRC']!.id]);
    const other = (await sql.query(`SELECT a.id FROM alerts a JOIN users u ON u.id = a.user_id WHERE u.username = 'liaison-nrp'`)).rows[0]
      .id;
    expect((await liaison.post(`/api/alerts/${other}/read`)).status).toBe(403);
    const read = await liaison.post(`/api/alerts/${inbox.alerts[0]!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await liaison.get('/api/alerts')).body.unread).toBe(0);
    expect((await window.get('/api/alerts')).body.alerts).toHaveLength(2);
  });

  it('R14a: the database refuses a second warning of the same deadline', async () => {
    await expect(
      sql.query(
        `INSERT INTO item_warnings (item_id, deadline_version, due_at, warned_at, working_days_left) VALUES ($1, $2, now(), now(), 0)`,
        [items['DRC']!.id, items['DRC']!.deadlineVersion],
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(sql.query(`DELETE FROM item_warnings`)).rejects.toThrow(/append-only/);
  });

  it('R14a: no repeat after both instances restart, nor on the due day; a window opened while the hub was down warns at start-up', async () => {
    const later = await runningProject(window, leader, ['EEB'], '停机期间预警项目');
    const eeb = later.items['EEB']!;
    // While no instance runs, the clock passes the new item's window opening (and the DRC item's due day begins).
    await hub.restart(async () => {
      const eebOpens = warningStartsAt(new Date(eeb.dueAt!), cal, DEFAULT_CALENDAR_SETTINGS, new Date(eeb.acceptedAt!));
      const now = (await sql.query('SELECT hub_now() AS now')).rows[0].now as Date;
      await sql.query(`UPDATE hub_clock SET offset_ms = offset_ms + $1`, [Math.max(0, eebOpens.getTime() - now.getTime()) + 1000]);
    });
    await eventually(async () =>
      (await count('SELECT count(*) AS n FROM item_warnings WHERE item_id = $1', [eeb.id])) === 1 ? true : undefined,
    );
    await hub.quiesce();
    expect(await count('SELECT count(*) AS n FROM item_warnings')).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM card_entries WHERE action = 'item.warned'`)).toBe(3);
  });

  it('R14a R14: at the due instant it turns red (deemed consent) and is never warned again', async () => {
    await advanceTo(admin, new Date(items['DRC']!.dueAt!), 1000);
    await eventually(async () =>
      (await count(`SELECT count(*) AS n FROM approval_items WHERE id = $1 AND status = 'deemed_consent'`, [items['DRC']!.id])) === 1
        ? true
        : undefined,
    );
    await hub.quiesce();
    expect(await count('SELECT count(*) AS n FROM item_warnings WHERE item_id = $1', [items['DRC']!.id])).toBe(1);
  });
});
