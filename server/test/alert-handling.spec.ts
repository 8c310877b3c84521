import { Client } from 'pg';
import { buildCalendar, DEFAULT_CALENDAR_SETTINGS, SHIPPED_CALENDAR, warningStartsAt, type AlertInbox, type LeaderInboxProjects } from '@hub/shared';
import { advanceTo, runningProject } from './leaders-fixtures';
import { createTestDatabase, eventually, HubClient, hubWorkDone, loadPeople, startTestHub, type TestHub } from './test-hub';

const cal = buildCalendar(SHIPPED_CALENDAR);

/**
 * The desks (issue 14): what waits for someone leaves their inbox in the very transaction that settles
 * it, and a deemed consent reaches the department's liaisons and every leader, once.
 */
describe('alerts handled with their item; deemed consent alerted (R14 R14a R16 R17, real PostgreSQL, two instances)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;
  let first: TestHub;
  let second: TestHub;
  let window: HubClient;
  let leader: HubClient;
  let admin: HubClient;
  let drc: HubClient;
  let nrp: HubClient;
  let items: Awaited<ReturnType<typeof runningProject>>['items'];
  let projectId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    await loadPeople(first);
    window = await HubClient.login(first.url, 'window');
    leader = await HubClient.login(second.url, 'leader');
    admin = await HubClient.login(first.url, 'admin');
    drc = await HubClient.login(first.url, 'liaison-drc');
    nrp = await HubClient.login(second.url, 'liaison-nrp');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    let project: { id: string };
    ({ items, project } = await runningProject(window, leader, ['DRC', 'NRP', 'EEB'], '待办处理项目'));
    projectId = project.id;
    const opens = warningStartsAt(new Date(items['DRC']!.dueAt), cal, DEFAULT_CALENDAR_SETTINGS, new Date(items['DRC']!.acceptedAt));
    await advanceTo(admin, opens, 1000);
    await eventually(async () => ((await sql.query('SELECT count(*)::int AS n FROM item_warnings')).rows[0].n === 3 ? true : undefined));
  });
  afterAll(async () => {
    await sql.end();
    await first?.close();
    await second?.close();
    await db.drop();
  });

  const open = async (itemId: string, kind: string) =>
    (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE item_id = $1 AND kind = $2 AND handled_at IS NULL`, [itemId, kind])).rows[0].n as number;

  it('R14a R2: a refused decision settles nothing; the department\'s own decision marks its warnings handled in the same transaction', async () => {
    const drcItem = items['DRC']!;
    expect(await open(drcItem.id, 'deadline_warning')).toBe(3); // its liaison and both window users
    expect((await nrp.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' })).status).toBe(403);
    expect(await open(drcItem.id, 'deadline_warning')).toBe(3);
    const decided = await drc.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' });
    expect(decided.status).toBe(200);
    // Same transaction: the stamp is the decision's own instant (the hub clock of that transaction).
    const rows = (await sql.query(`SELECT a.handled_at = i.decided_at AS same FROM alerts a JOIN approval_items i ON i.id = a.item_id WHERE a.item_id = $1`, [drcItem.id])).rows;
    expect(rows).toEqual([{ same: true }, { same: true }, { same: true }]);
    const inbox = (await drc.get<AlertInbox>('/api/alerts')).body;
    expect(inbox.alerts.find((a) => a.itemId === drcItem.id)?.handledAt).toBe(decided.body.decidedAt);
  });

  it('R16 R2: a leader\'s ruling marks the explanation\'s alerts handled for every leader; the leaders\' inbox query holds the project until then', async () => {
    const nrpItem = items['NRP']!;
    const filed = await nrp.post(`/api/items/${nrpItem.id}/explanations`, { text: '等待上级批复' });
    expect(filed.status).toBe(201);
    const waiting = async () => (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE explanation_id = $1 AND handled_at IS NULL`, [filed.body.id])).rows[0].n as number;
    const leaders = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'leader'`)).rows[0].n as number;
    expect(await waiting()).toBe(leaders);
    // Issue 14: the inbox reads the projects concerned, not the whole board; leaders only (R2).
    const inboxProjects = async () => (await leader.get<LeaderInboxProjects>('/api/alerts/leader-projects')).body;
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

  it('R14: a timeout settles the item\'s early warnings, across two instances', async () => {
    const eebItem = items['EEB']!;
    await advanceTo(admin, new Date(eebItem.dueAt), 1000);
    await eventually(async () => ((await sql.query('SELECT status FROM approval_items WHERE id = $1', [eebItem.id])).rows[0].status === 'deemed_consent' ? true : undefined));
    await hubWorkDone(first, second);
    expect(await open(eebItem.id, 'deadline_warning')).toBe(0);
  });
});
