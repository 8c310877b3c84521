import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { Client } from 'pg';
import {
  addWorkingDays,
  BOARD_STATUS_FILTERS,
  BOARD_URGENCY,
  boardStatus,
  civilDateOf,
  zonedInstant,
  type BoardProject,
  type BoardQuery,
  type BoardRows,
} from '@hub/shared';
import { CalendarService } from '../src/calendar/calendar.service';
import { acceptItem, admittedProject, eventually, withHub, HubClient, REGISTRATION, fieldErrors } from './test-hub';

const PROJECTS = 300;
const CATEGORIES = ['national_key', 'provincial_key', 'city_key', 'free_agency', 'leader_directed'];
const HOUR = 3_600_000;

/**
 * PROJECTS generated projects straight into the tables (as the bench and e2e seed them): every
 * tenth only registered, the rest with three departments each, in every state the board colours,
 * some held by a deadline explanation and some with the ruling overdue (R16).
 */
async function generate(sql: Client): Promise<void> {
  const departments = (await sql.query<{ id: string }>('SELECT id FROM departments ORDER BY code')).rows.map((r) => r.id);
  const projects = Array.from({ length: PROJECTS }, (_, i) => {
    const n = i + 1;
    const admitted = n % 10 !== 0;
    return {
      n,
      code: `GEN-${String(n).padStart(4, '0')}`,
      name: `生成项目${n}号`,
      owner: {
        name: `生成公司${n}`,
        legalRepresentative: '法人',
        contactName: `联系人${n}`,
        contactPhone: `1380000${String(n).padStart(4, '0')}`,
      },
      category: CATEGORIES[n % 5],
      mega: n % 17 === 0,
      status: admitted ? 'in_channel' : 'registered',
      lead: admitted ? departments[n % departments.length] : null,
    };
  });
  await sql.query(
    `INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency, report_to_higher, mega, status,
       registered_at, registered_by, seal_number, sealed_by, sealed_at, lead_department_id)
     SELECT x.code, x.name, x.owner, x.category, '{}', 1, 'CNY', false, x.mega, x.status, hub_now() - x.n * interval '1 minute', w.id,
       CASE WHEN x.status = 'in_channel' THEN 'S-' || x.code END, CASE WHEN x.status = 'in_channel' THEN w.id END,
       CASE WHEN x.status = 'in_channel' THEN hub_now() END, x.lead
     FROM jsonb_to_recordset($1::jsonb) AS x(n int, code text, name text, owner jsonb, category text, mega boolean, status text, lead uuid),
       (SELECT id FROM users WHERE username = 'window') w`,
    [JSON.stringify(projects)],
  );
  const items = projects
    .filter((p) => p.lead)
    .flatMap((p) =>
      [0, 1, 2].map((j) => {
        const kind = (p.n * 3 + j) % 8;
        const dueMs = [
          null,
          15 * 60_000 + (p.n % 40) * HOUR,
          20 * 60_000 + ((p.n * 7 + j) % 400) * HOUR,
          -24 * HOUR,
          -48 * HOUR,
          -3 * HOUR,
          48 * HOUR,
          30 * 60_000 + (j * 5 + (p.n % 3)) * 24 * HOUR,
        ][kind];
        const status = kind === 0 ? 'awaiting_acceptance' : kind === 3 ? 'deemed_consent' : kind === 4 ? 'approved' : 'in_review';
        const explanationRulingMs = kind === 5 ? 24 * HOUR : kind === 6 ? -HOUR : null;
        return { code: p.code, department: departments[(p.n + j) % departments.length], lead: j === 0, status, dueMs, explanationRulingMs };
      }),
    );
  await sql.query(
    `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(code text, department uuid, lead boolean, status text, "dueMs" bigint, "explanationRulingMs" bigint)),
     i AS (
       INSERT INTO approval_items (project_id, department_id, is_lead, status, accepted_at, due_at, deadline_version)
       SELECT p.id, x.department, x.lead, x.status, CASE WHEN x.status <> 'awaiting_acceptance' THEN hub_now() - interval '3 days' END,
         date_trunc('second', hub_now()) + x."dueMs" * interval '1 millisecond', CASE WHEN x.status = 'awaiting_acceptance' THEN 0 ELSE 1 END
       FROM x JOIN projects p ON p.code = x.code
       RETURNING id, project_id, department_id)
     INSERT INTO written_explanations (item_id, text, filed_by, filed_at, status, kind, ruling_due_at)
     SELECT i.id, '说明', (SELECT id FROM users WHERE username = 'window'), hub_now() - interval '1 day', 'pending', 'deadline',
       hub_now() + x."explanationRulingMs" * interval '1 millisecond'
     FROM i JOIN projects p ON p.id = i.project_id JOIN x ON x.code = p.code AND x.department = i.department_id
     WHERE x."explanationRulingMs" IS NOT NULL`,
    [JSON.stringify(items)],
  );
}

const path = (query: BoardQuery) =>
  `/api/board/rows?${new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  )}` as const;

describe('board query: the board at thousands of projects, filtered, sorted and paged by the server (issue 12, R25)', () => {
  const hub = withHub({ people: { leader: 'leader', liaison: 'liaison-drc' } });
  const { sql } = hub;
  const { leader, liaison } = hub.people;
  let departments: { id: string; code: string }[];

  beforeAll(async () => {
    // The generated deadlines count from the hub's now: at 10:00 of a working day some fall due
    // today, whatever the hour the suite runs (at 23:50 in the hub's time zone none would).
    const { calendar, settings } = await hub.first.app.get(CalendarService).current();
    const tomorrow = addWorkingDays(civilDateOf(await hub.now(), settings.timeZone), 1, calendar);
    await hub.advanceTo(zonedInstant(tomorrow, '10:00', settings.timeZone));
    await generate(sql);
    await hub.quiesce(); // early warnings and escalations of the generated items settle first
    departments = (await leader.get('/api/departments')).body;
  }, 120_000);

  /** The oracle: the whole board, coloured by the shared boardStatus at the answer's own instant. */
  async function oracle(rows: BoardRows, query: BoardQuery): Promise<{ ids: string[]; counts: BoardRows['counts'] }> {
    const whole = (await leader.get('/api/board')).body;
    expect(whole.position).toBe(rows.position);
    const { calendar, settings } = await hub.first.app.get(CalendarService).current();
    const now = new Date(rows.asOf);
    const considered = (p: BoardProject, department = query.department) =>
      p.items.filter((i) => !department || i.departmentId === department);
    const colours = (p: BoardProject, department?: string) => considered(p, department).map((i) => boardStatus(i, now, calendar, settings));
    const q = query.q?.toLowerCase();
    const owners = new Map((await sql.query('SELECT id, owner FROM projects')).rows.map((r) => [r.id, r.owner]));
    const base = whole.projects.filter((p) => {
      const owner = owners.get(p.id);
      const text = [p.code, p.name, owner.name, owner.contactName, owner.contactPhone].map((t) => String(t ?? '').toLowerCase());
      return (
        (!q || text.some((t) => t.includes(q))) &&
        (!query.category || p.category === query.category) &&
        (!query.lead || p.leadDepartmentId === query.lead)
      );
    });
    const inDepartment = (p: BoardProject) => !query.department || p.items.some((i) => i.departmentId === query.department);
    const shown = base.filter((p) => inDepartment(p) && (!query.status || colours(p).includes(query.status)));
    // A project not yet admitted (no items) waits like an item awaiting acceptance.
    const rank = (p: BoardProject) =>
      Math.min(...(colours(p).length ? colours(p) : ['awaiting_acceptance' as const]).map((c) => BOARD_URGENCY.indexOf(c)));
    const nextDue = (p: BoardProject) =>
      Math.min(
        ...considered(p)
          .filter((i) => i.status === 'in_review' && i.dueAt)
          .map((i) => Date.parse(i.dueAt!)),
      );
    const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0); // Infinity (no running item) last
    const byCode = (a: BoardProject, b: BoardProject) => cmp(a.code, b.code);
    const sort = query.sort ?? 'urgency';
    const ordered = [...shown].sort((a, b) =>
      sort === 'urgency'
        ? rank(a) - rank(b) || cmp(nextDue(a), nextDue(b)) || byCode(a, b)
        : sort === 'due'
          ? cmp(nextDue(a), nextDue(b)) || byCode(a, b)
          : byCode(a, b),
    );
    const byStatus = Object.fromEntries(
      BOARD_STATUS_FILTERS.map((s) => [s, base.filter((p) => inDepartment(p) && colours(p).includes(s)).length]),
    ) as BoardRows['counts']['byStatus'];
    const byDepartment: Record<string, number> = {};
    for (const d of departments) {
      const n = base.filter((p) =>
        p.items.some((i) => i.departmentId === d.id && (!query.status || colours(p, d.id).includes(query.status))),
      ).length;
      if (n > 0) byDepartment[d.id] = n;
    }
    return {
      ids: ordered.map((p) => p.id),
      counts: { total: shown.length, inChannel: shown.filter((p) => p.status === 'in_channel').length, byStatus, byDepartment },
    };
  }

  /**
   * Every page of a query, in order, all at one stream position. The hub's own sweeps may move the
   * stream meanwhile (an early warning falling due while the test runs): then page again.
   */
  async function allPages(query: BoardQuery, limit: number): Promise<{ first: BoardRows; ids: string[] }> {
    for (let attempt = 1; ; attempt++) {
      const first = (await leader.get(path({ ...query, limit }))).body;
      const ids = first.projects.map((p) => p.id);
      let moved = false;
      for (let offset = limit; offset < first.counts.total && !moved; offset += limit) {
        const page = (await leader.get(path({ ...query, offset, limit }))).body;
        moved = page.position !== first.position;
        ids.push(...page.projects.map((p) => p.id));
      }
      if (!moved) return { first, ids };
      if (attempt === 3) throw new Error(`the stream kept moving while paging ${JSON.stringify(query)}`);
    }
  }

  it('R25: the first read of the board warms the page rows of every project in the background; the metrics say how many are kept', async () => {
    expect((await leader.get(path({ limit: 1 }))).status).toBe(200);
    // A mega project's row is read with its paperwork in a transaction, when first asked for.
    const plain = Number((await sql.query('SELECT count(*) AS n FROM projects WHERE NOT mega')).rows[0].n);
    const kept = await eventually(async () => {
      const text = await (await fetch(`${hub.first.url}/metrics`)).text();
      const n = Number(/^hub_board_rows_kept (\d+)$/m.exec(text)?.[1]);
      return n === plain ? n : undefined;
    });
    expect(kept).toBe(PROJECTS - Math.floor(PROJECTS / 17));
  });

  it('R14 R14a R16 R25: each status filter, alone and within a department, gives the projects and counts the shared board colours give', async () => {
    const drc = departments.find((d) => d.code === 'DRC')!.id;
    const queries: BoardQuery[] = [
      {},
      { department: drc },
      ...BOARD_STATUS_FILTERS.map((status) => ({ status })),
      ...BOARD_STATUS_FILTERS.map((status) => ({ status, department: drc })),
    ];
    let seen = 0;
    for (const query of queries) {
      const { first, ids } = await allPages(query, 200);
      const expected = await oracle(first, query);
      expect([query, first.counts]).toEqual([query, expected.counts]);
      expect([query, ids]).toEqual([query, expected.ids]);
      seen += ids.length;
    }
    // The generated data gives every filter something to find.
    for (const status of BOARD_STATUS_FILTERS.filter((s) => s !== 'overdue')) {
      expect([status, (await leader.get(path({ status, limit: 0 }))).body.counts.total]).not.toEqual([status, 0]);
    }
    expect(seen).toBeGreaterThan(PROJECTS);
  });

  it('R25: search finds a project by code, name, owner, contact or phone; LIKE wildcards are plain text', async () => {
    for (const q of ['GEN-0042', '生成项目42号', '生成公司42', '联系人42', '13800000042', 'gen-0042']) {
      const rows = (await leader.get(path({ q }))).body;
      expect([q, rows.projects.map((p) => p.code)]).toEqual([q, ['GEN-0042']]);
    }
    const several = (await leader.get(path({ q: '生成公司4' }))).body;
    expect(several.projects.map((p) => p.id)).toEqual((await oracle(several, { q: '生成公司4' })).ids);
    expect((await leader.get(path({ q: '%' }))).body.counts.total).toBe(0);
    expect((await leader.get(path({ q: 'GEN_004' }))).body.counts.total).toBe(0);
  });

  it('R25: category, lead department and sorts (urgency by default, due, code) page through every project once', async () => {
    const nrp = departments.find((d) => d.code === 'NRP')!.id;
    for (const query of [
      { category: 'city_key' },
      { lead: nrp },
      { sort: 'due', department: nrp },
      { sort: 'code' },
      { sort: 'urgency', status: 'due_soon' },
    ] as BoardQuery[]) {
      const { first, ids } = await allPages(query, 37);
      expect(new Set(ids).size).toBe(ids.length);
      expect([query, ids]).toEqual([query, (await oracle(first, query)).ids]);
    }
  });

  it('R25: a slim row carries only what the board draws, and the first page of 2,000 would stay small', async () => {
    const rows = (await leader.get(path({ limit: 50 }))).body;
    expect(rows.projects).toHaveLength(50);
    const project = rows.projects.find((p) => p.items.length > 0)!;
    expect(Object.keys(project).sort()).toEqual([
      'category',
      'code',
      'id',
      'items',
      'leadDepartmentId',
      'life',
      'mega',
      'name',
      'nationalCode',
      'registeredAt',
      'status',
    ]);
    expect(Object.keys(project.items[0]!).sort()).toEqual([
      'deemedCause',
      'departmentId',
      'dueAt',
      'id',
      'isLead',
      'noticeNumber',
      'opposed',
      'paused',
      'pendingExplanation',
      'projectId',
      'provisional',
      'status',
    ]);
  });

  /** `full` (a whole-board project) cut to the fields `like` (its slim row) has, at every depth. */
  function slimmed(full: unknown, like: unknown): unknown {
    if (Array.isArray(like) && Array.isArray(full)) return full.map((f, n) => slimmed(f, like[n]));
    if (!like || typeof like !== 'object' || !full || typeof full !== 'object') return full;
    return Object.fromEntries(Object.entries(like).map(([k, v]) => [k, slimmed((full as Record<string, unknown>)[k], v)]));
  }

  /** A raw GET: the bytes as sent, and the headers. */
  function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  }

  it('R25: compressed (br) with an ETag; the same ETag answers 304 until a card entry moves the stream', async () => {
    const url = hub.first.url + path({ limit: 50 });
    const first = await raw(url, { cookie: leader.cookie, 'accept-encoding': 'gzip, br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    const json = brotliDecompressSync(first.body);
    expect(first.body.length).toBeLessThan(json.length / 4);
    const etag = String(first.headers['etag']);
    const again = await raw(url, { cookie: leader.cookie, 'if-none-match': etag });
    expect([again.status, again.body.length, again.headers['etag']]).toEqual([304, 0, etag]);

    const window = await hub.login('window');
    expect((await window.post('/api/projects', REGISTRATION)).status).toBe(201);
    const changed = await raw(url, { cookie: leader.cookie, 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(changed.status).toBe(200);
    expect(changed.headers['content-encoding']).toBe('gzip');
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('R14 R25: changes after the board was read reach its rows and counts as the shared colours give (the changed projects read again)', async () => {
    const drc = departments.find((d) => d.code === 'DRC')!.id;
    const check = async (query: BoardQuery) => {
      const { first, ids } = await allPages(query, 200);
      const expected = await oracle(first, query);
      expect([query, first.counts, ids]).toEqual([query, expected.counts, expected.ids]);
      return first;
    };
    const before = await check({ department: drc });
    const window = await hub.login('window');
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP'], '变更后项目');
    const waiting = await check({ department: drc, status: 'awaiting_acceptance' });
    expect(waiting.position).toBeGreaterThan(before.position);
    expect(waiting.projects.map((p) => p.id)).toContain(project.id);
    const item = project.items.find((i) => i.departmentId === drc)!;
    expect((await acceptItem(window, item.id)).status).toBe(200);
    const accepted = await check({ department: drc });
    expect(accepted.counts.byStatus.awaiting_acceptance).toBe(waiting.counts.total - 1);
    expect((await check({ q: '变更后项目' })).projects.map((p) => p.items.find((i) => i.departmentId === drc)?.status)).toEqual([
      'in_review',
    ]);
  });

  it('R5 R25: rows kept from an earlier read are read again once their project changes: every row is what the whole board gives', async () => {
    const query = { sort: 'code', limit: 200 } as const;
    const before = (await leader.get(path(query))).body;
    const waiting = before.projects.flatMap((p) => p.items).find((i) => i.status === 'awaiting_acceptance')!;
    const window = await hub.login('window');
    expect((await acceptItem(window, waiting.id)).status).toBe(200);
    await admittedProject(window, leader, ['DRC', 'NRP'], 'GEN-0000 新登记');
    for (let attempt = 1; ; attempt++) {
      const rows = (await leader.get(path(query))).body;
      const whole = (await leader.get('/api/board')).body;
      if (whole.position !== rows.position && attempt < 3) continue;
      expect(rows.position).toBe(whole.position);
      expect(rows.position).toBeGreaterThan(before.position);
      const byId = new Map(whole.projects.map((p) => [p.id, p]));
      for (const row of rows.projects) expect(slimmed(byId.get(row.id), row)).toEqual(row);
      expect(rows.projects.flatMap((p) => p.items).find((i) => i.id === waiting.id)?.status).toBe('in_review');
      expect(rows.projects.map((p) => p.name)).toContain('GEN-0000 新登记');
      return;
    }
  });

  it('R2: every staff role reads the board as before (a liaison the whole of it); anonymous is refused; bad filters are refused naming the field', async () => {
    const asLeader = (await leader.get(path({ sort: 'code', limit: 200 }))).body;
    const asLiaison = (await liaison.get(path({ sort: 'code', limit: 200 }))).body;
    expect(asLiaison.projects.map((p) => p.id)).toEqual(asLeader.projects.map((p) => p.id));
    expect((await new HubClient(hub.first.url).get(path({}))).status).toBe(401);
    const before = (await leader.get('/api/board/head')).body.position;
    for (const [field, value] of [
      ['status', 'green'],
      ['department', 'DRC'],
      ['limit', '500'],
      ['offset', '-1'],
      ['sort', 'name'],
      ['category', 'x'],
      ['q', 'x'.repeat(101)],
    ]) {
      const refused = await liaison.get(`/api/board/rows?${field}=${encodeURIComponent(value!)}`);
      expect([field, refused.status, refused.type]).toEqual([field, 400, 'application/problem+json; charset=utf-8']);
      expect(fieldErrors(refused)).toEqual([expect.objectContaining({ field })]);
    }
    expect((await leader.get('/api/board/head')).body.position).toBe(before);
  });
});
