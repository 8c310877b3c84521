import { Client } from 'pg';
import { isProblemCode, type ProjectView } from '@hub/shared';
import { ProblemFilter } from '../src/common/problem.filter';
import { acceptItem, admittedProject, withHub, fieldErrors, HubClient, problem, REGISTRATION, type Reply } from './test-hub';

/** Every table's rows, so "changes nothing" is checked everywhere (sessions and the login throttle may move). */
async function snapshot(sql: Client): Promise<string> {
  const tables = (
    await sql.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('sessions', 'login_throttle', 'socket_io_attachments') ORDER BY 1`,
    )
  ).rows;
  const parts = await Promise.all(
    tables.map(
      async ({ tablename }) =>
        (await sql.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${tablename} x`)).rows[0]
          .h as string,
    ),
  );
  return parts.join(':');
}

describe('bad input anywhere gets a clear 4xx naming the field and changes nothing (R26)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader' } });
  const { sql } = hub;
  const { window, leader } = hub.people;
  let itemId: string;
  let project: ProjectView;

  beforeAll(async () => {
    const liaison = await hub.login('liaison-drc');
    project = (await admittedProject(window, leader, ['DRC'])).project;
    itemId = project.items[0]!.id;
    const accepted = await acceptItem(window, itemId, liaison);
    expect(accepted.status).toBeLessThan(300);
  });

  /** Refused with `status`, naming `field` (with `code` when given); every problem carries a catalogued code (issue 14). */
  async function refusedNamingField(send: () => Promise<Reply<unknown>>, status: number, field?: string, code?: string) {
    const before = await snapshot(sql);
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.type).toContain('application/problem+json');
    const body = problem(reply);
    expect(isProblemCode(body.code)).toBe(true);
    for (const error of body.errors ?? []) expect(isProblemCode(error.code)).toBe(true);
    if (field) expect(fieldErrors(reply)).toEqual(expect.arrayContaining([expect.objectContaining({ field, ...(code ? { code } : {}) })]));
    expect(await snapshot(sql)).toBe(before);
    return { ...reply, body };
  }

  describe('issue 14: a stable code per problem and per field, the English detail kept', () => {
    it('a bad phone is phone.invalid, the code the browser checks with', async () => {
      const owner = { ...REGISTRATION.owner, contactPhone: 'call me' };
      const reply = await refusedNamingField(
        () => window.post('/api/projects', { ...REGISTRATION, owner }),
        400,
        'owner.contactPhone',
        'phone.invalid',
      );
      expect(reply.body).toMatchObject({ code: 'phone.invalid', detail: expect.any(String) });
      expect(reply.body.errors).toEqual([
        { field: 'owner.contactPhone', code: 'phone.invalid', message: 'contactPhone must be a phone number' },
      ]);
    });

    it.each([
      ['0', 'amount.not_positive'],
      ['12.345', 'amount.invalid'],
      ['1'.repeat(22), 'amount.out_of_range'],
    ])('R6: the amount %s is refused as %s, one code for the field', async (amount, code) => {
      const reply = await refusedNamingField(
        () => window.post('/api/projects', { ...REGISTRATION, totalInvestment: { amount, currency: 'CNY' } }),
        400,
        'totalInvestment.amount',
        code,
      );
      expect(reply.body.errors).toHaveLength(1);
    });

    it('several fields at fault: the problem is request.invalid, each field keeps its own code', async () => {
      const owner = { ...REGISTRATION.owner, name: '', contactPhone: 'x' };
      const reply = await refusedNamingField(() => window.send('POST', '/api/projects', { ...REGISTRATION, owner, extra: 1 }), 400);
      expect(reply.body.code).toBe('request.invalid');
      expect(reply.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'owner.name', code: 'field.required' }),
          expect.objectContaining({ field: 'owner.contactPhone', code: 'phone.invalid' }),
          expect.objectContaining({ field: 'extra', code: 'field.unknown' }),
        ]),
      );
    });

    it('R10: accepting an item already accepted is 409 item.not_pending', async () => {
      const reply = await refusedNamingField(() => window.post(`/api/items/${itemId}/acceptance`), 409);
      expect(reply.body).toMatchObject({ code: 'item.not_pending', detail: expect.stringContaining('accept') });
    });

    it('R4a: a malformed national code names the rule and national_code.invalid', async () => {
      const reply = await refusedNamingField(
        () => window.post('/api/projects', { ...REGISTRATION, nationalCode: '2024-33' }),
        400,
        'nationalCode',
        'national_code.invalid',
      );
      expect(reply.body).toMatchObject({ rule: 'R4a', code: 'national_code.invalid' });
    });

    it('R26 and the statuses: unreadable text, an unknown route, a forbidden step each have their code', async () => {
      const owner = { ...REGISTRATION.owner, contactName: '赵\u0000敏' };
      await refusedNamingField(
        () => window.post('/api/projects', { ...REGISTRATION, owner }),
        400,
        'owner.contactName',
        'field.unreadable',
      );
      expect(problem(await window.send('GET', '/api/no-such-thing')).code).toBe('request.not_found');
      const admit = { leadDepartmentId: project.leadDepartmentId!, participatingDepartmentIds: [] };
      expect(problem(await window.post(`/api/projects/${project.id}/admission`, admit))).toMatchObject({
        status: 403,
        code: 'request.forbidden',
      });
    });
  });

  it('R26: a NUL byte in the unauthenticated login is refused naming the field', async () => {
    await refusedNamingField(
      () => new HubClient(hub.first.url).post('/api/auth/login', { username: 'win\u0000dow', password: 'x' }),
      400,
      'username',
    );
  });

  it('R26: a NUL byte deep in a body or in a key is refused naming the path', async () => {
    const owner = { ...REGISTRATION.owner, contactName: '赵\u0000敏' };
    await refusedNamingField(() => window.post('/api/projects', { ...REGISTRATION, owner }), 400, 'owner.contactName');
    await refusedNamingField(() => window.send('POST', '/api/projects', { ...REGISTRATION, ['na\u0000me']: 1 }), 400, 'na\\u0000me');
    await refusedNamingField(() => window.send('POST', '/api/projects', { ...REGISTRATION, tags: ['ok', '\u0000'] }), 400, 'tags.1');
  });

  it('R26: a NUL byte in a query or path parameter is refused naming it', async () => {
    await refusedNamingField(() => leader.get('/api/accountability?from=2026-01-01%00&to=2026-03-31'), 400, 'from');
    await refusedNamingField(() => leader.get(`/api/projects/${itemId}%00/explanations`), 400, 'id');
  });

  it('R26: a lone surrogate (not Unicode) is refused naming the field', async () => {
    await refusedNamingField(
      () => window.sendText('POST', '/api/projects', JSON.stringify({ ...REGISTRATION }).replace('"name":"', '"name":"\\ud800')),
      400,
      'name',
    );
    await refusedNamingField(
      () => new HubClient(hub.first.url).sendText('POST', '/api/auth/login', '{"username":"\\udc00","password":"x"}'),
      400,
      'username',
    );
  });

  it('R26: JSON nested 10,000 deep is refused before validation, with the depth limit', async () => {
    const deep = '{"owner":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    await refusedNamingField(() => window.sendText('POST', '/api/projects', deep), 400);
    await refusedNamingField(
      () => new HubClient(hub.first.url).sendText('POST', '/api/auth/login', '['.repeat(10_000) + ']'.repeat(10_000)),
      400,
    );
  });

  it('R26: a body over the limit is 413 problem+json; malformed JSON is 400 problem+json', async () => {
    await refusedNamingField(() => window.sendText('POST', '/api/projects', JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) })), 413);
    await refusedNamingField(() => window.sendText('POST', '/api/projects', '{"name": '), 400);
  });

  it.each(['0001-01-01T00:00:00Z', '1900-06-01T00:00:00Z', '2100-03-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
    'R11: a deadline explained from %s (outside the calendar) is refused naming the field, not a 500',
    async (from) => {
      await refusedNamingField(() => leader.get(`/api/calendar/deadline?from=${encodeURIComponent(from)}&workingDays=3`), 400, 'from');
    },
  );

  it.each([
    ['0001-01-01', '2026-03-31', 'from'],
    ['2026-01-01', '9999-12-31', 'to'],
    ['1900-01-01', '1900-12-31', 'from'],
  ])('R11: a period %s – %s outside the calendar is refused naming %s (accountability, statistics)', async (from, to, field) => {
    await refusedNamingField(() => leader.get(`/api/accountability?from=${from}&to=${to}`), 400, field);
    await refusedNamingField(() => leader.get(`/api/inquiries/statistics?from=${from}&to=${to}`), 400, field);
  });

  it.each(['2100-01-05T16:00:00.000Z', '9999-12-31T16:00:00.000Z', '0001-01-01T00:00:00.000Z'])(
    'R26: a due instant %s beyond the calendar is refused naming newDueAt',
    async (newDueAt) => {
      await refusedNamingField(() => leader.post(`/api/items/${itemId}/extension`, { newDueAt, reason: '材料复杂' }), 400, 'newDueAt');
      await refusedNamingField(
        () => window.post(`/api/items/${itemId}/delay`, { cause: 'natural_disaster', description: '台风', newDueAt }),
        400,
        'newDueAt',
      );
    },
  );
});

describe('PostgreSQL data exceptions that still reach the database (R26)', () => {
  it.each([
    ['22008 datetime out of range', `SELECT '300000-01-01'::timestamptz`],
    ['22021 invalid byte sequence', `SELECT convert_from('\\x00'::bytea, 'UTF8')`],
    ['22P02 invalid text representation', `SELECT 'x'::uuid`],
  ])('R26: %s becomes 400 problem+json, never 500', async (_name, query) => {
    const sql = new Client({ connectionString: process.env['DATABASE_URL'] });
    await sql.connect();
    const error = await sql.query(query).then(
      () => null,
      (e: unknown) => e,
    );
    await sql.end();
    expect(error).toBeInstanceOf(Error);
    let sent: { status: number; type: string; body: string } = { status: 0, type: '', body: '' };
    const res = {
      status: (status: number) => ({ type: (type: string) => ({ send: (body: string) => (sent = { status, type, body }) }) }),
    };
    new ProblemFilter().catch(error, {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/api/x' }), getResponse: () => res }),
    } as never);
    expect(sent.status).toBe(400);
    expect(sent.type).toBe('application/problem+json');
    expect(JSON.parse(sent.body)).toMatchObject({ status: 400, title: 'Invalid request', instance: '/api/x' });
  });
});
