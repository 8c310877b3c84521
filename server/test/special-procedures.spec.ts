import type { DeadlineExplanation } from '@hub/shared';
import { acceptItem, admittedProject, eventually, fieldErrors, problem, withHub } from './test-hub';

/** R10a: special procedures stop an item's clock; their end moves the due instant, once. */
describe('special procedures (R10a): real PostgreSQL, two instances', () => {
  const hub = withHub({
    instances: 2,
    watch: true,
    people: { window: 'window', windowOnSecond: ['window', 1], leader: ['leader', 1], admin: 'admin', drc: 'liaison-drc' },
  });
  const { sql, entries } = hub;
  const { window, windowOnSecond, leader, admin, drc } = hub.people;
  const hubNow = () => hub.now();
  const advance = (ms: number) => hub.advance(ms);
  const advanceTo = (instant: string | Date, plusMs: number) => hub.advanceTo(instant, plusMs);
  const item = async (id: string) =>
    (await sql.query('SELECT status, due_at, deadline_version FROM approval_items WHERE id = $1', [id])).rows[0];
  const settle = () => hub.quiesce();

  async function running(): Promise<{ id: string; dueAt: string; acceptedAt: string; projectId: string }> {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const accepted = (await acceptItem(window, project.items[0].id)).body;
    return { id: accepted.id, dueAt: accepted.dueAt!, acceptedAt: accepted.acceptedAt!, projectId: project.id };
  }
  /** Everything a refusal must leave as it was. */
  const snapshot = async (it: { id: string; projectId: string }) => ({
    item: await item(it.id),
    card: (await sql.query('SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1', [it.projectId])).rows[0].n,
    procedures: (await sql.query('SELECT id, ends_at FROM special_procedures WHERE item_id = $1 ORDER BY starts_at', [it.id])).rows,
  });

  it("R10a R2: only the window records a special procedure — not the department's own liaison, not a leader — and a refusal changes nothing", async () => {
    const it = await running();
    const before = await snapshot(it);
    const startsAt = (await hubNow()).toISOString();
    for (const outsider of [drc, leader, admin]) {
      const refused = await outsider.post(`/api/items/${it.id}/special-procedures`, { kind: 'hearing', startsAt });
      expect(refused.status).toBe(403);
      expect(refused.type).toMatch(/application\/problem\+json/);
    }
    expect(await snapshot(it)).toEqual(before);
    // Anyone on the staff may read them.
    expect((await drc.get(`/api/items/${it.id}/special-procedures`)).body).toEqual([]);
  });

  it('R10a: bad input and impossible periods are problem+json naming R10a and the field, and change nothing', async () => {
    const it = await running();
    const before = await snapshot(it);
    const now = await hubNow();
    const badKind = await window.send('POST', `/api/items/${it.id}/special-procedures`, { kind: 'survey', startsAt: now.toISOString() });
    expect(badKind.status).toBe(400);
    expect(fieldErrors(badKind)[0]!.field).toBe('kind'); // a survey does not stop the clock (R10a's list)
    const cases: [string, string][] = [
      [new Date(now.getTime() + 60_000).toISOString(), 'startsAt'], // in the future
      [new Date(new Date(it.acceptedAt).getTime() - 1000).toISOString(), 'startsAt'], // before acceptance
      ['2100-01-01T00:00:00.000Z', 'startsAt'], // beyond the calendar
    ];
    for (const [startsAt, field] of cases) {
      const refused = await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'expert_review', startsAt });
      expect(refused.status).toBe(400);
      expect(refused.type).toMatch(/application\/problem\+json/);
      expect(fieldErrors(refused)[0]!.field).toBe(field);
    }
    const future = await window.post(`/api/items/${it.id}/special-procedures`, {
      kind: 'expert_review',
      startsAt: new Date(now.getTime() + 60_000).toISOString(),
    });
    expect(problem(future).rule).toBe('R10a');
    expect(await snapshot(it)).toEqual(before);

    // Open: a second one is refused, and so is an end before the start or in the future.
    const opened = await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'appraisal', startsAt: now.toISOString() });
    expect(opened.status).toBe(201);
    const open = await snapshot(it);
    const twice = await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'hearing', startsAt: now.toISOString() });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ rule: 'R10a', errors: [{ field: 'item' }] });
    for (const endsAt of [now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString()]) {
      const refused = await window.post(`/api/items/${it.id}/special-procedures/${opened.body.id}/end`, { endsAt });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ rule: 'R10a', errors: [{ field: 'endsAt' }] });
    }
    expect((await drc.post(`/api/items/${it.id}/special-procedures/${opened.body.id}/end`, { endsAt: now.toISOString() })).status).toBe(
      403,
    );
    expect(
      (await window.post(`/api/items/${it.id}/special-procedures/${crypto.randomUUID()}/end`, { endsAt: now.toISOString() })).status,
    ).toBe(404);
    expect(await snapshot(it)).toEqual(open);
    // A period is never rewritten or deleted behind the hub's back.
    await expect(sql.query('DELETE FROM special_procedures WHERE id = $1', [opened.body.id])).rejects.toThrow(
      /only an open period may be ended/,
    );
    await expect(sql.query(`UPDATE special_procedures SET kind = 'hearing' WHERE id = $1`, [opened.body.id])).rejects.toThrow(
      /only an open period may be ended/,
    );
  });

  it('R10a R14: an open procedure holds deemed consent on both engines; its end, recorded on two instances at once, moves the due instant once by the working days it covered; the new one fires once', async () => {
    const it = await running();
    await advance(60_000);
    const startsAt = (await hubNow()).toISOString();
    const opened = await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'expert_review', startsAt });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ kind: 'expert_review', startsAt, endsAt: null });
    const started = await eventually(() =>
      entries.find((e) => e.action === 'item.special_procedure' && e.after.kind === 'item' && e.after.item.id === it.id),
    );
    expect(started.detail).toMatchObject({ phase: 'started', procedure: 'expert_review', procedureName: '专家评审', startsAt });
    expect(started.actor?.role).toBe('window');
    // The board shows the item paused, naming the procedure.
    const onBoard = (await leader.get(`/api/projects/${it.projectId}`)).body.items[0];
    expect(onBoard.paused).toEqual({ procedureId: opened.body.id, kind: 'expert_review', since: startsAt });

    // Past the due instant, both engines leave it alone.
    await advanceTo(it.dueAt, 60_000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review');
    const paused: DeadlineExplanation = (await drc.get(`/api/items/${it.id}/deadline`)).body;
    expect(paused.paused).toEqual({ kind: 'expert_review', name: '专家评审', since: startsAt });
    expect(paused.days.filter((d) => d.reason === 'special_procedure').length).toBeGreaterThanOrEqual(3);

    // The end, recorded on both instances at the same moment: one records it, the other is refused.
    const endsAt = (await hubNow()).toISOString();
    const ends = await Promise.all([
      window.post(`/api/items/${it.id}/special-procedures/${opened.body.id}/end`, { endsAt }),
      windowOnSecond.post(`/api/items/${it.id}/special-procedures/${opened.body.id}/end`, { endsAt }),
    ]);
    expect(ends.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(ends.find((r) => r.status === 409)!.body).toMatchObject({ rule: 'R10a', errors: [{ field: 'procedure' }] });
    const ended = ends.find((r) => r.status === 200)!.body;
    const after = await item(it.id);
    expect(after.deadline_version).toBe(2);
    expect(ended).toMatchObject({ endsAt, previousDueAt: it.dueAt, newDueAt: after.due_at.toISOString() });
    expect(ended.stoppedWorkingDays).toBeGreaterThanOrEqual(3);
    const endEntries = await eventually(() => {
      const found = entries.filter(
        (e) =>
          e.action === 'item.special_procedure' && e.detail['phase'] === 'ended' && e.after.kind === 'item' && e.after.item.id === it.id,
      );
      return found.length ? found : undefined;
    });
    await settle();
    expect(endEntries).toHaveLength(1);
    expect(endEntries[0]!.detail).toMatchObject({
      procedureName: '专家评审',
      stoppedWorkingDays: String(ended.stoppedWorkingDays),
      previousDueAt: it.dueAt,
      dueAt: ended.newDueAt,
    });
    expect(endEntries[0]!.after).toMatchObject({ kind: 'item', item: { dueAt: ended.newDueAt, deadlineVersion: 2, paused: null } });
    expect(
      (
        await sql.query(
          `SELECT count(*)::int AS n FROM card_entries WHERE action = 'item.special_procedure' AND detail->>'phase' = 'ended' AND project_id = $1`,
          [it.projectId],
        )
      ).rows[0].n,
    ).toBe(1);

    // The explanation lists the stopped days by name and lands exactly on the item's new due instant.
    const explained: DeadlineExplanation = (await drc.get(`/api/items/${it.id}/deadline`)).body;
    expect(explained.paused).toBeUndefined();
    expect(explained.itemDueAt).toBeUndefined();
    expect(explained.dueAt).toBe(ended.newDueAt);
    const stopped = explained.days.filter((d) => d.reason === 'special_procedure');
    expect(stopped).toHaveLength(ended.stoppedWorkingDays!);
    expect(stopped.every((d) => d.name === '专家评审' && !d.counted)).toBe(true);
    expect(endEntries[0]!.detail['stoppedDays']).toBe(stopped.map((d) => d.date).join(','));

    // The new due instant fires like any other, once, under the new version.
    await advanceTo(ended.newDueAt!, 1000);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
    await settle();
    expect((await sql.query('SELECT deadline_version, cause FROM deemed_consents WHERE item_id = $1', [it.id])).rows).toEqual([
      { deadline_version: 2, cause: 'timeout' },
    ]);
    // Decided: nothing left to stop.
    const late = await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'hearing', startsAt: ended.newDueAt! });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ rule: 'R10a', errors: [{ field: 'item' }] });
  });

  it('R10a R14: a department may still decide its item while the clock is stopped past the due instant', async () => {
    const it = await running();
    const startsAt = (await hubNow()).toISOString();
    expect((await window.post(`/api/items/${it.id}/special-procedures`, { kind: 'hearing', startsAt })).status).toBe(201);
    await advanceTo(it.dueAt, 60_000);
    await settle();
    const decided = await drc.post(`/api/items/${it.id}/decision`, { outcome: 'approved' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
  });
});
