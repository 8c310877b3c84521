import { Client } from 'pg';
import type { CardEntry } from '@hub/shared';
import {
  connected,
  connectSocket,
  createTestDatabase,
  eventually,
  HubClient,
  loadPeople,
  REGISTRATION,
  startTestHub,
  type HubSocket,
  type TestHub,
} from './test-hub';

/** A board as the client keeps it (applyCardEntry's rule): the next position applies, a later one asks `sync` for the gap. */
class Board {
  readonly applied: number[] = [];
  position: number;
  private syncing = false;

  constructor(
    readonly socket: HubSocket,
    readonly start: number,
  ) {
    this.position = start;
    socket.on('card:entry', (entry: CardEntry) => this.receive(entry));
  }

  private receive(entry: CardEntry): void {
    if (entry.position <= this.position) return;
    if (entry.position > this.position + 1) return void this.sync();
    this.applied.push(entry.position);
    this.position = entry.position;
  }

  private async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      for (let more = true; more;) more = (await this.socket.emitWithAck('sync', { after: this.position })).more;
    } finally {
      this.syncing = false;
    }
  }
}

describe('card stream under concurrent changes (real PostgreSQL, two instances)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hubs: TestHub[];
  let sql: Client;
  const sockets: HubSocket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    hubs = [await startTestHub(db.url), await startTestHub(db.url)];
    await loadPeople(hubs[0]!);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await sql.end();
    for (const hub of hubs) await hub.close();
    await db.drop();
  });

  /** A board that starts from the snapshot GET /api/board answers now, and follows the stream from its position. */
  async function board(hub: TestHub, leader: HubClient): Promise<Board> {
    const socket = connectSocket(hub.url, leader.cookie);
    sockets.push(socket);
    await connected(socket);
    return new Board(socket, (await leader.get('/api/board')).body.position);
  }

  it('R25: changes committing at once on two instances get positions 1..N, gapless, each visible only with every one before it; every board sees them all in order, once; every card verifies (R5)', async () => {
    const windows = await Promise.all(hubs.map((h) => HubClient.login(h.url, 'window')));
    const leaders = await Promise.all(hubs.map((h) => HubClient.login(h.url, 'leader')));
    const departments = (await windows[0]!.get('/api/departments')).body;
    const boards = [await board(hubs[0]!, leaders[0]!), await board(hubs[1]!, leaders[1]!)];

    // "If I've seen N, every entry up to N is committed": no snapshot may see a position before one of its predecessors.
    let writing = true;
    let snapshots = 0;
    const holes: { max: number; count: number }[] = [];
    const watcher = (async () => {
      while (writing) {
        const { rows } = await sql.query('SELECT COALESCE(MAX(position), 0)::int AS max, count(*)::int AS count FROM card_entries');
        if (rows[0].max !== rows[0].count) holes.push(rows[0]);
        snapshots++;
      }
    })();

    // Writers on both instances: each registers projects and admits them (two entries on one card, from two transactions).
    const projects: string[] = [];
    const writers = Array.from({ length: 8 }, async (_, w) => {
      const at = w % 2;
      for (let n = 0; n < 4; n++) {
        const registered = await windows[at]!.post('/api/projects', { ...REGISTRATION, name: `并发项目 ${w}-${n}` });
        expect(registered.status).toBe(201);
        projects.push(registered.body.id);
        const admitted = await leaders[1 - at]!.post(`/api/projects/${registered.body.id}/admission`, {
          leadDepartmentId: departments[w % departments.length]!.id,
          participatingDepartmentIds: [],
        });
        expect(admitted.status).toBe(200);
      }
    });
    // Boards that join mid-way start from whatever snapshot they get.
    const joiners = (async () => {
      for (let j = 0; j < 4; j++) {
        await eventually(async () =>
          (await sql.query('SELECT count(*)::int AS n FROM card_entries')).rows[0].n > 8 * (j + 1) ? true : undefined,
        );
        boards.push(await board(hubs[j % 2]!, leaders[j % 2]!));
      }
    })();
    await Promise.all([...writers, joiners]);
    writing = false;
    await watcher;

    const positions = (await sql.query('SELECT position::int AS p FROM card_entries ORDER BY position')).rows.map((r) => r.p);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(positions).toHaveLength(8 * 4 * 2);
    expect(snapshots).toBeGreaterThan(0);
    expect(holes).toEqual([]);

    const end = positions.at(-1)!;
    await eventually(() => (boards.every((b) => b.position === end) ? true : undefined));
    for (const b of boards) expect(b.applied).toEqual(positions.filter((p) => p > b.start));

    for (const id of projects) {
      const card = (await leaders[0]!.get(`/api/projects/${id}/card`)).body as CardEntry[];
      expect(card.map((e) => [e.action, e.seq])).toEqual([
        ['project.registered', 1],
        ['project.admitted', 2],
      ]);
      expect(card[1]!.position).toBeGreaterThan(card[0]!.position);
      expect((await leaders[0]!.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({ valid: true });
    }
  });
});
