import type { AlertInbox, AlertView, MeetingView } from '@hub/shared';
import { Client } from 'pg';
import { admittedProject, connected, connectSocket, createTestDatabase, eventually, HubClient, loadPeople, startTestHub, type HubSocket, type TestHub } from './test-hub';

/** R27/R15a on real PostgreSQL with two hub instances: invitations in the inbox. */
describe('notifications: meeting invitations reach the invited liaisons at once (R15a, R27, two instances)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  let sql: Client;
  let window: HubClient;
  let leader: HubClient;
  let nrp: HubClient;
  let eeb: HubClient;
  let socket: HubSocket;
  const pushed: AlertView[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    await loadPeople(first);
    window = await HubClient.login(first.url, 'window');
    leader = await HubClient.login(second.url, 'leader');
    nrp = await HubClient.login(second.url, 'liaison-nrp');
    eeb = await HubClient.login(first.url, 'liaison-eeb');
    socket = connectSocket(second.url, nrp.cookie);
    socket.on('alert:new', (alert) => pushed.push(alert));
    await connected(socket);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    socket?.close();
    await sql?.end();
    await first?.close();
    await second?.close();
    await db?.drop();
  });

  it('R15a R27: convening alerts every liaison of each invited department once, pushed live to the other instance; others get nothing', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP', 'EEB'], '会议邀请项目');
    const hubNow = new Date((await leader.get('/api/board')).body.serverNow);
    const convened = await window.post(`/api/projects/${project.id}/meetings`, {
      kind: 'coordination',
      title: '协调会',
      startsAt: new Date(hubNow.getTime() + 3 * 86_400_000).toISOString(),
      online: true,
      invitedDepartmentIds: [departmentId('DRC'), departmentId('NRP')],
    });
    expect(convened.status).toBe(201);
    const meeting = convened.body as MeetingView;
    await eventually(() => (pushed.length === 1 ? true : undefined));
    expect(pushed[0]).toMatchObject({ kind: 'meeting_invited', meetingId: meeting.id, projectId: project.id, dueAt: meeting.startsAt, readAt: null });
    const inbox = (await nrp.get<AlertInbox>('/api/alerts')).body;
    expect(inbox.alerts.map((a) => [a.kind, a.meetingId])).toEqual([['meeting_invited', meeting.id]]);
    expect((await eeb.get<AlertInbox>('/api/alerts')).body.alerts).toEqual([]);
    const rows = await sql.query(`SELECT u.username FROM alerts a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = $1 ORDER BY u.username`, [meeting.id]);
    expect(rows.rows.map((r) => r.username)).toEqual(['liaison-drc', 'liaison-nrp']);
  });
});
