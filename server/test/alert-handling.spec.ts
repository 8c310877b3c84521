import { buildCalendar, DEFAULT_CALENDAR_SETTINGS, SHIPPED_CALENDAR, warningStartsAt, type AlertView } from '@hub/shared';
import { runningProject } from './leaders-fixtures';
import { connected, connectSocket, withHub, eventually, type HubSocket, advanceTo } from './test-hub';

const cal = buildCalendar(SHIPPED_CALENDAR);

/**
 * The desks (issue 14): what waits for someone leaves their inbox in the very transaction that settles
 * it, and a deemed consent reaches the department's liaisons and every leader, once.
 */
describe('alerts handled with their item; deemed consent alerted (R14 R14a R16 R17, real PostgreSQL, two instances)', () => {
  const hub = withHub({
    instances: 2,
    people: {
      window: 'window',
      leader: ['leader', 1],
      admin: 'admin',
      drc: 'liaison-drc',
      nrp: ['liaison-nrp', 1],
      eeb: ['liaison-eeb', 1],
    },
  });
  const { sql } = hub;
  const { window, leader, admin, drc, nrp, eeb } = hub.people;
  let eebSocket: HubSocket;
  const pushedToEeb: AlertView[] = [];
  let items: Awaited<ReturnType<typeof runningProject>>['items'];
  let projectId: string;

  beforeAll(async () => {
    eebSocket = connectSocket(hub.second.url, eeb.cookie);
    eebSocket.on('alert:new', (alert) => pushedToEeb.push(alert));
    await connected(eebSocket);
    let project: { id: string };
    ({ items, project } = await runningProject(window, leader, ['DRC', 'NRP', 'EEB'], '待办处理项目'));
    projectId = project.id;
    const opens = warningStartsAt(new Date(items['DRC']!.dueAt!), cal, DEFAULT_CALENDAR_SETTINGS, new Date(items['DRC']!.acceptedAt!));
    await advanceTo(admin, opens, 1000);
    await eventually(async () => ((await sql.query('SELECT count(*)::int AS n FROM item_warnings')).rows[0].n === 3 ? true : undefined));
  });
  afterAll(async () => {
    eebSocket?.close();
  });

  const open = async (itemId: string, kind: string) =>
    (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE item_id = $1 AND kind = $2 AND handled_at IS NULL`, [itemId, kind]))
      .rows[0].n as number;

  it("R14a R2: a refused decision settles nothing; the department's own decision marks its warnings handled in the same transaction", async () => {
    const drcItem = items['DRC']!;
    expect(await open(drcItem.id, 'deadline_warning')).toBe(3); // its liaison and both window users
    expect((await nrp.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' })).status).toBe(403);
    expect(await open(drcItem.id, 'deadline_warning')).toBe(3);
    const decided = await drc.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' });
    expect(decided.status).toBe(200);
    // Same transaction: the stamp is the decision's own instant (the hub clock of that transaction).
    const rows = (
      await sql.query(
        `SELECT a.handled_at = i.decided_at AS same FROM alerts a JOIN approval_items i ON i.id = a.item_id WHERE a.item_id = $1`,
        [drcItem.id],
      )
    ).rows;
    expect(rows).toEqual([{ same: true }, { same: true }, { same: true }]);
    const inbox = (await drc.get('/api/alerts')).body;
    expect(inbox.alerts.find((a) => a.itemId === drcItem.id)?.handledAt).toBe(decided.body.decidedAt);
  });

  it("R16 R2: a leader's ruling marks the explanation's alerts handled for every leader; the leaders' inbox query holds the project until then", async () => {
    const nrpItem = items['NRP']!;
    const filed = await nrp.post(`/api/items/${nrpItem.id}/explanations`, { text: '等待上级批复' });
    expect(filed.status).toBe(201);
    const waiting = async () =>
      (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE explanation_id = $1 AND handled_at IS NULL`, [filed.body.id])).rows[0]
        .n as number;
    const leaders = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'leader'`)).rows[0].n as number;
    expect(await waiting()).toBe(leaders);
    // Issue 14: the inbox reads the projects concerned, not the whole board; leaders only (R2).
    const inboxProjects = async () => (await leader.get('/api/alerts/leader-projects')).body;
    const before = await inboxProjects();
    expect(before.projects.map((p) => p.id)).toEqual([projectId]);
    expect(before.projects[0]!.items.find((i) => i.id === nrpItem.id)?.pendingExplanation).not.toBeNull();
    expect(before.position).toBeGreaterThan(0);
    expect((await nrp.get('/api/alerts/leader-projects')).status).toBe(403);
    const ruled = await leader.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'rejected', note: '理由不充分' });
    expect(ruled.status).toBe(200);
    expect(await waiting()).toBe(0);
    expect((await inboxProjects()).projects).toEqual([]);
  });

  it('R14 R17: a timeout alerts each liaison of the department and every leader exactly once across two instances, pushed live, with its cause; it fires once; its warnings are settled', async () => {
    const eebItem = items['EEB']!;
    await advanceTo(admin, new Date(eebItem.dueAt!), 1000);
    await eventually(async () => ((await open(eebItem.id, 'deemed_consent')) > 0 ? true : undefined));
    await hub.quiesce();
    const told = (
      await sql.query(
        `SELECT u.username FROM alerts a JOIN users u ON u.id = a.user_id WHERE a.item_id = $1 AND a.kind = 'deemed_consent' ORDER BY u.username`,
        [eebItem.id],
      )
    ).rows.map((r) => r.username);
    const meant = (
      await sql.query(
        `SELECT u.username FROM users u JOIN departments d ON d.code = 'EEB'
       WHERE (u.role = 'liaison' AND u.active AND u.department_id = d.id) OR u.role = 'leader' ORDER BY u.username`,
      )
    ).rows.map((r) => r.username);
    expect(meant).toEqual(expect.arrayContaining(['leader', 'liaison-eeb']));
    expect(told).toEqual(meant); // one each, none to anyone else
    expect((await sql.query('SELECT count(*)::int AS n FROM deemed_consents WHERE item_id = $1', [eebItem.id])).rows[0].n).toBe(1);
    expect(
      (
        await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE action = 'item.deemed_consent' AND after->'item'->>'id' = $1`, [
          eebItem.id,
        ])
      ).rows[0].n,
    ).toBe(1);
    expect(await open(eebItem.id, 'deadline_warning')).toBe(0);
    const mine = (await eeb.get('/api/alerts')).body.alerts.filter((a) => a.kind === 'deemed_consent');
    expect(mine).toEqual([
      expect.objectContaining({ itemId: eebItem.id, deemedCause: 'timeout', dueAt: eebItem.dueAt, handledAt: null, readAt: null }),
    ]);
    const pushed = await eventually(() => pushedToEeb.find((a) => a.kind === 'deemed_consent'));
    expect(pushed).toEqual(mine[0]);
    // The NRP item (its explanation rejected before the deadline) runs out too: deemed, alerted to its own liaison only.
    await eventually(async () => ((await open(items['NRP']!.id, 'deemed_consent')) > 0 ? true : undefined));
    expect((await drc.get('/api/alerts')).body.alerts.filter((a) => a.kind === 'deemed_consent')).toEqual([]);
  });
});
