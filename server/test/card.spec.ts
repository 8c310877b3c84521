import { Client } from 'pg';
import { admittedProject, createTestDatabase, HubClient, loadPeople, startTestHub, type TestHub, acceptItem } from './test-hub';

describe('tracking card: append-only hash chain (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;
  let window: HubClient;
  let leader: HubClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    window = await HubClient.login(hub.url, 'window');
    leader = await HubClient.login(hub.url, 'leader');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await hub.close();
    await db.drop();
  });

  async function projectWithSteps() {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']);
    for (const item of project.items) await acceptItem(window, item.id);
    return project.id as string;
  }

  it('R5: every step is on the card with who, when, what, and the state before and after', async () => {
    const id = await projectWithSteps();
    const card = (await leader.get(`/api/projects/${id}/card`)).body;
    // R8: each item's main material is listed and received before it is accepted.
    const steps = ['material.required', 'material.received', 'item.accepted'];
    expect(card.map((e: { action: string }) => e.action)).toEqual(['project.registered', 'project.admitted', ...steps, ...steps]);
    expect(card.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(card[1]).toMatchObject({ actor: { role: 'leader', displayName: '王主任' }, before: { kind: 'project', project: { status: 'registered' } }, after: { kind: 'project', project: { status: 'in_channel' } } });
    expect(card[4]).toMatchObject({ before: { item: { status: 'awaiting_acceptance' } }, after: { item: { status: 'in_review' } } });
    const positions = card.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('R5: an untouched card verifies', async () => {
    const id = await projectWithSteps();
    const verification = (await leader.get(`/api/projects/${id}/card/verification`)).body;
    // 2 project steps, then per item: material listed, received, accepted (R8).
    expect(verification).toMatchObject({ valid: true, entries: 8 });
    expect(verification.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R5: the database refuses UPDATE and DELETE of card entries', async () => {
    const id = await projectWithSteps();
    await expect(sql.query(`UPDATE card_entries SET action = 'item.approved' WHERE project_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM card_entries WHERE project_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('R5: verification fails after a row is altered directly in SQL, naming the entry', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query(`UPDATE card_entries SET detail = '{"sealNumber":"forged"}' WHERE project_id = $1 AND seq = 2`, [id]);
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    const verification = (await leader.get(`/api/projects/${id}/card/verification`)).body;
    expect(verification).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('R5: verification fails when two entries are swapped (reordered)', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    // (project_id, seq) is unique, so swap through a free number.
    for (const [from, to] of [[3, 1000], [4, 3], [1000, 4]]) {
      await sql.query(`UPDATE card_entries SET seq = $3 WHERE project_id = $1 AND seq = $2`, [id, from, to]);
    }
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('R5: verification fails when an entry is deleted from the middle', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query(`DELETE FROM card_entries WHERE project_id = $1 AND seq = 3`, [id]);
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({ valid: false, brokenAt: 3 });
  });
});

describe('tracking card checkpoints: signed heads kept outside the hub (R5)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;
  let window: HubClient;
  let leader: HubClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    window = await HubClient.login(hub.url, 'window');
    leader = await HubClient.login(hub.url, 'leader');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await hub.close();
    await db.drop();
  });

  const verify = async (checkpoint: unknown) => (await leader.post('/api/card/checkpoint/verification', checkpoint)).body;

  it('R5: a fresh checkpoint verifies, and later entries do not disturb it', async () => {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    expect(checkpoint.heads).toContainEqual({ projectId: project.id, seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await acceptItem(window, project.items[0].id);
    expect(await verify(checkpoint)).toEqual({ signatureValid: true, valid: true, problems: [] });
  });

  it('R5: a truncated tail — the newest entries deleted in SQL — is detected against a kept checkpoint', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    await acceptItem(window, project.items[0].id);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query('DELETE FROM card_entries WHERE project_id = $1 AND seq >= 3', [project.id]); // the material steps and the acceptance: the whole tail
    await sql.query('DELETE FROM card_entries WHERE position = (SELECT MAX(position) FROM card_entries)');
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    // The chain that is left still verifies on its own: only the checkpoint shows what is gone.
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body.valid).toBe(true);
    const result = await verify(checkpoint);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual({ projectId: project.id, problem: 'truncated' });
  });

  it('R5: an altered checkpoint fails its signature', async () => {
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    checkpoint.heads[0].seq += 1;
    expect(await verify(checkpoint)).toMatchObject({ signatureValid: false, valid: false });
  });
});
