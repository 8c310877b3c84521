import { Client } from 'pg';
import { withHub, HubClient, REGISTRATION, type Reply, fieldErrors } from './test-hub';

describe('projects: intake and admission through the API (real PostgreSQL)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader' } });
  const { window, leader } = hub.people;

  it('R3: the window registers a key project with category, preconditions and investment', async () => {
    const reply = await window.post('/api/projects', REGISTRATION);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      code: expect.stringMatching(/^GC-\d{4}-\d{4}$/),
      status: 'registered',
      category: 'provincial_key',
      preconditions: REGISTRATION.preconditions,
      totalInvestment: { amount: '860000000.00', currency: 'CNY' },
      mega: false,
      seal: null,
      items: [],
    });
    const card = await window.get(`/api/projects/${reply.body.id}/card`);
    expect(card.body.map((e) => e.action)).toEqual(['project.registered']);
  });

  describe('registrations arriving together (group commit, issue 12)', () => {
    const number = (code: string) => Number(code.slice(-4));
    type Registration = typeof REGISTRATION;
    const registerAtOnce = (bodies: Registration[]) => Promise.all(bodies.map((body) => window.post('/api/projects', body)));
    const named = (n: number): Registration[] => Array.from({ length: n }, (_, k) => ({ ...REGISTRATION, name: `同批项目 ${k}` }));

    it('R3/R17/R25: gapless project codes in the order of their card entries, one entry each, each answered with its own view', async () => {
      const replies = await registerAtOnce(named(24));
      expect(replies.map((r) => r.status)).toEqual(Array(24).fill(201));
      const ids = replies.map((r) => r.body.id as string);
      const entries = await hub.sql.query<{ project_id: string; code: string; registered_at: Date }>(
        `SELECT e.project_id, p.code, p.registered_at FROM card_entries e JOIN projects p ON p.id = e.project_id
         WHERE e.project_id = ANY($1) ORDER BY e.position`,
        [ids],
      );
      expect(entries.rows).toHaveLength(24);
      const codes = entries.rows.map((e) => number(e.code));
      expect(codes).toEqual(codes.map((_, n) => codes[0]! + n));
      // They did share commits: fewer transactions (instants) than registrations.
      expect(new Set(entries.rows.map((e) => e.registered_at.getTime())).size).toBeLessThan(24);
      for (const reply of replies) {
        expect((await window.get(`/api/projects/${reply.body.id}`)).body).toEqual(reply.body);
        expect(reply.body.name).toBe(`同批项目 ${replies.indexOf(reply)}`);
      }
      const board = (await leader.get('/api/board')).body.projects as { id: string }[];
      const card = (await window.get(`/api/projects/${ids[0]}/card`)).body;
      expect(card).toHaveLength(1);
      expect(card[0]!.after).toEqual({ kind: 'project', project: board.find((p) => p.id === ids[0]) });
    });

    it('R4a: among registrations arriving together, a national code already taken refuses only its own (409); the rest keep gapless codes', async () => {
      const taken = '2026-330106-48-01-900001';
      const before = await window.post('/api/projects', { ...REGISTRATION, name: '先登记', nationalCode: taken });
      expect(before.status).toBe(201);
      const bodies = named(6);
      bodies[3] = { ...bodies[3]!, nationalCode: taken };
      const replies = await registerAtOnce(bodies);
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 409, 201, 201]);
      expect(replies[3]!.body).toMatchObject({ rule: 'R4a', code: 'national_code.taken' });
      const codes = replies
        .filter((r) => r.status === 201)
        .map((r) => number(r.body.code))
        .sort((a, b) => a - b);
      expect(codes).toEqual([1, 2, 3, 4, 5].map((n) => number(before.body.code) + n));
    });
  });

  it('R6: a project over 100,000,000 USD is flagged as a mega project', async () => {
    const reply = await window.post('/api/projects', {
      ...REGISTRATION,
      totalInvestment: { amount: '100000000.01', currency: 'USD' },
      reportToHigherAuthority: true,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.mega).toBe(true);
  });

  it('R26: bad input gets a problem+json naming each field at fault and changes nothing', async () => {
    const before = await leader.get('/api/board');
    const reply = await window.send('POST', '/api/projects', {
      ...REGISTRATION,
      category: 'pet_project',
      owner: { ...REGISTRATION.owner, contactPhone: 'call me' },
      totalInvestment: { amount: '-5', currency: 'EUR' },
      surprise: true,
    });
    expect(reply.status).toBe(400);
    const fields = fieldErrors(reply).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['category', 'owner.contactPhone', 'totalInvestment.amount', 'totalInvestment.currency', 'surprise']),
    );
    expect((await leader.get('/api/board')).body.position).toBe(before.body.position);
  });

  it('R4: a leader admits the project: seal record, lead and participants, one item per department', async () => {
    const departments = (await leader.get('/api/departments')).body;
    const [lead, a, b] = departments;
    const registered = (await window.post('/api/projects', REGISTRATION)).body;
    const reply = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: lead!.id,
      participatingDepartmentIds: [a!.id, b!.id],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('in_channel');
    expect(reply.body.seal).toMatchObject({ number: expect.stringMatching(/^绿通〔\d{4}〕\d+号$/), sealedBy: { displayName: '王主任' } });
    expect(reply.body.leadDepartmentId).toBe(lead!.id);
    expect(reply.body.items.map((i) => [i.departmentId, i.isLead, i.status])).toEqual([
      [lead!.id, true, 'awaiting_acceptance'],
      ...[a!.id, b!.id]
        .sort((x, y) => codeOf(departments, x).localeCompare(codeOf(departments, y)))
        .map((id) => [id, false, 'awaiting_acceptance']),
    ]);

    const again = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: lead!.id,
      participatingDepartmentIds: [],
    });
    expect(again.status).toBe(409);
  });

  it('R4: the lead department cannot also be listed as participating, and unknown departments are refused', async () => {
    const departments = (await leader.get('/api/departments')).body;
    const registered = (await window.post('/api/projects', REGISTRATION)).body;
    const overlap = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: departments[0]!.id,
      participatingDepartmentIds: [departments[0]!.id],
    });
    expect(overlap.status).toBe(400);
    expect(fieldErrors(overlap)[0]!.field).toBe('participatingDepartmentIds');
    const unknown = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: '00000000-0000-4000-8000-000000000000',
      participatingDepartmentIds: [],
    });
    expect(unknown.status).toBe(400);
    expect((await leader.get(`/api/projects/${registered.id}`)).body.status).toBe('registered');
  });

  describe('R3 Decision: preconditions, override and refusal', () => {
    const UNMET = { ...REGISTRATION, preconditions: { environmentalCompliance: true, feesAndTaxesPaid: false, safetyAndStability: true } };
    let departmentIds: string[];
    beforeAll(async () => {
      departmentIds = (await leader.get('/api/departments')).body.map((d) => d.id);
    });
    const admission = (overrideReason?: string) => ({
      leadDepartmentId: departmentIds[0],
      participatingDepartmentIds: [departmentIds[1]],
      ...(overrideReason === undefined ? {} : { overrideReason }),
    });

    /** What a refusal must leave unchanged: the project row, its items and its card. */
    async function snapshot(projectId: string) {
      const sql = new Client({ connectionString: hub.databaseUrl });
      await sql.connect();
      try {
        const project = (await sql.query('SELECT * FROM projects WHERE id = $1', [projectId])).rows[0];
        const items = (await sql.query('SELECT count(*)::int AS n FROM approval_items WHERE project_id = $1', [projectId])).rows[0].n;
        const card = (await sql.query('SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1', [projectId])).rows[0].n;
        return { project, items, card };
      } finally {
        await sql.end();
      }
    }

    async function expectRefused(reply: Reply<unknown>, status: number, field: string) {
      expect(reply.status).toBe(status);
      expect(reply.body).toMatchObject({ rule: 'R3', errors: [{ field }] });
    }

    it("R3: a project with a precondition not met is not admitted without a leader's reason, and nothing changes", async () => {
      const registered = (await window.post('/api/projects', UNMET)).body;
      const before = await snapshot(registered.id);
      for (const overrideReason of [undefined, '', '   ']) {
        const reply = await leader.post(`/api/projects/${registered.id}/admission`, admission(overrideReason));
        await expectRefused(reply, 400, 'overrideReason');
        expect(reply.type).toContain('application/problem+json');
      }
      expect(await snapshot(registered.id)).toEqual(before);
    });

    it("R3: a leader's override with a reason admits it; the reason is on the project and the card (特事特办)", async () => {
      const registered = (await window.post('/api/projects', UNMET)).body;
      const reply = await leader.post(`/api/projects/${registered.id}/admission`, admission('  市政府批示特事特办，费税分期缴纳  '));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        status: 'in_channel',
        admissionOverrideReason: '市政府批示特事特办，费税分期缴纳',
        admissionRefusal: null,
      });
      const card = (await leader.get(`/api/projects/${registered.id}/card`)).body;
      expect(card.at(-1)).toMatchObject({
        action: 'project.admitted',
        detail: { overrideReason: '市政府批示特事特办，费税分期缴纳', unmetPreconditions: 'feesAndTaxesPaid' },
      });
    });

    it('R3: an override where every precondition is met is refused, and nothing changes', async () => {
      const registered = (await window.post('/api/projects', REGISTRATION)).body;
      const before = await snapshot(registered.id);
      await expectRefused(await leader.post(`/api/projects/${registered.id}/admission`, admission('没有必要')), 400, 'overrideReason');
      expect(await snapshot(registered.id)).toEqual(before);
      const admitted = await leader.post(`/api/projects/${registered.id}/admission`, admission());
      expect(admitted.body).toMatchObject({ status: 'in_channel', admissionOverrideReason: null });
    });

    it('R3: a leader refuses admission with a reason: stored on the project and the card; it can be neither admitted nor refused again', async () => {
      const registered = (await window.post('/api/projects', UNMET)).body;
      const reply = await leader.post(`/api/projects/${registered.id}/admission-refusal`, { reason: '  欠缴税费，未达准入条件 ' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        status: 'registered',
        seal: null,
        items: [],
        admissionRefusal: { reason: '欠缴税费，未达准入条件', refusedAt: expect.any(String), refusedBy: { displayName: '王主任' } },
      });
      const card = (await leader.get(`/api/projects/${registered.id}/card`)).body as {
        action: string;
        detail: unknown;
        actor: { role: string };
      }[];
      expect(card.at(-1)).toMatchObject({
        action: 'project.admission_refused',
        detail: { reason: '欠缴税费，未达准入条件' },
        actor: { role: 'leader' },
      });

      const before = await snapshot(registered.id);
      expect(before.project).toMatchObject({ admission_refusal_reason: '欠缴税费，未达准入条件', admission_refused_at: expect.any(Date) });
      await expectRefused(await leader.post(`/api/projects/${registered.id}/admission`, admission('特事特办')), 409, 'status');
      await expectRefused(await leader.post(`/api/projects/${registered.id}/admission-refusal`, { reason: '再次拒绝' }), 409, 'status');
      expect(await snapshot(registered.id)).toEqual(before);

      // The applicant's page shows it too.
      const { projectCode, accessCode } = (await window.post(`/api/projects/${registered.id}/access-code`)).body;
      const seen = await new HubClient(hub.first.url).post('/api/public/project-status', { projectCode, accessCode });
      expect(seen.body.admissionRefusal).toEqual({ reason: '欠缴税费，未达准入条件', refusedAt: reply.body.admissionRefusal!.refusedAt });
    });

    it('R3: a refusal without a reason is refused, and nothing changes; an admitted project cannot be refused', async () => {
      const registered = (await window.post('/api/projects', UNMET)).body;
      const before = await snapshot(registered.id);
      for (const body of [{}, { reason: '' }, { reason: ' \n ' }, { reason: 'x'.repeat(501) }]) {
        await expectRefused(await leader.send('POST', `/api/projects/${registered.id}/admission-refusal`, body), 400, 'reason');
      }
      expect(await snapshot(registered.id)).toEqual(before);

      const admitted = (await window.post('/api/projects', REGISTRATION)).body;
      await leader.post(`/api/projects/${admitted.id}/admission`, admission());
      const afterAdmission = await snapshot(admitted.id);
      const reply = await leader.post(`/api/projects/${admitted.id}/admission-refusal`, { reason: '迟来的拒绝' });
      expect(reply.status).toBe(409);
      expect(await snapshot(admitted.id)).toEqual(afterAdmission);
    });

    it('R2: only a leader refuses admission (the window gets 403, nothing changes)', async () => {
      const registered = (await window.post('/api/projects', UNMET)).body;
      const before = await snapshot(registered.id);
      expect((await window.post(`/api/projects/${registered.id}/admission-refusal`, { reason: '窗口无权拒绝' })).status).toBe(403);
      expect(await snapshot(registered.id)).toEqual(before);
    });
  });
});

const codeOf = (departments: { id: string; code: string }[], id: string) => departments.find((d) => d.id === id)!.code;
