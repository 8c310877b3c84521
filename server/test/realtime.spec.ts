import type { CardEntry } from '@hub/shared';
import { admittedProject, connected, connectSocket, createTestDatabase, eventually, HubClient, loadPeople, startTestHub, type HubSocket, type TestHub } from './test-hub';

describe('live updates: card:entry pushes and sync replay (real Socket.IO, two instances)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  let window: HubClient;
  let leader: HubClient;
  const sockets: HubSocket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    await loadPeople(first);
    window = await HubClient.login(first.url, 'window');
    leader = await HubClient.login(second.url, 'leader');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await first.close();
    await second.close();
    await db.drop();
  });

  function watch(url: string, cookie: string) {
    const socket = connectSocket(url, cookie);
    sockets.push(socket);
    const received: CardEntry[] = [];
    socket.on('card:entry', (entry) => received.push(entry));
    return { socket, received };
  }

  it('R25: a board on one instance receives card entries made through another, with positions in order', async () => {
    const { socket, received } = watch(second.url, leader.cookie);
    await connected(socket);
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']); // written through the first instance
    await eventually(() => (received.length >= 2 ? true : undefined));
    expect(received.map((e) => e.action)).toEqual(['project.registered', 'project.admitted']);
    expect(received[1]!.after).toMatchObject({ kind: 'project', project: { id: project.id, status: 'in_channel' } });
    expect(received[1]!.position).toBe(received[0]!.position + 1);
  });

  it('R25: a board that was offline replays what it missed with sync, in order, nothing twice', async () => {
    const offline = watch(second.url, leader.cookie);
    await connected(offline.socket);
    const snapshot = (await leader.get('/api/board')).body;
    offline.socket.disconnect();

    const { project } = await admittedProject(window, leader, ['EEB', 'HUD']);
    for (const item of project.items) await window.post(`/api/items/${item.id}/acceptance`);
    const head = (await leader.get('/api/board')).body.position;

    const back = watch(first.url, leader.cookie);
    await connected(back.socket);
    const ack = await back.socket.emitWithAck('sync', { after: snapshot.position });
    expect(ack).toEqual({ upTo: head, more: false });
    const positions = back.received.map((e) => e.position).filter((p) => p <= head);
    expect(positions).toEqual(Array.from({ length: head - snapshot.position }, (_, i) => snapshot.position + 1 + i));
    expect(back.received.filter((e) => e.projectId === project.id).map((e) => e.action)).toEqual([
      'project.registered',
      'project.admitted',
      'item.accepted',
      'item.accepted',
    ]);
  });

  it('R25: sync with a malformed position replays nothing', async () => {
    const { socket, received } = watch(first.url, leader.cookie);
    await connected(socket);
    expect(await socket.emitWithAck('sync', { after: 'zero' as unknown as number })).toEqual({ upTo: 0, more: false });
    expect(received).toEqual([]);
  });

  it('R2: the Socket.IO handshake refuses a missing or forged session and a foreign Origin', async () => {
    await expect(connected(connectSocket(first.url, ''))).rejects.toThrow(/unauthorized/);
    await expect(connected(connectSocket(first.url, 'hub_session=forged-token'))).rejects.toThrow(/unauthorized/);
    await expect(connected(connectSocket(first.url, leader.cookie, { origin: 'https://evil.example' }))).rejects.toThrow(/origin/);
  });
});
