import { addWorkingDays, buildCalendar, civilDateOf, dueInstant, zonedInstant, type CardEntry } from '@hub/shared';
import { runningProject } from './leaders-fixtures';
import {
  admittedProject,
  connected,
  connectSocket,
  withHub,
  eventually,
  HubClient,
  type HubSocket,
  mainMaterialReceived,
  fieldErrors,
  advanceTo,
  hubNow,
} from './test-hub';

const TZ = 'Asia/Shanghai';

describe('calendar administration: running deadlines recomputed on publish or edit, on record, live, on every instance (R11, real PostgreSQL, two instances)', () => {
  const hub = withHub({ instances: 2, people: { window: ['window', 1], leader: ['leader', 1], admin: 'admin' } });
  const { sql } = hub;
  const { window, leader, admin } = hub.people;
  let board: HubSocket;
  const entries: CardEntry[] = [];
  let calendarPushes = 0;

  beforeAll(async () => {
    // The leader's board on the other instance.
    board = connectSocket(hub.second.url, leader.cookie);
    board.on('card:entry', (entry) => entries.push(entry));
    board.on('calendar:changed', () => calendarPushes++);
    await connected(board);
  });
  afterAll(async () => {
    board?.close();
  });

  /** The calendar as an instance answers it, compiled. */
  const calendarOf = async (client: HubClient) => {
    const { calendar, settings } = (await client.get('/api/calendar')).body;
    return { calendar: buildCalendar(calendar), settings, data: calendar };
  };
  const item = async (id: string) =>
    (await sql.query('SELECT due_at, deadline_version, provisional, status FROM approval_items WHERE id = $1', [id])).rows[0];

  it('R11: a holiday marked on one instance moves a running deadline by a working day: new due, new version, on its card, pushed live to a board on the other instance', async () => {
    const { items } = await runningProject(window, leader, ['DRC', 'NRP'], '日历调整项目');
    const drc = items['DRC']!;
    const { calendar, settings } = await calendarOf(admin);
    const firstWorkingDay = addWorkingDays(civilDateOf(new Date(drc.acceptedAt!), TZ), 1, calendar);

    const reply = await admin.put(`/api/calendar/days/${firstWorkingDay}`, {
      kind: 'holiday',
      name: '临时调整',
    });
    expect(reply.status).toBe(200);
    const after = await calendarOf(leader); // the other instance sees it at once (calendar version)
    expect(after.data.days).toContainEqual({ date: firstWorkingDay, kind: 'holiday', name: '临时调整' });
    const expected = dueInstant(new Date(drc.acceptedAt!), after.calendar, settings).dueAt;
    expect(expected.getTime()).toBeGreaterThan(new Date(drc.dueAt!).getTime());
    expect(reply.body.recomputed.map((r) => r.itemId).sort()).toEqual([drc.id, items['NRP']!.id].sort());
    expect(reply.body.recomputed.find((r) => r.itemId === drc.id)).toMatchObject({ fromDueAt: drc.dueAt, toDueAt: expected.toISOString() });
    expect(await item(drc.id)).toMatchObject({ due_at: expected, deadline_version: drc.deadlineVersion + 1 });

    const pushed = await eventually(() =>
      entries.find((e) => e.action === 'item.deadline_recomputed' && e.after.kind === 'item' && e.after.item.id === drc.id),
    );
    expect(pushed.detail).toMatchObject({
      fromDueAt: drc.dueAt,
      toDueAt: expected.toISOString(),
      calendarChange: 'day_set',
      calendarTarget: firstWorkingDay,
    });
    expect(pushed.actor).toMatchObject({ role: 'admin' });
    await eventually(() => (calendarPushes > 0 ? true : undefined));

    const changes = (await admin.get('/api/settings/changes')).body;
    expect(changes[0]).toMatchObject({
      subject: 'calendar',
      action: 'day_set',
      target: firstWorkingDay,
      before: null,
      after: { kind: 'holiday', name: '临时调整' },
      recomputed: 2,
    });

    // Taken back: the deadline returns to where it was, again on the card.
    const cleared = await admin.delete(`/api/calendar/days/${firstWorkingDay}`);
    expect(cleared.status).toBe(200);
    expect((await item(drc.id)).due_at).toEqual(new Date(drc.dueAt!));
    expect(await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE action = 'item.deadline_recomputed'`)).toMatchObject({
      rows: [{ n: 4 }],
    });
  });

  it('R11: acceptances racing a calendar change on the other instance are all computed under the calendar they commit with', async () => {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP', 'EEB', 'HUD', 'EMB'], '并发受理项目');
    const { calendar } = await calendarOf(admin);
    const now = await hubNow(admin);
    const day = addWorkingDays(civilDateOf(now, TZ), 2, calendar);
    // R8: the main materials are in first; only the acceptances race the calendar change.
    for (const i of project.items as { id: string }[]) await mainMaterialReceived(window, i.id);
    const [change, ...accepted] = await Promise.all([
      admin.put(`/api/calendar/days/${day}`, { kind: 'holiday', name: '并发调整' }),
      ...project.items.map((i) => window.post(`/api/items/${i.id}/acceptance`)),
    ]);
    expect(change!.status).toBe(200);
    const final = await calendarOf(leader);
    for (const reply of accepted) {
      expect(reply.status).toBe(200);
      const stored = await item(reply.body.id);
      expect(stored.due_at).toEqual(dueInstant(new Date(reply.body.acceptedAt!), final.calendar, final.settings).dueAt);
    }
    await admin.delete(`/api/calendar/days/${day}`);
  });

  it('R11: a make-up working day must replace a day off; bad dates and years are refused naming the field, and change nothing', async () => {
    const versionBefore = (await sql.query('SELECT version FROM calendar_version')).rows[0].version;
    const weekday = addWorkingDays(civilDateOf(await hubNow(admin), TZ), 3, (await calendarOf(admin)).calendar);
    const refused = await admin.put(`/api/calendar/days/${weekday}`, { kind: 'workday', name: '调休' });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused)).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect(fieldErrors(await admin.put('/api/calendar/days/2026-02-30', { kind: 'holiday', name: 'x' }))).toEqual([
      expect.objectContaining({ field: 'date' }),
    ]);
    expect((await admin.send('PUT', `/api/calendar/days/${weekday}`, { kind: 'holiday', name: 'x', extra: 1 })).status).toBe(400);
    expect(fieldErrors(await admin.post('/api/calendar/years/1999/publication'))).toEqual([expect.objectContaining({ field: 'year' })]);
    expect((await admin.post('/api/calendar/years/2026/publication')).status).toBe(409);
    expect((await admin.delete('/api/calendar/days/2030-03-05')).status).toBe(404);
    const badIcs = await admin.post('/api/calendar/imports', { format: 'ics', year: 2030, content: 'not a calendar' });
    expect(badIcs.status).toBe(400);
    expect(fieldErrors(badIcs)).toEqual([
      expect.objectContaining({ field: 'content', message: expect.stringContaining('BEGIN:VCALENDAR') }),
    ]);
    expect((await sql.query('SELECT version FROM calendar_version')).rows[0].version).toBe(versionBefore);
  });

  it("R11: a year imported from an ICS file replaces that year's rules and stays provisional; from JSON it may come published", async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20300101',
      'DTEND;VALUE=DATE:20300102',
      'SUMMARY:元旦',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const imported = await admin.post('/api/calendar/imports', { format: 'ics', year: 2030, content: ics });
    expect(imported.status).toBe(200);
    expect(imported.body.calendar.calendar.years).toContainEqual({ year: 2030, status: 'provisional' });
    expect(imported.body.calendar.calendar.days.filter((d) => d.date.startsWith('2030'))).toEqual([
      { date: '2030-01-01', kind: 'holiday', name: '元旦' },
    ]);
    const json = JSON.stringify({
      year: 2030,
      status: 'published',
      days: [
        { date: '2030-01-01', kind: 'holiday', name: '元旦' },
        { date: '2030-02-02', kind: 'holiday', name: '春节' },
      ],
    });
    const published = await admin.post('/api/calendar/imports', { format: 'json', year: 2030, content: json });
    expect(published.body.calendar.calendar.years).toContainEqual({ year: 2030, status: 'published' });
    expect(published.body.change).toMatchObject({
      action: 'year_imported',
      target: '2030',
      before: { status: 'provisional' },
      after: { status: 'published', format: 'json' },
    });
  });

  it('R10 R11: settings changes are on record and apply to deadlines started afterwards; a running deadline keeps its rule through a later calendar edit', async () => {
    const { items } = await runningProject(window, leader, ['EEB'], '设置变更前受理');
    const settings = (await admin.get('/api/settings')).body;
    const bad = await admin.put('/api/settings', { ...settings, timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    const changed = await admin.put('/api/settings', { ...settings, workingDaysAllowed: 5, circulationThreshold: 4 });
    expect(changed.body).toMatchObject({ workingDaysAllowed: 5, circulationThreshold: 4 });
    expect((await leader.get('/api/calendar')).body.settings.workingDaysAllowed).toBe(5); // the other instance, at once
    const changes = (await admin.get('/api/settings/changes')).body;
    expect(changes[0]).toMatchObject({
      subject: 'settings',
      action: 'settings_changed',
      before: { workingDaysAllowed: 3 },
      after: { workingDaysAllowed: 5 },
      actor: { displayName: '系统管理员' },
    });

    const { items: later } = await runningProject(window, leader, ['EEB'], '设置变更后受理');
    const { calendar, settings: now } = await calendarOf(leader);
    expect(later['EEB']!.dueAt).toBe(dueInstant(new Date(later['EEB']!.acceptedAt!), calendar, now).dueAt.toISOString());

    // A holiday inside both windows: the 3-day item moves under its own 3-day rule, the 5-day one under 5.
    const day = addWorkingDays(civilDateOf(new Date(later['EEB']!.acceptedAt!), TZ), 1, calendar);
    await admin.put(`/api/calendar/days/${day}`, { kind: 'holiday', name: '规则保持' });
    const edited = (await calendarOf(leader)).calendar;
    const three = { ...now, workingDaysAllowed: 3 };
    expect((await item(items['EEB']!.id)).due_at).toEqual(dueInstant(new Date(items['EEB']!.acceptedAt!), edited, three).dueAt);
    expect((await item(later['EEB']!.id)).due_at).toEqual(dueInstant(new Date(later['EEB']!.acceptedAt!), edited, now).dueAt);
    // R11: each deadline explains itself under its own rule; one moved by hand says where it really is.
    expect((await window.get(`/api/items/${items['EEB']!.id}/deadline`)).body).toMatchObject({
      workingDays: 3,
      dueAt: (await item(items['EEB']!.id)).due_at.toISOString(),
    });
    expect((await window.get(`/api/items/${later['EEB']!.id}/deadline`)).body).toMatchObject({ workingDays: 5 });
    // R12: a leader extends it; the extended instant is set by hand, and a calendar change leaves it be.
    const newDueAt = new Date((await item(later['EEB']!.id)).due_at.getTime() + 2 * 86_400_000).toISOString();
    expect((await leader.post(`/api/items/${later['EEB']!.id}/extension`, { newDueAt, reason: '补充论证' })).status).toBe(200);
    const extended = (await window.get(`/api/items/${later['EEB']!.id}/deadline`)).body;
    expect(extended.itemDueAt).toBe(newDueAt);
    expect(extended.itemDueAt).not.toBe(extended.dueAt);
    const cleared = await admin.delete(`/api/calendar/days/${day}`);
    expect(cleared.body.recomputed.map((r) => r.itemId)).toContain(items['EEB']!.id);
    expect(cleared.body.recomputed.map((r) => r.itemId)).not.toContain(later['EEB']!.id);
    expect((await item(later['EEB']!.id)).due_at.toISOString()).toBe(newDueAt);
    await admin.put('/api/settings', settings);
  });

  it('R11: passed deadlines stay as they fired; publishing the next year clears the provisional flag of deadlines in it, and an edit in it moves them', async () => {
    const fired = await runningProject(window, leader, ['HUD'], '已超时项目');
    const hud = fired.items['HUD']!;
    await advanceTo(admin, new Date(hud.dueAt!), 1000);
    await eventually(async () => ((await item(hud.id)).status === 'deemed_consent' ? true : undefined));

    // Accepted on 29 December: due in a year whose calendar is still provisional.
    const year = Number(civilDateOf(await hubNow(admin), TZ).slice(0, 4));
    await advanceTo(admin, zonedInstant(`${year}-12-29`, '10:00', TZ));
    const next = await runningProject(window, leader, ['EMB'], '跨年项目');
    const emb = next.items['EMB']!;
    expect(await item(emb.id)).toMatchObject({ provisional: true });
    const dueDay = civilDateOf(new Date(new Date(emb.dueAt!).getTime() - 1), TZ);
    expect(dueDay.startsWith(String(year + 1))).toBe(true);

    // Editing the provisional year on its due day moves it (still provisional).
    const moved = await admin.put(`/api/calendar/days/${dueDay}`, { kind: 'holiday', name: '元旦调休' });
    const afterEdit = await item(emb.id);
    expect(afterEdit.due_at.getTime()).toBeGreaterThan(new Date(emb.dueAt!).getTime());
    expect(afterEdit.provisional).toBe(true);
    expect(moved.body.recomputed.map((r) => r.itemId)).toEqual([emb.id]); // the fired one never moves
    const hudAfter = await item(hud.id);
    expect(hudAfter).toMatchObject({ status: 'deemed_consent', due_at: new Date(hud.dueAt!) });

    const published = await admin.post(`/api/calendar/years/${year + 1}/publication`);
    expect(published.status).toBe(200);
    expect(published.body.calendar.calendar.years).toContainEqual({ year: year + 1, status: 'published' });
    // The statutory New Year's Day is written out, so publishing loses no holiday.
    expect(published.body.calendar.calendar.days).toContainEqual(expect.objectContaining({ date: `${year + 1}-01-01`, kind: 'holiday' }));
    expect(await item(emb.id)).toMatchObject({
      provisional: false,
      due_at: afterEdit.due_at,
      deadline_version: afterEdit.deadline_version,
    });
    const entry = await eventually(() =>
      entries.find((e) => e.action === 'item.deadline_recomputed' && e.detail['calendarChange'] === 'year_published'),
    );
    expect(entry.detail).toMatchObject({
      provisional: 'false',
      fromDueAt: afterEdit.due_at.toISOString(),
      toDueAt: afterEdit.due_at.toISOString(),
    });
  });

  it('R11: calendar and settings changes are append-only', async () => {
    await expect(sql.query('UPDATE configuration_changes SET recomputed = 0')).rejects.toThrow(/append-only/);
  });
});
