import type { CardEntry } from '@hub/shared';
import { Client } from 'pg';
import { admittedProject, connected, connectSocket, createTestDatabase, eventually, HubClient, loadPeople, startTestHub, type HubSocket, type TestHub } from './test-hub';

/** Extensions (R12), force-majeure delays (R13) and written explanations (R16) against the engine (R14). */
describe('deadline holds: extension, delay, written explanation (real PostgreSQL, two engines)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  let sql: Client;
  let window: HubClient;
  let leader: HubClient;
  let admin: HubClient;
  let drc: HubClient;
  let nrp: HubClient;
  let board: HubSocket;
  const entries: CardEntry[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestHub(db.url);
    second = await startTestHub(db.url);
    await loadPeople(first);
    window = await HubClient.login(first.url, 'window');
    leader = await HubClient.login(second.url, 'leader');
    admin = await HubClient.login(first.url, 'admin');
    drc = await HubClient.login(first.url, 'liaison-drc');
    nrp = await HubClient.login(second.url, 'liaison-nrp');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    board = connectSocket(second.url, leader.cookie);
    board.on('card:entry', (e) => entries.push(e));
    await connected(board);
  });
  afterAll(async () => {
    board.disconnect();
    await sql.end();
    await first.close();
    await second.close();
    await db.drop();
  });

  const hubNow = async () => new Date((await leader.get('/api/board')).body.serverNow);
  const advanceTo = async (instant: string | Date, plusMs: number) => {
    const by = new Date(instant).getTime() - (await hubNow()).getTime() + plusMs;
    if (by > 0) expect((await admin.post('/api/test/clock', { advanceMs: by })).status).toBe(200);
  };
  const item = async (id: string) => (await sql.query('SELECT status, due_at, deadline_version FROM approval_items WHERE id = $1', [id])).rows[0];
  const settle = () => new Promise((r) => setTimeout(r, 700)); // several sweeps of both engines

  /** One running DRC item. */
  async function running(): Promise<{ id: string; dueAt: string; projectId: string }> {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const accepted = (await window.post(`/api/items/${project.items[0].id}/acceptance`)).body;
    return { id: accepted.id, dueAt: accepted.dueAt, projectId: project.id };
  }
  const plusDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();

  it('R12: only a leader extends, with a reason; the card records before and after; the old due instant fires nothing', async () => {
    const it = await running();
    const newDueAt = plusDays(it.dueAt, 2);
    for (const outsider of [window, drc, nrp]) {
      expect((await outsider.post(`/api/items/${it.id}/extension`, { newDueAt, reason: '技术论证' })).status).toBe(403);
    }
    const noReason = await leader.post(`/api/items/${it.id}/extension`, { newDueAt });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const earlier = await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(it.dueAt, -1), reason: 'x' });
    expect(earlier.body.errors[0].field).toBe('newDueAt');

    const extended = await leader.post(`/api/items/${it.id}/extension`, { newDueAt, reason: '需组织专家论证' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ dueAt: newDueAt, deadlineVersion: 2, status: 'in_review' });
    const entry = await eventually(() => entries.find((e) => e.action === 'item.extended' && e.after.kind === 'item' && e.after.item.id === it.id));
    expect(entry.detail).toMatchObject({ reason: '需组织专家论证', previousDueAt: it.dueAt, dueAt: newDueAt });
    expect(entry.before).toMatchObject({ kind: 'item', item: { dueAt: it.dueAt } });

    await advanceTo(it.dueAt, 1000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review');
    // …and the new due instant fires like any other, exactly once under the new version.
    await advanceTo(newDueAt, 1000);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
    expect((await sql.query('SELECT deadline_version, cause FROM deemed_consents WHERE item_id = $1', [it.id])).rows).toEqual([{ deadline_version: 2, cause: 'timeout' }]);
    // Decided: no extension any more.
    expect((await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(newDueAt, 5), reason: 'x' })).status).toBe(409);
  });

  it('R13: the window records a numbered Delayed Approval Notice; no deemed consent arises from that delay', async () => {
    const it = await running();
    const newDueAt = plusDays(it.dueAt, 3);
    expect((await leader.post(`/api/items/${it.id}/delay`, { cause: 'natural_disaster', description: '台风', newDueAt })).status).toBe(403);
    const bad = await window.post(`/api/items/${it.id}/delay`, { cause: 'bad_luck', description: '', newDueAt });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cause', 'description']);
    const delayed = await window.post(`/api/items/${it.id}/delay`, { cause: 'network_outage', description: '政务外网中断 6 小时', newDueAt });
    expect(delayed.status).toBe(200);
    const entry = await eventually(() => entries.find((e) => e.action === 'item.delayed' && e.after.kind === 'item' && e.after.item.id === it.id));
    expect(entry.detail).toMatchObject({ delayCause: 'network_outage', previousDueAt: it.dueAt, dueAt: newDueAt });
    expect(entry.detail['noticeNumber']).toMatch(/^绿通延时〔\d{4}〕\d+号$/);
    const notice = (await sql.query(`SELECT content FROM notices WHERE kind = 'delayed_approval' AND item_id = $1`, [it.id])).rows;
    expect(notice[0].content).toMatchObject({ title: '延时审批通知书', cause: 'network_outage', newDueAt });

    await advanceTo(it.dueAt, 60_000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review');
    expect((await sql.query('SELECT count(*)::int AS n FROM deadline_changes WHERE item_id = $1 AND kind = $2', [it.id, 'delay'])).rows[0].n).toBe(1);
  });

  it('R16 R17: a pending written explanation holds the timeout; rejected after the deadline, deemed consent applies at once, its notice naming that cause and the due instant', async () => {
    const it = await running();
    expect((await nrp.post(`/api/items/${it.id}/explanations`, { text: 'x' })).status).toBe(403); // R2: not its item
    const filed = await drc.post(`/api/items/${it.id}/explanations`, { text: '等待省厅批复，申请延期' });
    expect(filed.status).toBe(201);
    expect((await drc.post(`/api/items/${it.id}/explanations`, { text: 'again' })).status).toBe(409); // one pending at a time
    const view = (await leader.get(`/api/projects/${it.projectId}`)).body.items[0];
    expect(view.pendingExplanation).toMatchObject({ id: filed.body.id, text: '等待省厅批复，申请延期' });

    await advanceTo(it.dueAt, 5000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review'); // both engines wait for the ruling

    expect((await drc.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'rejected' })).status).toBe(403);
    const ruled = await leader.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'rejected', note: '理由不成立' });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'rejected', note: '理由不成立' });
    const after = await item(it.id);
    expect(after.status).toBe('deemed_consent');
    const rows = (await sql.query('SELECT cause, due_at = $2::timestamptz AS at_due FROM deemed_consents WHERE item_id = $1', [it.id, it.dueAt])).rows;
    expect(rows).toEqual([{ cause: 'explanation_rejected', at_due: true }]);
    const notice = (await sql.query(`SELECT content FROM notices WHERE item_id = $1 AND kind = 'timeout_implied_consent'`, [it.id])).rows[0].content;
    expect(notice).toMatchObject({ cause: 'explanation_rejected', effectiveAt: it.dueAt, explanationFiledAt: filed.body.filedAt });
    expect((await leader.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'accepted' })).status).toBe(409);
  });

  it('R16 R12: accepted, the leader sets the new due instant; the engine then fires at that one', async () => {
    const it = await running();
    const filed = (await drc.post(`/api/items/${it.id}/explanations`, { text: '需补充勘测' })).body;
    await advanceTo(it.dueAt, 5000);
    await settle();
    const noDue = await leader.post(`/api/explanations/${filed.id}/ruling`, { ruling: 'accepted' });
    expect(noDue.status).toBe(400);
    expect(noDue.body.errors[0].field).toBe('newDueAt');
    const newDueAt = plusDays(it.dueAt, 2);
    const accepted = await leader.post(`/api/explanations/${filed.id}/ruling`, { ruling: 'accepted', newDueAt });
    expect(accepted.status).toBe(200);
    expect(await item(it.id)).toMatchObject({ status: 'in_review', deadline_version: 2 });
    expect((await sql.query(`SELECT kind, explanation_id FROM deadline_changes WHERE item_id = $1`, [it.id])).rows).toEqual([{ kind: 'explanation_accepted', explanation_id: filed.id }]);
    await advanceTo(newDueAt, 500);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
  });

  it('R16: an explanation after the deadline is refused: consent is already deemed', async () => {
    const it = await running();
    await advanceTo(it.dueAt, 10);
    const late = await drc.post(`/api/items/${it.id}/explanations`, { text: '迟到的说明' });
    expect(late.status).toBe(409);
  });

  it('R16 R14: explanations filed while both engines race over the due instant: either the hold wins or the consent, never both', async () => {
    const items = await Promise.all(Array.from({ length: 4 }, () => running()));
    const due = items.map((i) => new Date(i.dueAt).getTime()).reduce((a, b) => Math.max(a, b));
    await advanceTo(new Date(due), -150);
    const filed = await Promise.all(items.map(async (i, n) => {
      await new Promise((r) => setTimeout(r, n * 60));
      return drc.post(`/api/items/${i.id}/explanations`, { text: `说明${n}` });
    }));
    await settle();
    for (const [n, i] of items.entries()) {
      const state = await item(i.id);
      const consents = (await sql.query('SELECT count(*)::int AS n FROM deemed_consents WHERE item_id = $1', [i.id])).rows[0].n;
      if (filed[n]!.status === 201) {
        expect(state.status).toBe('in_review');
        expect(consents).toBe(0);
      } else {
        expect(filed[n]!.status).toBe(409);
        expect(state.status).toBe('deemed_consent');
        expect(consents).toBe(1);
      }
    }
  });
});
