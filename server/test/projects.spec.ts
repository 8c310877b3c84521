import { createTestDatabase, HubClient, loadPeople, REGISTRATION, startTestHub, type TestHub } from './test-hub';

describe('projects: intake and admission through the API (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let window: HubClient;
  let leader: HubClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    window = await HubClient.login(hub.url, 'window');
    leader = await HubClient.login(hub.url, 'leader');
  });
  afterAll(async () => {
    await hub.close();
    await db.drop();
  });

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
    expect(card.body.map((e: { action: string }) => e.action)).toEqual(['project.registered']);
  });

  it('R6: a project over 100,000,000 USD is flagged as a mega project', async () => {
    const reply = await window.post('/api/projects', { ...REGISTRATION, totalInvestment: { amount: '100000000.01', currency: 'USD' }, reportToHigherAuthority: true });
    expect(reply.status).toBe(201);
    expect(reply.body.mega).toBe(true);
  });

  it('R26: bad input gets a problem+json naming each field at fault and changes nothing', async () => {
    const before = await leader.get('/api/board');
    const reply = await window.post('/api/projects', {
      ...REGISTRATION,
      category: 'pet_project',
      owner: { ...REGISTRATION.owner, contactPhone: 'call me' },
      totalInvestment: { amount: '-5', currency: 'EUR' },
      surprise: true,
    });
    expect(reply.status).toBe(400);
    const fields = reply.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['category', 'owner.contactPhone', 'totalInvestment.amount', 'totalInvestment.currency', 'surprise']));
    expect((await leader.get('/api/board')).body.position).toBe(before.body.position);
  });

  it('R4: a leader admits the project: seal record, lead and participants, one item per department', async () => {
    const departments = (await leader.get('/api/departments')).body as { id: string; code: string }[];
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
    expect(reply.body.items.map((i: { departmentId: string; isLead: boolean; status: string }) => [i.departmentId, i.isLead, i.status])).toEqual([
      [lead!.id, true, 'awaiting_acceptance'],
      ...[a!.id, b!.id].sort((x, y) => codeOf(departments, x).localeCompare(codeOf(departments, y))).map((id) => [id, false, 'awaiting_acceptance']),
    ]);

    const again = await leader.post(`/api/projects/${registered.id}/admission`, { leadDepartmentId: lead!.id, participatingDepartmentIds: [] });
    expect(again.status).toBe(409);
  });

  it('R4: the lead department cannot also be listed as participating, and unknown departments are refused', async () => {
    const departments = (await leader.get('/api/departments')).body as { id: string }[];
    const registered = (await window.post('/api/projects', REGISTRATION)).body;
    const overlap = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: departments[0]!.id,
      participatingDepartmentIds: [departments[0]!.id],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors[0].field).toBe('participatingDepartmentIds');
    const unknown = await leader.post(`/api/projects/${registered.id}/admission`, {
      leadDepartmentId: '00000000-0000-4000-8000-000000000000',
      participatingDepartmentIds: [],
    });
    expect(unknown.status).toBe(400);
    expect((await leader.get(`/api/projects/${registered.id}`)).body.status).toBe('registered');
  });
});

const codeOf = (departments: { id: string; code: string }[], id: string) => departments.find((d) => d.id === id)!.code;
