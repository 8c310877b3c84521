import fc from 'fast-check';
import { declaredRoutes } from './declared-routes';
import { admittedProject, withHub, HubClient, REGISTRATION } from './test-hub';

/** Tables whose changes a rejected request may legitimately cause (a failed login is counted; sessions come and go). */
const VOLATILE = new Set(['login_throttle', 'sessions', 'socket_io_attachments', 'migrations']);
/**
 * Work is bounded by runs, not time: 79 routes × 10 runs ≈ 800 requests (was 4,740). Measured on a
 * 2-core machine with a load average of ~22: 58 s; pinned to one core (taskset -c 0) under that load:
 * 170 s. The test's own timeout holds at half that busy machine's speed.
 */
const RUNS_PER_ROUTE = 10;
const FUZZ_TIMEOUT_MS = 240_000;

// R26: text PostgreSQL cannot store as sent (NUL, lone surrogates), hidden among ordinary strings.
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string(), fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud800'), fc.string())
      .map((parts) => parts.join('')),
  },
);
// R11: instants and civil dates in and far outside the calendar's years, and ones that are not dates at all.
const EXTREME_YEARS = ['0001', '1900', '1969', '2024', '2025', '2026', '2099', '2100', '9999', '+275760', '-271821'];
const instant = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(...EXTREME_YEARS).map((y) => `${y}-09-13T00:00:00.000Z`),
  fc.constantFrom('2026-02-30T00:00:00Z', 'infinity', '-infinity', '2026-13-01', ''),
);
const civilDate = fc.oneof(
  fc.constantFrom(...EXTREME_YEARS).map((y) => `${y}-12-31`),
  fc.constantFrom('2026-02-30', '2026-01-01', '2026-03-31', 'today', '0000-00-00'),
);
/** A JSON value nested `depth` deep, as text (JSON.stringify would recurse that deep itself). */
const nested = (depth: number) => '{"a":['.repeat(depth) + '1' + ']}'.repeat(depth);
const OVERSIZE = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024 + 1) }); // over the 5 MB body limit

describe('fuzzing every route with random params, queries and bodies (R26)', () => {
  const hub = withHub();
  const { sql } = hub;
  const clients: HubClient[] = [];
  const knownIds: string[] = [];

  beforeAll(async () => {
    for (const username of ['window', 'leader', 'admin', 'liaison-drc']) clients.push(await HubClient.login(hub.first.url, username));
    clients.push(new HubClient(hub.first.url));
    const { project } = await admittedProject(clients[0]!, clients[1]!, ['DRC', 'NRP']);
    const registered = (await clients[0]!.post('/api/projects', REGISTRATION)).body;
    knownIds.push(project.id, registered.id, ...project.items.map((i) => i.id));
  });

  /** A digest of every table a request could change, so "changes nothing" is checked everywhere. */
  async function fingerprint(): Promise<string> {
    const tables = (await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows
      .map((r) => r.tablename as string)
      .filter((t) => !VOLATILE.has(t));
    const digests = tables.map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x)`);
    return (await sql.query(`SELECT concat_ws(':', ${digests.join(', ')}) AS f`)).rows[0].f;
  }

  // Path parameters: no lone surrogates (a URL cannot carry one; encodeURIComponent refuses).
  const param = () =>
    fc.oneof(
      fc.constantFrom(...knownIds),
      fc.uuid(),
      fc.string(),
      fc.constantFrom('0', '-1', '%00', '\u0000', '..', "' OR 1=1 --", 'a'.repeat(300)),
    );
  const query = fc.dictionary(
    fc.constantFrom('from', 'to', 'workingDays', 'after', 'year', 'quarter', 'x', 'id'),
    fc.oneof(text, fc.integer().map(String), instant, civilDate),
    { maxKeys: 3 },
  );
  // Random JSON, plus near-valid shapes that get past the first checks and reach the services, as text.
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ username: text, password: text }),
    fc.record({ outcome: text, basis: text }),
    fc.record({ leadDepartmentId: fc.uuid(), participatingDepartmentIds: fc.array(fc.uuid(), { maxLength: 3 }) }),
    fc.record({ advanceMs: fc.double() }),
    fc.record({ newDueAt: instant, reason: text }),
    fc.record({ cause: fc.constantFrom('natural_disaster', 'other'), description: text, newDueAt: instant }),
    fc.record({ ruling: fc.constantFrom('accepted', 'rejected'), note: text, newDueAt: instant }),
    fc.record({ startsAt: instant, endsAt: instant, receivedOn: civilDate, from: civilDate, to: civilDate }),
    fc.record({ amount: text, currency: text }).map((totalInvestment) => ({ ...REGISTRATION, totalInvestment })),
    fc
      .record({ name: text, contactName: text })
      .map(({ name, contactName }) => ({ ...REGISTRATION, name, owner: { ...REGISTRATION.owner, contactName } })),
  );
  const body = fc.oneof(
    { weight: 24, arbitrary: value.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.constantFrom(nested(10_000), `{"name":${nested(40)}}`) },
    { weight: 1, arbitrary: fc.constant(OVERSIZE) },
  );

  it(
    'R26: no route answers 5xx and no rejected request changes anything',
    async () => {
      const routes = declaredRoutes(hub.first.app);
      expect(routes.length).toBeGreaterThan(10);
      let unchanged: string | null = null;
      for (const route of routes) {
        const [method, template] = route.split(' ') as [string, string];
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...clients),
            fc.array(param(), { minLength: 3, maxLength: 3 }),
            query,
            body,
            async (client, params, q, b) => {
              let i = 0;
              const path = template.replace(/:\w+/g, () => encodeURIComponent(params[i++]!));
              const search = new URLSearchParams(q).toString();
              // After a rejected request the tables are as they were: that state is the next request's "before".
              const before = unchanged ?? (await fingerprint());
              unchanged = null;
              const reply = await client.sendText(method, search ? `${path}?${search}` : path, method === 'GET' ? undefined : b);
              if (reply.status >= 500) throw new Error(`${route} → ${reply.status} for ${path}?${search} ${b.slice(0, 300)}`);
              if (reply.status >= 400) {
                expect(reply.type).toContain('application/problem+json');
                expect(await fingerprint()).toBe(before);
                unchanged = before;
              }
              if (route === 'POST /api/auth/logout' && reply.status < 300) await client.send('POST', '/api/auth/login', {}); // keeps the cookie jar honest
            },
          ),
          { numRuns: RUNS_PER_ROUTE, seed: 20261126 },
        );
      }
    },
    FUZZ_TIMEOUT_MS,
  );
});
