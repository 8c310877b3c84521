import fc from 'fast-check';
import { Client } from 'pg';
import { declaredRoutes } from './declared-routes';
import { admittedProject, createTestDatabase, HubClient, loadPeople, REGISTRATION, startTestHub, type TestHub } from './test-hub';

/** Tables whose changes a rejected request may legitimately cause (a failed login is counted; sessions come and go). */
const VOLATILE = new Set(['login_throttle', 'sessions', 'socket_io_attachments', 'migrations']);
const RUNS_PER_ROUTE_AND_ROLE = 12;

describe('fuzzing every route with random params, queries and bodies (R26)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;
  const clients: HubClient[] = [];
  const knownIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    for (const username of ['window', 'leader', 'admin', 'liaison-drc']) clients.push(await HubClient.login(hub.url, username));
    clients.push(new HubClient(hub.url));
    const { project } = await admittedProject(clients[0]!, clients[1]!, ['DRC', 'NRP']);
    const registered = (await clients[0]!.post('/api/projects', REGISTRATION)).body;
    knownIds.push(project.id, registered.id, ...project.items.map((i: { id: string }) => i.id));
  });
  afterAll(async () => {
    await sql.end();
    await hub.close();
    await db.drop();
  });

  /** A digest of every table a request could change, so "changes nothing" is checked everywhere. */
  async function fingerprint(): Promise<string> {
    const tables = (await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows
      .map((r) => r.tablename as string)
      .filter((t) => !VOLATILE.has(t));
    const digests = tables.map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x)`);
    return (await sql.query(`SELECT concat_ws(':', ${digests.join(', ')}) AS f`)).rows[0].f;
  }

  const param = () => fc.oneof(fc.constantFrom(...knownIds), fc.uuid(), fc.string(), fc.constantFrom('0', '-1', '%00', '..', "' OR 1=1 --", 'a'.repeat(300)));
  const query = fc.dictionary(fc.constantFrom('from', 'workingDays', 'after', 'x', 'id'), fc.oneof(fc.string(), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), { maxKeys: 3 });
  // Random JSON, plus near-valid shapes that get past the first checks and reach the services.
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ outcome: fc.string(), basis: fc.string() }),
    fc.record({ leadDepartmentId: fc.uuid(), participatingDepartmentIds: fc.array(fc.uuid(), { maxLength: 3 }) }),
    fc.record({ advanceMs: fc.double() }),
    fc.record({ amount: fc.string(), currency: fc.string() }).map((totalInvestment) => ({ ...REGISTRATION, totalInvestment })),
  );

  it('R26: no route answers 5xx and no rejected request changes anything', async () => {
    const routes = declaredRoutes(hub.app);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...clients), fc.array(param(), { minLength: 3, maxLength: 3 }), query, body, async (client, params, q, b) => {
          let i = 0;
          const path = template.replace(/:\w+/g, () => encodeURIComponent(params[i++]!));
          const search = new URLSearchParams(q).toString();
          const before = await fingerprint();
          const reply = await client.send(method, search ? `${path}?${search}` : path, method === 'GET' ? undefined : b);
          if (reply.status >= 500) throw new Error(`${route} → ${reply.status} for ${path}?${search} ${JSON.stringify(b)}`);
          if (reply.status >= 400) expect(await fingerprint()).toBe(before);
          if (route === 'POST /api/auth/logout' && reply.status < 300) await client.post('/api/auth/login', {}); // keeps the cookie jar honest
        }),
        { numRuns: RUNS_PER_ROUTE_AND_ROLE * clients.length, seed: 20261126 },
      );
    }
    // Every route is fuzzed in this one test: its budget grows with the routes (and holds at half speed).
  }, 240_000);
});
