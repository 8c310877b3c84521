import { addWorkingDays, buildCalendar, civilDateOf, forwardingDueAt, type RegisterProjectRequest } from '@hub/shared';
import { DeadlineEngine } from '../src/deadlines/deadline-engine';
import { MegaService } from '../src/mega/mega.service';

import { withHub, eventually, mainMaterialReceived, REGISTRATION, advanceTo } from './test-hub';

const MEGA: RegisterProjectRequest = {
  ...REGISTRATION,
  totalInvestment: { amount: '1500000000.00', currency: 'CNY' },
  reportToHigherAuthority: true,
};

/**
 * R6 with R11: the forward deadline of a mega project follows calendar changes, and the engine wakes
 * at it. The periodic sweep is set to 10 minutes here, so only a planned wake-up can escalate in time.
 */
describe('mega-project forwarding deadline: recomputed with the calendar, escalated at its instant (R6, R11, real PostgreSQL, two instances)', () => {
  const hub = withHub({
    instances: 2,
    config: { deadlineSweepMs: 600_000 },
    people: { window: ['window', 1], leader: ['leader', 1], admin: 'admin' },
  });
  const { sql } = hub;
  const { window, leader, admin } = hub.people;

  /** A mega project reported higher with its materials complete: its forward clock runs. */
  async function forwarding(name: string) {
    const departments = (await window.get('/api/departments')).body;
    const registered = await window.post('/api/projects', { ...MEGA, name });
    const project = (
      await leader.post(`/api/projects/${registered.body.id}/admission`, {
        leadDepartmentId: departments.find((d) => d.code === 'DRC')!.id,
        participatingDepartmentIds: [],
      })
    ).body;
    await mainMaterialReceived(window, project.items[0].id);
    const row = (await sql.query('SELECT complete_at, due_at FROM mega_forwarding WHERE project_id = $1', [project.id])).rows[0];
    return { projectId: project.id as string, completeAt: row.complete_at as Date, dueAt: row.due_at as Date };
  }
  const dueOf = async (projectId: string) =>
    (await sql.query('SELECT due_at FROM mega_forwarding WHERE project_id = $1', [projectId])).rows[0].due_at as Date;
  const cardOf = async (projectId: string, action: string) =>
    (
      await sql.query('SELECT detail, before, after FROM card_entries WHERE project_id = $1 AND action = $2 ORDER BY seq', [
        projectId,
        action,
      ])
    ).rows;

  it("R6/R11: a holiday declared inside a running forward window moves the forward deadline in the change's transaction, on the card; taken back, it returns", async () => {
    const f = await forwarding('特大项目（日历调整）');
    const { calendar: data, settings } = (await admin.get('/api/calendar')).body;
    const day = addWorkingDays(civilDateOf(f.completeAt, settings.timeZone), 1, buildCalendar(data));

    const changed = await admin.put(`/api/calendar/days/${day}`, { kind: 'holiday', name: '临时调整' });
    expect(changed.status).toBe(200);
    const after = buildCalendar((await leader.get('/api/calendar')).body.calendar);
    const expected = forwardingDueAt(f.completeAt, after, settings, 3);
    expect(expected.getTime()).toBeGreaterThan(f.dueAt.getTime());
    expect(await dueOf(f.projectId)).toEqual(expected);
    const [entry] = await cardOf(f.projectId, 'mega.forwarding_recomputed');
    expect(entry.detail).toEqual({
      fromDueAt: f.dueAt.toISOString(),
      toDueAt: expected.toISOString(),
      calendarChange: 'day_set',
      calendarTarget: day,
    });
    expect(entry.before.project.paperwork.forwarding.dueAt).toBe(f.dueAt.toISOString());
    expect(entry.after.project.paperwork.forwarding.dueAt).toBe(expected.toISOString());

    expect((await admin.delete(`/api/calendar/days/${day}`)).status).toBe(200);
    expect(await dueOf(f.projectId)).toEqual(f.dueAt);
    expect(await cardOf(f.projectId, 'mega.forwarding_recomputed')).toHaveLength(2);
  });

  it("R6/R11: a forwarded project's deadline stays through a calendar change", async () => {
    const f = await forwarding('特大项目（已转报）');
    expect((await window.post(`/api/projects/${f.projectId}/forwarding`, { forwardedTo: '省发展改革委' })).status).toBeLessThan(300);
    const { calendar: data, settings } = (await admin.get('/api/calendar')).body;
    const day = addWorkingDays(civilDateOf(f.completeAt, settings.timeZone), 1, buildCalendar(data));
    expect((await admin.put(`/api/calendar/days/${day}`, { kind: 'holiday', name: '临时调整' })).status).toBe(200);
    expect(await dueOf(f.projectId)).toEqual(f.dueAt);
    expect(await cardOf(f.projectId, 'mega.forwarding_recomputed')).toHaveLength(0);
    expect((await admin.delete(`/api/calendar/days/${day}`)).status).toBe(200);
  });

  it('R6: both engines wake at the forward deadline (not the 10-minute sweep) and escalate it exactly once', async () => {
    const f = await forwarding('特大项目（到期升级）');
    // Both instances plan their next wake-up now, 3 s before the forward deadline.
    await advanceTo(admin, f.dueAt, -3000);
    hub.second.app.get(DeadlineEngine).wake();
    const escalated = await eventually(async () => (await cardOf(f.projectId, 'mega.forwarding_escalated'))[0], 20_000);
    expect(escalated.detail).toMatchObject({ dueAt: f.dueAt.toISOString() });
    // Both instances try again at once: nothing more escalates.
    await hub.quiesce();
    expect(await Promise.all(hub.instances.map((instance) => instance.app.get(MegaService).escalateOverdueForwarding()))).toEqual([0, 0]);
    expect(await cardOf(f.projectId, 'mega.forwarding_escalated')).toHaveLength(1);
    const windows = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'window'`)).rows[0].n;
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE kind = 'forwarding_overdue' AND project_id = $1`, [f.projectId]))
        .rows[0].n,
    ).toBe(windows);
    expect(
      (
        await sql.query(
          `SELECT count(*)::int AS n FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE i.project_id = $1`,
          [f.projectId],
        )
      ).rows[0].n,
    ).toBe(0);
  });
});
