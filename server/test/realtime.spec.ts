import type { CardEntry } from '@hub/shared';
import { LiveEvents } from '../src/events/live-events';
import {
  admittedProject,
  connected,
  connectSocket,
  createTestDatabase,
  withHub,
  eventually,
  HubClient,
  loadPeople,
  startTestHub,
  type HubSocket,
  type TestHub,
  acceptItem,
} from './test-hub';

describe('live updates: card:entry pushes and sync replay (real Socket.IO, two instances)', () => {
  const hub = withHub({ instances: 2, people: { window: 'window', leader: ['leader', 1] } });
  const { window, leader } = hub.people;
  const sockets: HubSocket[] = [];

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
  });

  function watch(url: string, cookie: string) {
    const socket = connectSocket(url, cookie);
    sockets.push(socket);
    const received: CardEntry[] = [];
    socket.on('card:entry', (entry) => received.push(entry));
    return { socket, received };
  }

  it('R25: a board on one instance receives card entries made through another, with positions in order', async () => {
    const { socket, received } = watch(hub.second.url, leader.cookie);
    await connected(socket);
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']); // written through the first instance
    await eventually(() => (received.length >= 2 ? true : undefined));
    expect(received.map((e) => e.action)).toEqual(['project.registered', 'project.admitted']);
    expect(received[1]!.after).toMatchObject({ kind: 'project', project: { id: project.id, status: 'in_channel' } });
    expect(received[1]!.position).toBe(received[0]!.position + 1);
  });

  it('R25: a board that was offline replays what it missed with sync, in order, nothing twice', async () => {
    const offline = watch(hub.second.url, leader.cookie);
    await connected(offline.socket);
    const snapshot = (await leader.get('/api/board')).body;
    offline.socket.disconnect();

    const { project } = await admittedProject(window, leader, ['EEB', 'HUD']);
    for (const item of project.items) await acceptItem(window, item.id);
    const head = (await leader.get('/api/board')).body.position;

    const back = watch(hub.first.url, leader.cookie);
    await connected(back.socket);
    const ack = await back.socket.emitWithAck('sync', { after: snapshot.position });
    expect(ack).toEqual({ upTo: head, more: false });
    const positions = back.received.map((e) => e.position).filter((p) => p <= head);
    expect(positions).toEqual(Array.from({ length: head - snapshot.position }, (_, i) => snapshot.position + 1 + i));
    expect(back.received.filter((e) => e.projectId === project.id).map((e) => e.action)).toEqual([
      'project.registered',
      'project.admitted',
      // R8: each item's main material is listed and received before it is accepted.
      'material.required',
      'material.received',
      'item.accepted',
      'material.required',
      'material.received',
      'item.accepted',
    ]);
  });

  it('R25: the board snapshot follows every change: a new position shows the new state', async () => {
    const before = (await leader.get('/api/board')).body;
    const again = (await window.get('/api/board')).body;
    expect(again.position).toBe(before.position);
    const { project } = await admittedProject(window, leader, ['NRP']);
    const after = (await leader.get('/api/board')).body;
    expect(after.position).toBe(before.position + 2);
    expect(after.projects.find((p) => p.id === project.id)).toMatchObject({ status: 'in_channel' });
    expect(before.projects.find((p) => p.id === project.id)).toBeUndefined();
  });

  it('R25: sync with a malformed position replays nothing', async () => {
    const { socket, received } = watch(hub.first.url, leader.cookie);
    await connected(socket);
    expect(await socket.emitWithAck('sync', { after: 'zero' as unknown as number })).toEqual({ upTo: 0, more: false });
    expect(received).toEqual([]);
  });

  it('R2: the Socket.IO handshake refuses a missing or forged session and a foreign Origin', async () => {
    await expect(connected(connectSocket(hub.first.url, ''))).rejects.toThrow(/unauthorized/);
    await expect(connected(connectSocket(hub.first.url, 'hub_session=forged-token'))).rejects.toThrow(/unauthorized/);
    await expect(connected(connectSocket(hub.first.url, leader.cookie, { origin: 'https://evil.example' }))).rejects.toThrow(/origin/);
  });
});

describe('live updates across instances: payload sizes around the adapter threshold (R25)', () => {
  const hub = withHub({ instances: 2 });

  it('R25: entries of 7,999, 8,000 and 8,001 bytes (NOTIFY inline vs attachment) and 64 KiB cross instances intact and in order', async () => {
    const leader = await hub.login('leader', 1);
    const socket = connectSocket(hub.second.url, leader.cookie);
    const received: CardEntry[] = [];
    socket.on('card:entry', (e) => received.push(e));
    await connected(socket);

    // Sizes of the whole adapter message vary with its envelope, so sweep across the 8,000-byte threshold.
    const sizes = [7_999, 8_000, 8_001, ...Array.from({ length: 81 }, (_, i) => 7_900 + i * 5), 65_536];
    const live = hub.first.app.get(LiveEvents);
    for (const [i, size] of sizes.entries()) live.publish(syntheticEntry(i + 1, size));
    await eventually(() => (received.length === sizes.length ? true : undefined));
    expect(received.map((e) => e.position)).toEqual(sizes.map((_, i) => i + 1));
    expect(received.map((e) => Buffer.byteLength(JSON.stringify(e)))).toEqual(sizes);
    socket.disconnect();
  });
});

/** A card entry whose JSON is exactly `bytes` long (payload only travels; nothing is stored). */
function syntheticEntry(position: number, bytes: number): CardEntry {
  const entry: CardEntry = {
    position,
    projectId: '00000000-0000-4000-8000-000000000000',
    seq: position,
    at: new Date(0).toISOString(),
    actor: null,
    action: 'item.rejected',
    before: null,
    after: {
      kind: 'project',
      project: {
        id: 'p',
        code: 'GC',
        name: 'x',
        category: 'city_key',
        mega: false,
        status: 'registered',
        registeredAt: new Date(0).toISOString(),
        leadDepartmentId: null,
        items: [],
      },
    },
    detail: { basis: '' },
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
  entry.detail['basis'] = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(entry)));
  return entry;
}

// CI provides Redis (HUB_TEST_REDIS_URL); a machine with only Node has none, and the PostgreSQL fan-out above covers it.
const redisUrl = process.env['HUB_TEST_REDIS_URL'];
if (redisUrl) {
  describe('live updates across instances through Redis (R25)', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let hubs: TestHub[];

    beforeAll(async () => {
      db = await createTestDatabase();
      hubs = await Promise.all([startTestHub(db.url, { redisUrl }), startTestHub(db.url, { redisUrl })]);
      await loadPeople(hubs[0]!);
    });
    afterAll(async () => {
      await Promise.all(hubs.map((h) => h.close()));
      await db.drop();
    });

    it('R25: with REDIS_URL set, a board on one instance receives entries made through another', async () => {
      const leader = await HubClient.login(hubs[1]!.url, 'leader');
      const window = await HubClient.login(hubs[0]!.url, 'window');
      const socket = connectSocket(hubs[1]!.url, leader.cookie);
      const received: CardEntry[] = [];
      socket.on('card:entry', (e) => received.push(e));
      await connected(socket);
      await admittedProject(window, leader, ['DRC']);
      await eventually(() => (received.length >= 2 ? true : undefined));
      expect(received.map((e) => e.action)).toEqual(['project.registered', 'project.admitted']);
      socket.disconnect();
    });
  });
}
