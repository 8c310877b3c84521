import { createHash } from 'node:crypto';
import {
  buildCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  promisedReplyDue,
  SHIPPED_CALENDAR,
  type InquiryChangedEvent,
  type InquiryStatsRow,
  type InquiryView,
  type RegisterInquiryRequest,
} from '@hub/shared';
import { INQUIRY, withDisposition } from './inquiry-fixtures';
import {
  connected,
  connectSocket,
  withHub,
  eventually,
  HubClient,
  REGISTRATION,
  type HubSocket,
  type TestHub,
  problem,
  fieldErrors,
} from './test-hub';

describe('first-inquiry register: transfer, acknowledgement, supervision, follow-up (R23, R24; real PostgreSQL, two instances)', () => {
  // Writes go through the first instance, the colleagues and leaders sit on the second.
  const hub = withHub({
    instances: 2,
    people: {
      window: 'window', // 李窗口, the first responder in these tests
      window2: ['window2', 1], // 张窗口, a named colleague
      leader: ['leader', 1],
      admin: 'admin',
      drc: ['liaison-drc', 1],
      nrp: ['liaison-nrp', 1],
    },
  });
  const { sql } = hub;
  const { window, window2, leader, admin, drc, nrp } = hub.people;
  const sockets: HubSocket[] = [];
  let ids: { window: string; window2: string; drc: string; DRC: string; NRP: string };

  beforeAll(async () => {
    const user = async (u: string) => (await sql.query('SELECT id FROM users WHERE username = $1', [u])).rows[0].id as string;
    const dept = async (c: string) => (await sql.query('SELECT id FROM departments WHERE code = $1', [c])).rows[0].id as string;
    ids = {
      window: await user('window'),
      window2: await user('window2'),
      drc: await user('liaison-drc'),
      DRC: await dept('DRC'),
      NRP: await dept('NRP'),
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
  });

  /** A live desk on an instance: every inquiry:changed it receives. */
  async function desk(instance: TestHub, client: HubClient) {
    const socket = connectSocket(instance.url, client.cookie);
    sockets.push(socket);
    const received: InquiryChangedEvent[] = [];
    socket.on('inquiry:changed', (event) => received.push(event));
    await connected(socket);
    return received;
  }
  const seen = (received: InquiryChangedEvent[], id: string, action: string) =>
    eventually(() => received.find((e) => e.inquiry.id === id && e.entry.action === action));

  async function register(body: RegisterInquiryRequest = INQUIRY, by = window): Promise<InquiryView> {
    const reply = await by.post('/api/inquiries', body);
    expect(reply.status).toBe(201);
    return reply.body;
  }
  const detail = async (id: string, as = leader) => (await as.get(`/api/inquiries/${id}`)).body;
  const actions = async (id: string) => (await detail(id)).history.map((e) => e.action);

  it('R23: the first responder registers it with their name and the contact they gave; its history starts', async () => {
    const inquiry = await register();
    expect(inquiry).toMatchObject({
      number: expect.stringMatching(/^SW-\d{4}-\d{4}$/),
      channel: 'phone',
      status: 'open',
      inquirer: INQUIRY.inquirer,
      responder: { id: ids.window, displayName: '李窗口', role: 'window', departmentId: null, contact: '0571-88001234' },
      handler: null,
      promise: null,
      closure: null,
    });
    const history = (await detail(inquiry.id)).history;
    expect(history).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'inquiry.registered',
        before: null,
        after: 'open',
        actor: { id: ids.window, displayName: '李窗口', role: 'window' },
      }),
    ]);
    expect((await window.get('/api/inquiries/responder')).body).toMatchObject({ displayName: '李窗口', lastContact: '0571-88001234' });
  });

  it('R23: handled at once is recorded with the registration, in one transaction', async () => {
    const inquiry = await register(withDisposition({ kind: 'answer', answer: '已告知需办理立项、规划、环评，发放一次性告知单' }));
    expect(inquiry).toMatchObject({
      status: 'answered',
      closure: { by: '李窗口', answer: '已告知需办理立项、规划、环评，发放一次性告知单' },
    });
    expect(await actions(inquiry.id)).toEqual(['inquiry.registered', 'inquiry.answered']);
  });

  it('R26: a bad registration names the fields at fault and stores nothing', async () => {
    const count = async () => Number((await sql.query('SELECT count(*) AS n FROM inquiries')).rows[0].n);
    const before = await count();
    const noContactPerson = await window.post('/api/inquiries', { ...INQUIRY, inquirer: { ...INQUIRY.inquirer, contactName: null } });
    expect(noContactPerson.status).toBe(400);
    expect(fieldErrors(noContactPerson).map((e) => e.field)).toEqual(['inquirer.contactName']);
    const badPromise = await window.post('/api/inquiries', withDisposition({ kind: 'promise', workingDays: 2, toUserId: ids.window2 }));
    expect(fieldErrors(badPromise).map((e) => e.field)).toEqual(['disposition.toUserId']);
    const toSelf = await window.post('/api/inquiries', withDisposition({ kind: 'transfer', toUserId: ids.window }));
    expect(toSelf).toMatchObject({ status: 400, body: { errors: [{ field: 'disposition.toUserId' }] } });
    const unknown = await window.send('POST', '/api/inquiries', { ...INQUIRY, priority: 'high' });
    expect(unknown.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('R23: transferred to a named colleague, who must acknowledge; the first responder supervises until it is answered', async () => {
    const ownerDesk = await desk(hub.first, window);
    const colleagueDesk = await desk(hub.second, window2);
    const leaderDesk = await desk(hub.second, leader);
    const strangerDesk = await desk(hub.second, nrp);

    const inquiry = await register(withDisposition({ kind: 'transfer', toUserId: ids.window2, note: '属仓储用地规划咨询' }));
    expect(inquiry).toMatchObject({
      status: 'transferred',
      handler: { userId: ids.window2, displayName: '张窗口', transferredBy: '李窗口', acknowledgedAt: null },
    });
    // R25: the colleague's desk on the other instance hears of it at once.
    await seen(colleagueDesk, inquiry.id, 'inquiry.transferred');

    // Nothing happens to it before the colleague takes it over.
    const early = await window2.post(`/api/inquiries/${inquiry.id}/disposition`, { kind: 'answer', answer: '已答复' });
    expect(early.status).toBe(403);
    expect((await window.post(`/api/inquiries/${inquiry.id}/acknowledgement`)).status).toBe(403);
    const ownerAnswers = await window.post(`/api/inquiries/${inquiry.id}/disposition`, { kind: 'answer', answer: '已答复' });
    expect(ownerAnswers.status).toBe(409);
    expect(problem(ownerAnswers).detail).toContain('"transferred"');
    expect(problem(ownerAnswers).detail).toContain('"answered"');

    const acknowledged = await window2.post(`/api/inquiries/${inquiry.id}/acknowledgement`);
    expect(acknowledged.body).toMatchObject({
      status: 'acknowledged',
      handler: { userId: ids.window2, acknowledgedAt: expect.any(String) },
    });
    await seen(ownerDesk, inquiry.id, 'inquiry.acknowledged');
    expect((await window2.post(`/api/inquiries/${inquiry.id}/acknowledgement`)).status).toBe(409);

    // 督办: the first responder keeps supervising; the colleague hears it live.
    const reminded = await window.post(`/api/inquiries/${inquiry.id}/reminder`, { note: '来访人明天上午需要答复' });
    expect(reminded.body.lastReminder).toMatchObject({ by: '李窗口', note: '来访人明天上午需要答复' });
    expect((await seen(colleagueDesk, inquiry.id, 'inquiry.reminded')).inquiry.lastReminder?.note).toBe('来访人明天上午需要答复');
    expect((await window2.post(`/api/inquiries/${inquiry.id}/reminder`, { note: '我自己' })).status).toBe(403);

    const answered = await window2.post(`/api/inquiries/${inquiry.id}/disposition`, {
      kind: 'answer',
      answer: '已电话答复：需先办理用地预审',
    });
    expect(answered.body).toMatchObject({ status: 'answered', closure: { by: '张窗口' } });
    await seen(ownerDesk, inquiry.id, 'inquiry.answered');
    await seen(leaderDesk, inquiry.id, 'inquiry.answered');

    // R24 回访 stays with the first responder.
    expect((await window2.post(`/api/inquiries/${inquiry.id}/follow-up`, { satisfaction: 'satisfied' })).status).toBe(403);
    const followed = await window.post(`/api/inquiries/${inquiry.id}/follow-up`, {
      satisfaction: 'basically_satisfied',
      comment: '答复及时',
    });
    expect(followed.body.followUp).toMatchObject({ by: '李窗口', satisfaction: 'basically_satisfied', comment: '答复及时' });
    expect((await window.post(`/api/inquiries/${inquiry.id}/follow-up`, { satisfaction: 'satisfied' })).status).toBe(409);

    expect(await actions(inquiry.id)).toEqual([
      'inquiry.registered',
      'inquiry.transferred',
      'inquiry.acknowledged',
      'inquiry.reminded',
      'inquiry.answered',
      'inquiry.followed_up',
    ]);
    expect((await detail(inquiry.id)).history[1]).toMatchObject({
      before: 'open',
      after: 'transferred',
      detail: { toUserId: ids.window2, toUserName: '张窗口', note: '属仓储用地规划咨询' },
    });
    expect((await leader.get(`/api/inquiries/${inquiry.id}/history/verification`)).body).toMatchObject({ valid: true, entries: 6 });
    // R2: a liaison of a department it never reached is told nothing.
    expect(strangerDesk.filter((e) => e.inquiry.id === inquiry.id)).toEqual([]);
  });

  it('R23/R2: transferred to a department, any of its liaisons takes it over and then holds it; other departments cannot', async () => {
    const inquiry = await register(withDisposition({ kind: 'transfer', toDepartmentId: ids.DRC }));
    expect((await nrp.get(`/api/inquiries/${inquiry.id}`)).status).toBe(403);
    expect((await nrp.post(`/api/inquiries/${inquiry.id}/acknowledgement`)).status).toBe(403);
    expect((await drc.get(`/api/inquiries/${inquiry.id}`)).status).toBe(200);
    expect((await drc.get('/api/inquiries')).body.map((i: InquiryView) => i.id)).toContain(inquiry.id);
    expect((await nrp.get('/api/inquiries')).body.map((i: InquiryView) => i.id)).not.toContain(inquiry.id);

    const taken = (await drc.post(`/api/inquiries/${inquiry.id}/acknowledgement`)).body;
    expect(taken).toMatchObject({ status: 'acknowledged', handler: { userId: ids.drc, departmentId: ids.DRC } });
    // The department's liaison may pass it on inside the center; the first responder still owns it.
    const passed = await drc.post(`/api/inquiries/${inquiry.id}/disposition`, {
      kind: 'transfer',
      toDepartmentId: ids.NRP,
      note: '属规划部门',
    });
    expect(passed.body).toMatchObject({
      status: 'transferred',
      responder: { id: ids.window },
      handler: { userId: null, departmentId: ids.NRP },
    });
    expect((await drc.get(`/api/inquiries/${inquiry.id}`)).status).toBe(403);
    expect((await nrp.post(`/api/inquiries/${inquiry.id}/acknowledgement`)).status).toBe(200);
  });

  it('R2: only the first responder, the transferee or a leader act; every refusal is a 403 that changes nothing', async () => {
    const inquiry = await register();
    const outsiders = [window2, drc, nrp];
    const attempts: [string, object | undefined][] = [
      ['disposition', { kind: 'answer', answer: '代为答复' }],
      ['disposition', { kind: 'escalate', note: '重大' }],
      ['acknowledgement', undefined],
      ['reminder', { note: '督办' }],
      ['project', { projectId: (await window.post('/api/projects', REGISTRATION)).body.id }],
    ];
    const snapshot = async () => JSON.stringify(await detail(inquiry.id));
    const before = await snapshot();
    for (const outsider of outsiders) {
      for (const [step, body] of attempts) {
        const reply = await outsider.send('POST', `/api/inquiries/${inquiry.id}/${step}`, body);
        expect({ step, status: reply.status }).toEqual({ step, status: 403 });
        expect(reply.body).toMatchObject({ status: 403, title: 'Forbidden' });
      }
    }
    expect((await admin.post(`/api/inquiries/${inquiry.id}/disposition`, { kind: 'answer', answer: 'x' })).status).toBe(403);
    expect(await snapshot()).toBe(before);

    // A leader may act on any inquiry (and takes escalated ones).
    const escalated = await window.post(`/api/inquiries/${inquiry.id}/disposition`, { kind: 'escalate', note: '涉及多个部门的重大投诉' });
    expect(escalated.body).toMatchObject({ status: 'escalated', escalation: { by: '李窗口', reason: '涉及多个部门的重大投诉' } });
    const referred = await leader.post(`/api/inquiries/${inquiry.id}/disposition`, {
      kind: 'refer',
      referredTo: '市信访局',
      referredContact: '0571-87001234，市民中心三楼',
    });
    expect(referred.body).toMatchObject({
      status: 'referred',
      closure: { by: '王主任', referredTo: '市信访局', referredContact: '0571-87001234，市民中心三楼' },
    });
  });

  it('R23: escalations reach every leader live, on any instance', async () => {
    const leaderDesk = await desk(hub.first, await hub.login('leader'));
    const inquiry = await register(withDisposition({ kind: 'escalate', note: '企业反映多部门推诿' }));
    const event = await seen(leaderDesk, inquiry.id, 'inquiry.escalated');
    expect(event.inquiry).toMatchObject({ status: 'escalated', escalation: { reason: '企业反映多部门推诿' } });
    expect(event.entry).toMatchObject({ seq: 2, before: 'open', after: 'escalated' });
  });

  it('R24: follow-up only after it is closed; a dissatisfied inquirer is recorded with the reason', async () => {
    const open = await register();
    expect((await window.post(`/api/inquiries/${open.id}/follow-up`, { satisfaction: 'satisfied' })).status).toBe(409);
    const closed = await register(withDisposition({ kind: 'answer', answer: '已答复' }));
    const noReason = await window.post(`/api/inquiries/${closed.id}/follow-up`, { satisfaction: 'dissatisfied' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'comment' }] } });
    const recorded = await window.post(`/api/inquiries/${closed.id}/follow-up`, { satisfaction: 'dissatisfied', comment: '答复不具体' });
    expect(recorded.body.followUp).toMatchObject({ satisfaction: 'dissatisfied', comment: '答复不具体' });
    expect((await detail(closed.id)).history.at(-1)).toMatchObject({
      action: 'inquiry.followed_up',
      detail: { satisfaction: 'dissatisfied', comment: '答复不具体' },
    });
  });

  it('R23: an inquiry becomes a green-channel project registration; the link is kept once, on its history', async () => {
    const inquiry = await register();
    const project = (await window.post('/api/projects', REGISTRATION)).body;
    const linked = await window.post(`/api/inquiries/${inquiry.id}/project`, { projectId: project.id });
    expect(linked.body.project).toEqual({ id: project.id, code: project.code });
    expect((await detail(inquiry.id)).history.at(-1)).toMatchObject({
      action: 'inquiry.project_linked',
      detail: { projectId: project.id, projectCode: project.code },
    });
    const again = (await window.post('/api/projects', REGISTRATION)).body;
    expect((await window.post(`/api/inquiries/${inquiry.id}/project`, { projectId: again.id })).status).toBe(409);
    expect((await window.post(`/api/inquiries/${inquiry.id}/project`, { projectId: '00000000-0000-4000-8000-000000000000' })).status).toBe(
      400,
    );
  });

  it('R5/R23: the history is append-only in the database and tampering breaks its verification', async () => {
    const inquiry = await register(withDisposition({ kind: 'answer', answer: '已答复' }));
    await expect(sql.query(`UPDATE inquiry_entries SET action = 'inquiry.referred' WHERE inquiry_id = $1`, [inquiry.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query(`DELETE FROM inquiry_entries WHERE inquiry_id = $1`, [inquiry.id])).rejects.toThrow(/append-only/);
    await sql.query('ALTER TABLE inquiry_entries DISABLE TRIGGER inquiry_entries_append_only');
    await sql.query(`UPDATE inquiry_entries SET detail = '{"answer":"改过的答复"}' WHERE inquiry_id = $1 AND seq = 2`, [inquiry.id]);
    await sql.query('ALTER TABLE inquiry_entries ENABLE TRIGGER inquiry_entries_append_only');
    expect((await leader.get(`/api/inquiries/${inquiry.id}/history/verification`)).body).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('R5/R23: a history written before the hash chain was shared with the card still verifies, and goes on from its last entry', async () => {
    const inquiry = await register(withDisposition({ kind: 'answer', answer: '已答复' }));
    const written = (await sql.query('SELECT * FROM inquiry_entries WHERE inquiry_id = $1 ORDER BY seq', [inquiry.id])).rows;
    // Rewritten as the inquiry's own appender wrote them: SHA-256 over the entry's JSON, keys sorted, without its hash.
    const sorted = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
    const statements: [string, unknown[]][] = [['DELETE FROM inquiry_entries WHERE inquiry_id = $1', [inquiry.id]]];
    let prevHash = '0'.repeat(64);
    for (const row of written) {
      const unsigned = {
        inquiryId: inquiry.id,
        seq: row.seq,
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        before: row.before,
        after: row.after,
        detail: row.detail,
        prevHash,
      };
      const hash = createHash('sha256')
        .update(JSON.stringify(sorted(unsigned)))
        .digest('hex');
      statements.push([
        `INSERT INTO inquiry_entries (inquiry_id, seq, at, actor, action, before, after, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          inquiry.id,
          row.seq,
          row.at,
          JSON.stringify(row.actor),
          row.action,
          row.before,
          row.after,
          JSON.stringify(row.detail),
          prevHash,
          hash,
        ],
      ]);
      prevHash = hash;
    }
    await sql.query('ALTER TABLE inquiry_entries DISABLE TRIGGER inquiry_entries_append_only');
    for (const [text, values] of statements) await sql.query(text, values);
    await sql.query('ALTER TABLE inquiry_entries ENABLE TRIGGER inquiry_entries_append_only');
    const verification = async () => (await leader.get(`/api/inquiries/${inquiry.id}/history/verification`)).body;
    expect(await verification()).toMatchObject({ valid: true, entries: 2, head: prevHash });
    expect((await window.post(`/api/inquiries/${inquiry.id}/follow-up`, { satisfaction: 'satisfied' })).status).toBe(200);
    expect((await detail(inquiry.id)).history.at(-1)).toMatchObject({ seq: 3, action: 'inquiry.followed_up', prevHash });
    expect(await verification()).toMatchObject({ valid: true, entries: 3 });
  });

  // Moves the hub clock: keep it after the tests that do not.
  it('R24: a promised reply is due at the end of the n-th working day; once past, it is flagged exactly once, to its owner and leaders, live', async () => {
    const ownerDesk = await desk(hub.second, window);
    const leaderDesk = await desk(hub.first, leader);
    const strangerDesk = await desk(hub.first, nrp);
    const late = await register(withDisposition({ kind: 'promise', workingDays: 1, note: '核实后答复' }));
    const onTime = await register(withDisposition({ kind: 'promise', workingDays: 1 }));
    const cal = buildCalendar(SHIPPED_CALENDAR);
    const due = promisedReplyDue(new Date(late.promise!.promisedAt), 1, cal, DEFAULT_CALENDAR_SETTINGS);
    expect(late.promise).toMatchObject({
      workingDays: 1,
      dueDate: due.dueDate,
      dueAt: due.dueAt.toISOString(),
      provisional: due.provisional,
    });

    // Transferred and acknowledged: the promise made to the inquirer still stands.
    await window.post(`/api/inquiries/${late.id}/disposition`, { kind: 'transfer', toUserId: ids.window2 });
    await window2.post(`/api/inquiries/${late.id}/acknowledgement`);
    // …and cannot be moved by promising again.
    const movedGoalposts = await window.post(`/api/inquiries/${late.id}/disposition`, { kind: 'promise', workingDays: 5 });
    expect(movedGoalposts.status).toBe(409);
    await window.post(`/api/inquiries/${onTime.id}/disposition`, { kind: 'answer', answer: '已按期答复' });

    const overdueEntries = async (id: string) =>
      Number(
        (await sql.query(`SELECT count(*) AS n FROM inquiry_entries WHERE inquiry_id = $1 AND action = 'inquiry.overdue'`, [id])).rows[0].n,
      );
    await hub.advanceTo(due.dueAt, -5000);
    await hub.quiesce(); // both instances have passed since the clock moved
    expect(await overdueEntries(late.id)).toBe(0);

    await hub.advanceTo(due.dueAt, 1000);
    const flagged = await seen(ownerDesk, late.id, 'inquiry.overdue');
    await seen(leaderDesk, late.id, 'inquiry.overdue');
    expect(flagged.entry).toMatchObject({
      actor: null,
      before: 'acknowledged',
      after: 'acknowledged',
      detail: { dueAt: due.dueAt.toISOString(), dueDate: due.dueDate },
    });
    expect(flagged.inquiry.overdueFlaggedAt).not.toBeNull();
    await hub.quiesce();
    expect(await overdueEntries(late.id)).toBe(1);
    expect(await overdueEntries(onTime.id)).toBe(0);
    expect(strangerDesk.filter((e) => e.inquiry.id === late.id)).toEqual([]);

    // Answered late is still answered; the statistics count it late.
    const answered = await window2.post(`/api/inquiries/${late.id}/disposition`, { kind: 'answer', answer: '已答复' });
    expect(answered.body.status).toBe('answered');
  });

  it('R24: leaders see per staff member and per department what happened to the inquiries of a period, and export it as CSV', async () => {
    // The clock was moved past every earlier inquiry's day: today's statistics hold only these.
    const today = (await leader.get('/api/board')).body.serverNow as string;
    const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(today));
    const asked = await register(withDisposition({ kind: 'answer', answer: '已答复' }));
    await window.post(`/api/inquiries/${asked.id}/follow-up`, { satisfaction: 'dissatisfied', comment: '没有解决' });
    const promised = await register(withDisposition({ kind: 'promise', workingDays: 1 }));
    await window.post(`/api/inquiries/${promised.id}/disposition`, { kind: 'transfer', toDepartmentId: ids.DRC });
    await drc.post(`/api/inquiries/${promised.id}/acknowledgement`);
    await drc.post(`/api/inquiries/${promised.id}/disposition`, { kind: 'answer', answer: '已答复' });
    await register(INQUIRY, drc);

    const stats = (await leader.get(`/api/inquiries/statistics?from=${date}&to=${date}`)).body;
    const counts = (row: InquiryStatsRow) => [
      row.inquiries,
      row.closed,
      row.promised,
      row.repliedOnTime,
      row.late,
      row.transfersMade,
      row.transfersReceived,
      row.followUps,
      row.dissatisfied,
    ];
    expect(stats.byStaff.map((r) => [r.name, ...counts(r)])).toEqual([
      ['李窗口', 2, 2, 1, 1, 0, 1, 0, 1, 1],
      ['发展和改革局联络员', 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(stats.byDepartment.map((r) => [r.key, ...counts(r)])).toEqual([
      [null, 2, 2, 1, 1, 0, 1, 0, 1, 1],
      [ids.DRC, 1, 0, 0, 0, 0, 0, 1, 0, 0],
    ]);

    const csv = await fetch(`${hub.second.url}/api/inquiries/statistics/csv?from=${date}&to=${date}`, {
      headers: { cookie: leader.cookie },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="inquiry-statistics_${date}_${date}.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the Chinese right
    expect(new TextDecoder().decode(bytes)).toContain(`人员 Staff,李窗口,${date}~${date},2,2,1,1,0,1,0,1,1\r\n`);

    const backwards = await leader.get(`/api/inquiries/statistics?from=${date}&to=2020-01-01`);
    expect(backwards).toMatchObject({ status: 400, body: { errors: [{ field: 'to' }] } });
    expect(fieldErrors(await leader.get(`/api/inquiries/statistics?from=2026-02-30&to=${date}`))[0]!.field).toBe('from');
  });
});
