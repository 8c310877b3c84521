import { buildCalendar, DEFAULT_CALENDAR_SETTINGS, dueInstant, SHIPPED_CALENDAR } from '@hub/shared';
import { admittedProject, withHub, acceptItem, mainMaterialReceived, problem, fieldErrors } from './test-hub';

describe('approval items: acceptance and decisions (real PostgreSQL)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader', drc: 'liaison-drc', nrp: 'liaison-nrp' } });
  const { window, leader, drc, nrp } = hub.people;

  const itemOf = (project: { items: { id: string; departmentId: string; status: string }[] }, departmentId: string) =>
    project.items.find((i) => i.departmentId === departmentId)!;

  it('R10: acceptance computes the due instant from the working-day calendar (acceptance day not counted)', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const reply = await acceptItem(window, itemOf(project, departmentId('DRC')).id);
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('in_review');
    const expected = dueInstant(new Date(reply.body.acceptedAt!), buildCalendar(SHIPPED_CALENDAR), DEFAULT_CALENDAR_SETTINGS);
    expect(reply.body.dueAt).toBe(expected.dueAt.toISOString());
    expect(reply.body.provisional).toBe(expected.provisional);
    expect(reply.body.deadlineVersion).toBe(1);

    const explained = await window.get(`/api/calendar/deadline?from=${encodeURIComponent(reply.body.acceptedAt!)}&workingDays=3`);
    expect(explained.body.dueAt).toBe(reply.body.dueAt);
    expect(explained.body.days.filter((d) => d.counted)).toHaveLength(3);
  });

  it('R11: a deadline across the National Day 2026 holiday explains each day skipped', async () => {
    const reply = await window.get('/api/calendar/deadline?from=2026-09-30T02:00:00Z&workingDays=3');
    expect(reply.status).toBe(200);
    expect(reply.body.dueAt).toBe('2026-10-10T16:00:00.000Z');
    expect(reply.body.provisional).toBe(false);
    expect(reply.body.days.find((d) => d.date === '2026-10-01')).toMatchObject({
      counted: false,
      reason: 'public_holiday',
      name: '国庆节',
    });
    expect(reply.body.days.at(-1)).toMatchObject({ date: '2026-10-10', counted: true, reason: 'make_up_working_day' });
  });

  it('R11: bad deadline queries are refused with the field named', async () => {
    const reply = await window.get('/api/calendar/deadline?from=yesterday&workingDays=-1');
    expect(reply.status).toBe(400);
    expect(
      fieldErrors(reply)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['from', 'workingDays']);
  });

  it('R8: an item with an empty checklist is not "main materials complete": acceptance is refused naming R8, and nothing changes', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC']);
    const item = itemOf(project, departmentId('DRC'));
    const cardBefore = (await window.get(`/api/projects/${project.id}/card`)).body.length;
    const refused = await window.post(`/api/items/${item.id}/acceptance`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'R8', errors: [{ field: 'materials' }] });
    expect(problem(refused).detail).toContain('no main material');
    const unchanged = (await window.get(`/api/projects/${project.id}`)).body;
    expect(itemOf(unchanged, departmentId('DRC'))).toMatchObject({ status: 'awaiting_acceptance', dueAt: null });
    expect((await window.get(`/api/projects/${project.id}/card`)).body.length).toBe(cardBefore);
    // With a main material listed and received, the same item is accepted.
    expect((await acceptItem(window, item.id)).status).toBe(200);
  });

  it("R2: a liaison may accept its own department's item but not another's (403, nothing changes)", async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const nrpItem = itemOf(project, departmentId('NRP'));
    await mainMaterialReceived(window, nrpItem.id);
    const cardBefore = (await window.get(`/api/projects/${project.id}/card`)).body.length;

    const refused = await drc.post(`/api/items/${nrpItem.id}/acceptance`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ status: 403, title: 'Forbidden' });
    const unchanged = (await window.get(`/api/projects/${project.id}`)).body;
    expect(itemOf(unchanged, departmentId('NRP')).status).toBe('awaiting_acceptance');
    expect((await window.get(`/api/projects/${project.id}/card`)).body.length).toBe(cardBefore);

    expect((await nrp.post(`/api/items/${nrpItem.id}/acceptance`)).status).toBe(200);
  });

  it("R2: only the item's own liaison decides; another department's decision is 403 and changes nothing", async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const drcItem = itemOf(project, departmentId('DRC'));
    await acceptItem(window, drcItem.id);

    for (const outsider of [nrp, window, leader]) {
      const refused = await outsider.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' });
      expect(refused.status).toBe(403);
    }
    const stillRunning = (await window.get(`/api/projects/${project.id}`)).body;
    expect(itemOf(stillRunning, departmentId('DRC')).status).toBe('in_review');

    const approved = await drc.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await drc.post(`/api/items/${drcItem.id}/decision`, { outcome: 'rejected', basis: '《行政许可法》' })).status).toBe(409);
  });

  it('R18: rejecting requires a legal basis, which is recorded on the card', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['NRP']);
    const item = itemOf(project, departmentId('NRP'));
    await acceptItem(window, item.id, nrp);

    const noBasis = await nrp.post(`/api/items/${item.id}/decision`, { outcome: 'rejected', basis: '   ' });
    expect(noBasis.status).toBe(400);
    expect(fieldErrors(noBasis)[0]!.field).toBe('basis');

    const rejected = await nrp.post(`/api/items/${item.id}/decision`, { outcome: 'rejected', basis: '《土地管理法》第四十四条' });
    expect(rejected.body).toMatchObject({ status: 'rejected', basis: '《土地管理法》第四十四条' });
    const card = (await nrp.get(`/api/projects/${project.id}/card`)).body;
    // R4a: when the rejection decides the project's last item, the completion follows it on the card.
    const entry = card.filter((e) => e.action === 'item.rejected').at(-1);
    expect(entry).toMatchObject({ action: 'item.rejected', detail: { basis: '《土地管理法》第四十四条' }, actor: { role: 'liaison' } });
  });

  it('R14: a decision after the due instant is refused: consent is already deemed', async () => {
    const admin = await hub.login('admin');
    const { project, departmentId } = await admittedProject(window, leader, ['EEB']);
    const item = itemOf(project, departmentId('EEB'));
    const accepted = (await acceptItem(window, item.id)).body;
    const now = (await leader.get('/api/board')).body.serverNow;
    await admin.post('/api/test/clock', { advanceMs: new Date(accepted.dueAt!).getTime() - new Date(now).getTime() + 1000 });

    const eeb = await hub.login('liaison-eeb');
    const late = await eeb.post(`/api/items/${item.id}/decision`, { outcome: 'approved' });
    expect(late.status).toBe(409);
  });
});
