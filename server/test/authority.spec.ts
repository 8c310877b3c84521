import { declaredRoutes } from './declared-routes';
import { admittedProject, createTestDatabase, HubClient, loadPeople, REGISTRATION, startTestHub, type TestHub } from './test-hub';

type Who = 'anonymous' | 'admin' | 'leader' | 'window' | 'liaison-own' | 'liaison-other';
const EVERYONE: Who[] = ['anonymous', 'admin', 'leader', 'window', 'liaison-own', 'liaison-other'];
const STAFF: Who[] = ['admin', 'leader', 'window', 'liaison-own', 'liaison-other'];

interface Fixture {
  projectId: string;
  /** A fresh item of department DRC ("own" for liaison-own), awaiting acceptance or in review. */
  item(status: 'awaiting_acceptance' | 'in_review'): Promise<string>;
  registeredProject(): Promise<string>;
}

interface RouteCase {
  route: string; // METHOD /path as the router declares it
  allowed: Who[];
  /** Sent from a fresh session of the same person, for routes that change the session itself. */
  ownSession?: true;
  request(f: Fixture): Promise<{ path: string; body?: unknown }>;
}

/** R1/R2: who may call what. Each route the router declares must appear here (checked below). */
const MATRIX: RouteCase[] = [
  { route: 'POST /api/auth/login', allowed: EVERYONE, ownSession: true, request: async () => ({ path: '/api/auth/login', body: { username: 'window', password: 'test-password' } }) },
  { route: 'POST /api/auth/logout', allowed: EVERYONE, ownSession: true, request: async () => ({ path: '/api/auth/logout' }) },
  { route: 'GET /api/auth/me', allowed: STAFF, request: async () => ({ path: '/api/auth/me' }) },
  { route: 'GET /health', allowed: EVERYONE, request: async () => ({ path: '/health' }) },
  { route: 'GET /api/departments', allowed: STAFF, request: async () => ({ path: '/api/departments' }) },
  { route: 'GET /api/calendar', allowed: STAFF, request: async () => ({ path: '/api/calendar' }) },
  { route: 'GET /api/calendar/deadline', allowed: STAFF, request: async () => ({ path: '/api/calendar/deadline?from=2026-02-13T01:00:00Z&workingDays=3' }) },
  { route: 'GET /api/board', allowed: STAFF, request: async () => ({ path: '/api/board' }) },
  { route: 'POST /api/projects', allowed: ['window'], request: async () => ({ path: '/api/projects', body: REGISTRATION }) },
  { route: 'GET /api/projects/:id', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}` }) },
  { route: 'GET /api/projects/:id/card', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}/card` }) },
  { route: 'GET /api/projects/:id/card/verification', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}/card/verification` }) },
  {
    route: 'POST /api/projects/:id/admission',
    allowed: ['leader'],
    request: async (f) => ({ path: `/api/projects/${await f.registeredProject()}/admission`, body: { leadDepartmentId: DRC_ID.value, participatingDepartmentIds: [] } }),
  },
  { route: 'POST /api/items/:id/acceptance', allowed: ['window', 'liaison-own'], request: async (f) => ({ path: `/api/items/${await f.item('awaiting_acceptance')}/acceptance` }) },
  { route: 'POST /api/items/:id/decision', allowed: ['liaison-own'], request: async (f) => ({ path: `/api/items/${await f.item('in_review')}/decision`, body: { outcome: 'approved' } }) },
  { route: 'POST /api/test/clock', allowed: ['admin'], request: async () => ({ path: '/api/test/clock', body: { advanceMs: 1 } }) },
];
const DRC_ID = { value: '' };

describe('authority matrix: every route × every role × own/other department (R1, R2)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  const clients = {} as Record<Who, HubClient>;
  const USERNAMES: Record<Exclude<Who, 'anonymous'>, string> = { admin: 'admin', leader: 'leader', window: 'window', 'liaison-own': 'liaison-drc', 'liaison-other': 'liaison-nrp' };
  const sessionOf = (who: Who) => (who === 'anonymous' ? new HubClient(hub.url) : HubClient.login(hub.url, USERNAMES[who]));
  let fixture: Fixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    for (const who of EVERYONE) clients[who] = await sessionOf(who);
    const { project, departmentId } = await admittedProject(clients.window, clients.leader, ['DRC']);
    DRC_ID.value = departmentId('DRC');
    fixture = {
      projectId: project.id,
      registeredProject: async () => (await clients.window.post('/api/projects', REGISTRATION)).body.id,
      item: async (status) => {
        const { project: p } = await admittedProject(clients.window, clients.leader, ['DRC']);
        const id = p.items[0].id;
        if (status === 'in_review') await clients.window.post(`/api/items/${id}/acceptance`);
        return id;
      },
    };
  });
  afterAll(async () => {
    await hub.close();
    await db.drop();
  });

  it('R2: the matrix covers every route the router declares', () => {
    expect(declaredRoutes(hub.app)).toEqual(MATRIX.map((c) => c.route).sort());
  });

  for (const routeCase of MATRIX) {
    for (const who of EVERYONE) {
      const allowed = routeCase.allowed.includes(who);
      it(`R2: ${routeCase.route} as ${who} → ${allowed ? 'allowed' : 'refused, nothing changes'}`, async () => {
        const { path, body } = await routeCase.request(fixture);
        const method = routeCase.route.split(' ')[0]!;
        const positionBefore = (await clients.leader.get('/api/board')).body.position;
        const client = routeCase.ownSession ? await sessionOf(who) : clients[who];
        const reply = await client.send(method, path, body);
        if (allowed) {
          expect(reply.status).toBeLessThan(300);
        } else {
          expect(reply.status).toBe(who === 'anonymous' ? 401 : 403);
          expect(reply.body).toMatchObject({ status: reply.status });
          expect((await clients.leader.get('/api/board')).body.position).toBe(positionBefore);
        }
      });
    }
  }
});
