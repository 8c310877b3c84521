import {
  buildCalendar,
  civilDateOf,
  earliestBindingStart,
  OPINION_VERSIONS_SHOWN,
  opposedAtMeeting,
  opposedInRoom,
  SHIPPED_CALENDAR,
  type CardEntry,
  type CloseMeetingRequest,
  type MeetingOnline,
  type MeetingView,
} from '@hub/shared';
import { pdfPages } from './pdf-text';
import {
  admittedProject,
  connected,
  connectSocket,
  withHub,
  eventually,
  HubClient,
  type HubSocket,
  acceptItem,
  fieldErrors,
} from './test-hub';

/** How long after its scheduled end an unclosed meeting lapses, in these tests. */
const LAPSE_MS = 7 * 86_400_000;

/**
 * Meetings, the live room and absence (R15, R18, R19, R20) on real PostgreSQL, with real Socket.IO
 * clients on two hub instances: DRC (lead) and NRP liaisons in the room, EEB absent.
 */
describe('meetings and site inspections: the live room and R15 absence (real PostgreSQL, two instances)', () => {
  const hub = withHub({
    instances: 2,
    // A week before an unclosed meeting lapses: a deadline three working days out (over a weekend)
    // can then pass while the meeting is still open, as the racing test needs.
    config: { meetingLapseMs: LAPSE_MS },
    people: { window: 'window', leader: ['leader', 1], admin: 'admin', drc: 'liaison-drc', nrp: ['liaison-nrp', 1], eeb: 'liaison-eeb' },
  });
  const { sql } = hub;
  const { window, leader, admin, drc, nrp, eeb } = hub.people;
  const sockets: HubSocket[] = [];

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
  });

  const hubNow = () => hub.now();
  const soon = async (minutes = 10) => new Date((await hubNow()).getTime() + minutes * 60_000).toISOString();
  const calendar = buildCalendar(SHIPPED_CALENDAR);
  /** R15a: a start that gives the minimum notice (1 working day) from now, with a minute to spare. */
  const withNotice = async () =>
    new Date(earliestBindingStart(await hubNow(), calendar, 'Asia/Shanghai', 1).getTime() + 60_000).toISOString();
  const advanceTo = (instant: Date | string) => hub.advanceTo(instant);
  /** R15a: the close is allowed from the start plus the grace: wait for it on the test clock, then close. */
  async function closeAfterGrace(client: HubClient, meeting: MeetingView, body: CloseMeetingRequest) {
    await advanceTo(new Date(new Date(meeting.closableFrom).getTime() + 1000));
    return client.post(`/api/meetings/${meeting.id}/closing`, body);
  }

  /**
   * A project with DRC (lead), NRP and EEB, all items accepted; and a joint review meeting inviting all
   * three with a working day's notice (R15a), the clock moved to half an hour before its start.
   */
  async function setUp(kind: 'joint_review' | 'site_inspection' = 'joint_review', accept: string[] = ['DRC', 'NRP', 'EEB']) {
    const { project, departmentId } = await admittedProject(
      window,
      leader,
      ['DRC', 'NRP', 'EEB'],
      `联审项目${Math.random().toString(36).slice(2, 7)}`,
    );
    for (const item of project.items) {
      const code = ['DRC', 'NRP', 'EEB'].find((c) => departmentId(c) === item.departmentId)!;
      if (accept.includes(code)) expect((await acceptItem(window, item.id)).status).toBe(200);
    }
    const convened = await drc.post(`/api/projects/${project.id}/meetings`, {
      kind,
      title: kind === 'site_inspection' ? '联合踏勘' : '联审会议',
      startsAt: await withNotice(),
      online: true,
      agenda: '审议用地与环评',
    });
    expect(convened.status).toBe(201);
    const meeting = convened.body;
    expect(meeting.roll.every((r) => r.noticeGiven)).toBe(true);
    await advanceTo(new Date(new Date(meeting.startsAt).getTime() - 30 * 60_000));
    return { project, departmentId, meeting };
  }

  function room(url: string, client: HubClient) {
    const socket = connectSocket(url, client.cookie);
    sockets.push(socket);
    const views: MeetingView[] = [];
    const online: MeetingOnline[] = [];
    const entries: CardEntry[] = [];
    socket.on('meeting:room', (v) => views.push(v));
    socket.on('meeting:online', (o) => online.push(o));
    socket.on('card:entry', (e) => entries.push(e));
    return { socket, views, online, entries, latest: () => views.at(-1) };
  }

  const itemOf = async (projectId: string, departmentId: string) =>
    (await leader.get(`/api/projects/${projectId}`)).body.items.find((i) => i.departmentId === departmentId)!;

  it('R18: the lead liaison convenes; invitees default to every department with an open item and see it on their desk', async () => {
    const { meeting, departmentId } = await setUp();
    expect(meeting.invitedDepartmentIds.sort()).toEqual([departmentId('DRC'), departmentId('NRP'), departmentId('EEB')].sort());
    expect(meeting.status).toBe('scheduled');
    const desk = (await eeb.get('/api/meetings')).body;
    expect(desk.map((m) => m.id)).toContain(meeting.id);
    const hud = await hub.login('liaison-hud');
    expect((await hud.get('/api/meetings')).body.map((m) => m.id)).not.toContain(meeting.id);
    // R2: a liaison of another department cannot convene for this project.
    expect(
      (
        await nrp.post(`/api/projects/${meeting.projectId}/meetings`, {
          kind: 'coordination',
          title: 'x',
          startsAt: await soon(),
          online: true,
        })
      ).status,
    ).toBe(403);
  });

  it('R18: convening names the fields at fault and changes nothing', async () => {
    const { project } = await setUp();
    const bad = await window.send('POST', `/api/projects/${project.id}/meetings`, {
      kind: 'banquet',
      title: '',
      startsAt: 'tomorrow',
      online: 'yes',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(
      fieldErrors(bad)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['extra', 'kind', 'online', 'startsAt', 'title']);
    const noPlace = await window.post(`/api/projects/${project.id}/meetings`, {
      kind: 'coordination',
      title: '协调会',
      startsAt: await soon(),
      online: false,
    });
    expect(fieldErrors(noPlace)[0]!.field).toBe('place');
  });

  it('R19 R15: two liaisons in the room on two instances, one absent: presence live, opinions live, the absent deemed at close', async () => {
    const { project, meeting, departmentId } = await setUp();
    const board = room(hub.second.url, leader);
    const drcRoom = room(hub.first.url, drc);
    const nrpRoom = room(hub.second.url, nrp);
    await Promise.all([connected(board.socket), connected(drcRoom.socket), connected(nrpRoom.socket)]);

    // The convener (DRC's liaison) opens; liaisons join from the browser.
    expect((await drcRoom.socket.emitWithAck('meeting:join', { meetingId: meeting.id })).ok).toBe(true);
    expect((await drc.post(`/api/meetings/${meeting.id}/opening`)).status).toBe(200);
    await drcRoom.socket.emitWithAck('meeting:join', { meetingId: meeting.id }); // rejoin once open: attendance recorded
    const joined = await nrpRoom.socket.emitWithAck('meeting:join', { meetingId: meeting.id });
    expect(joined.ok).toBe(true);

    // Everyone in the room sees who is present and who is expected, across instances.
    const roll = await eventually(() => {
      const v = drcRoom.latest();
      return v && v.roll.filter((r) => r.state === 'present').length === 2 ? v.roll : undefined;
    });
    expect(Object.fromEntries(roll.map((r) => [r.departmentId, r.state]))).toEqual({
      [departmentId('DRC')]: 'present',
      [departmentId('NRP')]: 'present',
      [departmentId('EEB')]: 'expected',
    });
    const online = await eventually(() => drcRoom.online.find((o) => o.departmentIds.length === 2));
    expect(online.departmentIds.sort()).toEqual([departmentId('DRC'), departmentId('NRP')].sort());

    // R18: opinions appear to everyone in the room.
    expect(
      (await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree_with_conditions', conditions: '补充水土保持方案' })).status,
    ).toBe(200);
    const seen = await eventually(() => drcRoom.views.find((v) => v.opinions.some((o) => o.departmentId === departmentId('NRP'))));
    expect(seen.opinions[0]).toMatchObject({ kind: 'agree_with_conditions', conditions: '补充水土保持方案', version: 1 });

    // R15a: the convener (DRC's liaison) proposes the close; it cannot close with effect itself.
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    expect((await drc.post(`/api/meetings/${meeting.id}/close-proposal`)).body.closeProposedAt).toEqual(expect.any(String));
    const liaisonClose = await closeAfterGrace(drc, meeting, { conclusion: '原则同意，按条件落实' });
    expect(liaisonClose.status).toBe(403);
    // R15: the window closes; EEB, absent without an accepted excuse, is deemed to consent.
    const closed = await window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '原则同意，按条件落实' });
    expect(closed.status).toBe(200);
    const eebRoll = closed.body.roll.find((r) => r.departmentId === departmentId('EEB'));
    expect(eebRoll).toMatchObject({ state: 'absent', outcome: 'deemed', noticeNumber: expect.stringMatching(/^绿通默许〔\d{4}〕\d+号$/) });

    const deemed = await eventually(() =>
      board.entries.find((e) => e.action === 'item.deemed_consent' && e.after.kind === 'item' && e.after.item.id === eebItem.id),
    );
    expect(deemed.detail).toMatchObject({ cause: 'meeting_absence', meeting: '联审会议', meetingId: meeting.id });
    expect(deemed.detail['noticeNumber']).toMatch(/^绿通默许〔\d{4}〕\d+号$/);
    expect(board.entries.some((e) => e.action === 'meeting.closed')).toBe(true);
    // Same exactly-once path as a timeout: one deemed_consents row naming the meeting, one notice.
    const rows = (
      await sql.query('SELECT cause, meeting_id, fired_at = due_at AS at_close FROM deemed_consents WHERE item_id = $1', [eebItem.id])
    ).rows;
    expect(rows).toEqual([{ cause: 'meeting_absence', meeting_id: meeting.id, at_close: true }]);
    const notice = (await sql.query(`SELECT content FROM notices WHERE item_id = $1`, [eebItem.id])).rows;
    expect(notice).toHaveLength(1);
    expect(notice[0].content).toMatchObject({ cause: 'meeting_absence', meeting: '联审会议' });
    // The present stay running.
    expect((await itemOf(project.id, departmentId('NRP'))).status).toBe('in_review');
    expect((await itemOf(project.id, departmentId('DRC'))).status).toBe('in_review');
    // The card verifies.
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body.valid).toBe(true);
  });

  it('R19: a dropped connection never un-records attendance; "online now" follows the connection', async () => {
    const { meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const watcher = room(hub.second.url, window);
    await connected(watcher.socket);
    await watcher.socket.emitWithAck('meeting:join', { meetingId: meeting.id });
    const nrpRoom = room(hub.first.url, nrp);
    await connected(nrpRoom.socket);
    await nrpRoom.socket.emitWithAck('meeting:join', { meetingId: meeting.id });
    await eventually(() => watcher.online.find((o) => o.departmentIds.includes(departmentId('NRP'))));

    nrpRoom.socket.disconnect(); // the liaison's connection drops
    await eventually(() => (watcher.online.at(-1)?.departmentIds.includes(departmentId('NRP')) === false ? true : undefined));
    const view = (await window.get(`/api/meetings/${meeting.id}`)).body;
    expect(view.roll.find((r) => r.departmentId === departmentId('NRP'))!.state).toBe('present');

    // It comes back (new socket id, no rooms: the client rejoins); no second attendance entry.
    const back = room(hub.second.url, nrp);
    await connected(back.socket);
    expect((await back.socket.emitWithAck('meeting:join', { meetingId: meeting.id })).ok).toBe(true);
    await eventually(() => watcher.online.at(-1)?.departmentIds.includes(departmentId('NRP')) || undefined);
    const attended = (
      await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE action = 'meeting.attended' AND after->'meeting'->>'id' = $1`, [
        meeting.id,
      ])
    ).rows[0].n;
    expect(attended).toBe(1);

    // Closed with NRP offline at that moment: still present, not deemed. EEB never came: absent, deemed.
    back.socket.disconnect();
    const closed = (await closeAfterGrace(window, meeting, { conclusion: '同意' })).body;
    expect(closed.roll.find((r) => r.departmentId === departmentId('NRP'))!.state).toBe('present');
    expect(closed.roll.find((r) => r.departmentId === departmentId('EEB'))!.state).toBe('absent');
    expect(closed.roll.find((r) => r.departmentId === departmentId('DRC'))!.outcome).toBe('deemed');
  });

  it('R19 R2: a liaison joins only as its own department and only meetings it is invited to', async () => {
    const { meeting } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const hud = await hub.login('liaison-hud');
    const hudSocket = room(hub.first.url, hud);
    await connected(hudSocket.socket);
    const refused = await hudSocket.socket.emitWithAck('meeting:join', { meetingId: meeting.id });
    expect(refused.ok).toBe(false);
    expect(hudSocket.socket.connected).toBe(true);
    expect((await hud.post(`/api/meetings/${meeting.id}/join`)).status).toBe(403);
    expect((await hud.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' })).status).toBe(403);
    expect((await hudSocket.socket.emitWithAck('meeting:join', { meetingId: 'not-a-uuid' })).ok).toBe(false);
    // A push to the room never reaches the refused socket: once a member on the same instance has it, it would have.
    const member = room(hub.first.url, window);
    await connected(member.socket);
    expect((await member.socket.emitWithAck('meeting:join', { meetingId: meeting.id })).ok).toBe(true);
    await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' });
    await eventually(() => (member.views.some((v) => v.opinions.length > 0) ? true : undefined));
    expect(hudSocket.views).toEqual([]);
  });

  it('R18: disagreeing requires the legal basis; agreeing with conditions requires them; nothing changes on refusal', async () => {
    const { meeting } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const noBasis = await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'disagree', basis: '  ' });
    expect(noBasis.status).toBe(400);
    expect(fieldErrors(noBasis)[0]!.field).toBe('basis');
    const noConditions = await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree_with_conditions' });
    expect(fieldErrors(noConditions)[0]!.field).toBe('conditions');
    const view = (await nrp.get(`/api/meetings/${meeting.id}`)).body;
    expect(view.opinions).toEqual([]);
    const ok = await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'disagree', basis: '《土地管理法》第四十四条' });
    expect(ok.body.opinions[0]).toMatchObject({ kind: 'disagree', basis: '《土地管理法》第四十四条' });
    // A change of opinion is a new version; the first is kept.
    const changed = (await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' })).body;
    expect(changed.opinions).toHaveLength(1);
    expect(changed.opinions[0]).toMatchObject({ kind: 'agree', version: 2 });
    expect(changed.opinionHistory.map((o) => o.kind)).toEqual(['disagree', 'agree']);
  });

  it('R18: "opposed at the meeting" shows, with the basis, on the board, the project page and the room until the department decides its item', async () => {
    const { meeting, project, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const basis = '《土地管理法》第四十四条';
    const given = (await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'disagree', basis })).body;
    expect(given.undecidedDepartmentIds).toContain(departmentId('NRP'));
    expect(opposedInRoom(given.opinions, given.undecidedDepartmentIds)).toEqual([departmentId('NRP')]);
    const item = await itemOf(project.id, departmentId('NRP'));
    expect(item.opposed).toMatchObject({ meetingId: meeting.id, meetingTitle: '联审会议', basis });
    const onBoard = (await eeb.get('/api/board')).body.projects
      .find((p) => p.id === project.id)!
      .items.find((i) => i.departmentId === departmentId('NRP'))!;
    expect(opposedAtMeeting(onBoard)).toMatchObject({ basis });
    // An opinion is not the decision: the item still runs, and the department decides it.
    expect(item.status).toBe('in_review');
    const decided = await nrp.post(`/api/items/${item.id}/decision`, { outcome: 'rejected', basis });
    expect(decided.status).toBe(200);
    expect(opposedAtMeeting(decided.body)).toBeNull();
    const roomView = (await nrp.get(`/api/meetings/${meeting.id}`)).body;
    expect(roomView.undecidedDepartmentIds).not.toContain(departmentId('NRP'));
    expect(opposedInRoom(roomView.opinions, roomView.undecidedDepartmentIds)).toEqual([]);
    // Another department's agreement never marks it.
    expect(opposedAtMeeting(await itemOf(project.id, departmentId('DRC')))).toBeNull();
  });

  it("R18: each department's opinion history in the meeting view is bounded — the current version plus the last few — so GET meeting stays small with many versions; every version stays stored", async () => {
    const { meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    expect((await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' })).status).toBe(200);
    const small = JSON.stringify((await nrp.get(`/api/meetings/${meeting.id}`)).body).length;
    const nrpUser = (await nrp.get('/api/auth/me')).body.id;
    // 2,000 earlier changes of opinion, written straight in (the table is append-only, inserts are allowed).
    await sql.query(
      `INSERT INTO meeting_opinions (meeting_id, department_id, version, kind, basis, given_by, given_at)
       SELECT $1, $2, v, 'disagree', '依据' || v, $3, now() FROM generate_series(2, 2001) v`,
      [meeting.id, departmentId('NRP'), nrpUser],
    );
    const last = await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree_with_conditions', conditions: '限高 80 米' });
    expect(last.status).toBe(200);
    const view = (await drc.get(`/api/meetings/${meeting.id}`)).body;
    expect(view.opinions.find((o) => o.departmentId === departmentId('NRP'))).toMatchObject({
      kind: 'agree_with_conditions',
      version: 2002,
    });
    const kept = view.opinionHistory.filter((o) => o.departmentId === departmentId('NRP')).map((o) => o.version);
    expect(kept).toEqual(Array.from({ length: OPINION_VERSIONS_SHOWN }, (_, i) => 2002 - OPINION_VERSIONS_SHOWN + 1 + i));
    expect(JSON.stringify(view).length).toBeLessThan(small + 4_000);
    expect((await sql.query('SELECT count(*)::int AS n FROM meeting_opinions WHERE meeting_id = $1', [meeting.id])).rows[0].n).toBe(2002);
  });

  it('R18 R19: opinions of two departments at the same moment are both kept; none is accepted before opening or after close', async () => {
    const { meeting, departmentId } = await setUp();
    expect((await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' })).status).toBe(409); // not open yet
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const [a, b] = await Promise.all([
      drc.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' }),
      nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree_with_conditions', conditions: '限高 80 米' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const view = (await leader.get(`/api/meetings/${meeting.id}`)).body;
    expect(view.opinions.map((o) => o.departmentId).sort()).toEqual([departmentId('DRC'), departmentId('NRP')].sort());

    // A close racing a burst of opinions: every opinion either committed before the close (and is in
    // the closed meeting) or was refused with 409 — none lost, none after close.
    await advanceTo(new Date(new Date(meeting.closableFrom).getTime() + 1000));
    const burst = Array.from({ length: 6 }, (_, i) => (i % 2 ? drc : nrp).post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' }));
    const closing = window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '通过' });
    const results = await Promise.all(burst);
    expect((await closing).status).toBe(200);
    const accepted = results.filter((r) => r.status === 200).length;
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const stored = (
      await sql.query(
        'SELECT count(*)::int AS n, max(given_at) <= (SELECT closed_at FROM meetings WHERE id = $1) AS before_close FROM meeting_opinions WHERE meeting_id = $1',
        [meeting.id],
      )
    ).rows[0];
    expect(stored.n).toBe(2 + accepted);
    expect(stored.before_close).toBe(true);
    expect((await nrp.post(`/api/meetings/${meeting.id}/opinions`, { kind: 'agree' })).status).toBe(409);
    expect((await window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '再次' })).status).toBe(409);
  });

  it('R19: every room view is one consistent moment: ordered by card position, attendance only grows', async () => {
    const { meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const views: MeetingView[] = [];
    // Writes one after another while two readers read without pause until the last write has landed:
    // reads fall before, between and after the writes however fast or slow the machine is.
    let writing = true;
    const read = async () => {
      do views.push((await leader.get(`/api/meetings/${meeting.id}`)).body);
      while (writing);
    };
    const write = async () => {
      for (const code of ['DRC', 'NRP', 'EEB'])
        views.push((await window.post(`/api/meetings/${meeting.id}/attendance`, { departmentId: departmentId(code) })).body);
      writing = false;
    };
    await Promise.all([read(), read(), write()]);
    views.sort((a, b) => a.asOf - b.asOf);
    for (let i = 1; i < views.length; i++) {
      const before = new Set(views[i - 1]!.presentDepartmentIds);
      const after = new Set(views[i]!.presentDepartmentIds);
      if (views[i]!.asOf === views[i - 1]!.asOf) expect(after).toEqual(before);
      else expect([...before].every((d) => after.has(d))).toBe(true);
    }
    expect(views.at(-1)!.presentDepartmentIds).toHaveLength(3);
  });

  it('R15: a department marked present in person by the convener is not absent', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const marked = await window.post(`/api/meetings/${meeting.id}/attendance`, { departmentId: departmentId('EEB') });
    expect(marked.status).toBe(200);
    expect(marked.body.roll.find((r) => r.departmentId === departmentId('EEB'))).toMatchObject({
      state: 'present',
      presentHow: 'marked',
    });
    expect((await closeAfterGrace(window, meeting, { conclusion: '同意' })).status).toBe(200);
    expect((await itemOf(project.id, departmentId('EEB'))).status).toBe('in_review');
  });

  it('R15 R16: an absence excused by an accepted explanation is not deemed; a pending one is held until the ruling, then deemed on rejection', async () => {
    const { project, meeting, departmentId } = await setUp();
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    const nrpItem = await itemOf(project.id, departmentId('NRP'));
    const excuse = await eeb.post(`/api/items/${eebItem.id}/explanations`, { text: '同日参加省厅会议', meetingId: meeting.id });
    expect(excuse.status).toBe(201);
    expect((await leader.post(`/api/explanations/${excuse.body.id}/ruling`, { ruling: 'accepted' })).status).toBe(200);
    const pending = await nrp.post(`/api/items/${nrpItem.id}/explanations`, { text: '系统故障无法接入', meetingId: meeting.id });
    expect(pending.status).toBe(201);

    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    const closed = (await closeAfterGrace(leader, meeting, { conclusion: '同意' })).body;
    const state = (code: string) => closed.roll.find((r) => r.departmentId === departmentId(code))!;
    expect(state('EEB')).toMatchObject({ state: 'excused', outcome: 'excused' });
    expect(state('NRP')).toMatchObject({ state: 'held', outcome: 'held' });
    expect((await itemOf(project.id, departmentId('EEB'))).status).toBe('in_review');
    expect((await itemOf(project.id, departmentId('NRP'))).status).toBe('in_review');

    // Rejected: R15 applies at once, cause "absent from meeting", effective at the close.
    const ruled = await leader.post(`/api/explanations/${pending.body.id}/ruling`, { ruling: 'rejected', note: '理由不充分' });
    expect(ruled.status).toBe(200);
    const nrpAfter = await itemOf(project.id, departmentId('NRP'));
    expect(nrpAfter.status).toBe('deemed_consent');
    expect(nrpAfter.decidedAt).toBe(closed.closedAt);
    const cause = (await sql.query('SELECT cause, meeting_id FROM deemed_consents WHERE item_id = $1', [nrpItem.id])).rows;
    expect(cause).toEqual([{ cause: 'meeting_absence', meeting_id: meeting.id }]);
    expect((await leader.get(`/api/meetings/${meeting.id}`)).body.roll.find((r) => r.departmentId === departmentId('NRP'))!.outcome).toBe(
      'deemed',
    );
  });

  it('R16: a meeting excuse filed after the start holds nothing: the absent department is deemed at the close', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await advanceTo(new Date(new Date(meeting.closableFrom).getTime() + 1000));
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    const late = await eeb.post(`/api/items/${eebItem.id}/explanations`, { text: '临时抢险无法到会', meetingId: meeting.id });
    expect([201, 409]).toContain(late.status);
    const closed = (await window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '同意' })).body;
    expect(closed.roll.find((r) => r.departmentId === departmentId('EEB'))!.outcome).toBe('deemed');
    expect((await itemOf(project.id, departmentId('EEB'))).status).toBe('deemed_consent');
  });

  it('R15: an absent department whose item was never accepted is recorded absent but not deemed (no clock, no complete materials)', async () => {
    const { project, meeting, departmentId } = await setUp('joint_review', ['DRC', 'NRP']);
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const closed = (await closeAfterGrace(window, meeting, { conclusion: '同意' })).body;
    expect(closed.roll.find((r) => r.departmentId === departmentId('EEB'))).toMatchObject({
      state: 'absent',
      outcome: 'absent_no_open_item',
    });
    expect((await itemOf(project.id, departmentId('EEB'))).status).toBe('awaiting_acceptance');
  });

  it('R2: a liaison reads only meetings its department is invited to or convened; any other is 403, as the desk list hides it', async () => {
    const { meeting } = await setUp();
    const hud = await hub.login('liaison-hud', 1);
    const refused = await hud.get(`/api/meetings/${meeting.id}`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(meeting.title);
    expect((await hud.get('/api/meetings')).body.map((m) => m.id)).not.toContain(meeting.id);
    expect((await nrp.get(`/api/meetings/${meeting.id}`)).status).toBe(200); // invited
    expect((await drc.get(`/api/meetings/${meeting.id}`)).status).toBe(200); // convener (lead)
    expect((await window.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
  });

  it('R20: rectification requests are made on site inspections only; on an ordinary meeting the request is refused naming R20 and nothing changes', async () => {
    const { project, meeting } = await setUp('joint_review');
    await drc.post(`/api/meetings/${meeting.id}/opening`);
    const cardBefore = (await leader.get(`/api/projects/${project.id}/card`)).body;
    const refused = await drc.post(`/api/inspections/${meeting.id}/rectifications`, { request: '施工围挡加高至 2.5 米' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ detail: expect.stringContaining('R20'), errors: [{ field: 'kind' }] });
    expect((await sql.query('SELECT count(*)::int AS n FROM rectifications WHERE meeting_id = $1', [meeting.id])).rows[0].n).toBe(0);
    expect((await leader.get(`/api/projects/${project.id}/card`)).body).toEqual(cardBefore);
  });

  it('R20 R15: a site inspection records attendance, findings and rectifications (done or not); closing applies R15 as "absent from inspection"', async () => {
    const { project, meeting, departmentId } = await setUp('site_inspection');
    await drc.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await nrp.post(`/api/meetings/${meeting.id}/join`);
    const r1 = (
      await drc.post(`/api/inspections/${meeting.id}/rectifications`, {
        request: '施工围挡加高至 2.5 米',
        departmentId: departmentId('NRP'),
      })
    ).body;
    await drc.post(`/api/inspections/${meeting.id}/rectifications`, { request: '渣土车冲洗设施' });
    expect((await drc.post(`/api/inspections/${meeting.id}/rectifications/${r1.rectifications[0]!.id}/done`)).status).toBe(200);
    expect((await nrp.post(`/api/inspections/${meeting.id}/rectifications`, { request: 'x' })).status).toBe(403); // not the convener
    const closed = (await closeAfterGrace(leader, meeting, { conclusion: '现场条件具备', findings: '红线内无违建' })).body;
    expect(closed.findings).toBe('红线内无违建');
    expect(closed.rectifications.map((r) => r.done)).toEqual([true, false]);
    const eeb = await itemOf(project.id, departmentId('EEB'));
    expect(eeb.status).toBe('deemed_consent');
    expect((await sql.query('SELECT cause FROM deemed_consents WHERE item_id = $1', [eeb.id])).rows).toEqual([
      { cause: 'inspection_absence' },
    ]);
  });

  it('R15 R14: an item deemed by timeout before the close is not deemed twice; a close and the engine racing deem once', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    // The deadline passes while the meeting is open (meetings never pause R14).
    const now = await hubNow();
    await admin.post('/api/test/clock', { advanceMs: new Date(eebItem.dueAt!).getTime() - now.getTime() + 10 });
    const closing = window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '同意' });
    expect((await closing).status).toBe(200);
    await eventually(async () => ((await itemOf(project.id, departmentId('EEB'))).status === 'deemed_consent' ? true : undefined));
    const rows = (await sql.query('SELECT cause FROM deemed_consents WHERE item_id = $1', [eebItem.id])).rows;
    expect(rows).toHaveLength(1);
    expect(
      (
        await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE action = 'item.deemed_consent' AND after->'item'->>'id' = $1`, [
          eebItem.id,
        ])
      ).rows[0].n,
    ).toBe(1);
  });

  it('R15 (never closed): a meeting still open the lapse period after its scheduled end lapses without deeming anyone, on the card', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    // Move the clock past end + the lapse, but keep every item's deadline ahead: extend them first (a week: within the R12 bound).
    const items = (await leader.get(`/api/projects/${project.id}`)).body.items as { id: string; dueAt: string | null }[];
    for (const item of items.filter((i) => i.dueAt)) {
      const newDueAt = new Date(new Date(item.dueAt!).getTime() + 7 * 86_400_000).toISOString();
      expect((await leader.post(`/api/items/${item.id}/extension`, { newDueAt, reason: '等待联审结论' })).status).toBe(200);
    }
    const now = await hubNow();
    await admin.post('/api/test/clock', { advanceMs: new Date(meeting.endsAt).getTime() - now.getTime() + LAPSE_MS + 50 });
    const lapsed = await eventually(async () => {
      const v = (await leader.get(`/api/meetings/${meeting.id}`)).body;
      return v.status === 'lapsed' ? v : undefined;
    });
    expect(lapsed.roll.every((r) => r.state !== 'absent')).toBe(true);
    expect(
      ((await leader.get(`/api/projects/${project.id}`)).body.items as { status: string }[]).every((i) => i.status === 'in_review'),
    ).toBe(true);
    const card = (await leader.get(`/api/projects/${project.id}/card`)).body;
    // Once, by no one (the early warnings of the extended items may follow it).
    expect(card.filter((e) => e.action === 'meeting.lapsed')).toEqual([expect.objectContaining({ actor: null })]);
    expect((await window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '补记' })).status).toBe(409);
    expect(departmentId('EEB')).toBeTruthy();
  });

  /** The tables and card a refused request must leave as they were (R26). */
  const footprint = async (projectId: string) =>
    JSON.stringify([
      (await sql.query('SELECT status, closed_at FROM meetings WHERE project_id = $1 ORDER BY id', [projectId])).rows,
      (
        await sql.query(
          'SELECT mi.* FROM meeting_invitees mi JOIN meetings m ON m.id = mi.meeting_id WHERE m.project_id = $1 ORDER BY mi.meeting_id, mi.department_id',
          [projectId],
        )
      ).rows,
      (await sql.query('SELECT id, status, due_at, deadline_version FROM approval_items WHERE project_id = $1 ORDER BY id', [projectId]))
        .rows,
      (await sql.query('SELECT count(*)::int AS n FROM notices WHERE project_id = $1', [projectId])).rows,
      (await sql.query('SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1', [projectId])).rows,
    ]);

  it('R15a R2: the ambush — a liaison convenes a meeting starting a minute ago (or in 50 minutes): it cannot close it, and the close has no R15 effect', async () => {
    const { project, departmentId } = await admittedProject(
      window,
      leader,
      ['DRC', 'NRP', 'EEB'],
      `突袭会议${Math.random().toString(36).slice(2, 7)}`,
    );
    for (const item of project.items) expect((await acceptItem(window, item.id)).status).toBe(200);
    for (const minutes of [-1, 50]) {
      const convened = (
        await drc.post(`/api/projects/${project.id}/meetings`, {
          kind: 'joint_review',
          title: `联审会议${minutes}`,
          startsAt: await soon(minutes),
          online: true,
        })
      ).body;
      expect(convened.roll.every((r) => r.noticeGiven === false)).toBe(true);
      expect((await drc.post(`/api/meetings/${convened.id}/opening`)).status).toBe(200);
      // The liaison may propose the close, never close: 403, nothing changes.
      const before = await footprint(project.id);
      expect((await drc.post(`/api/meetings/${convened.id}/closing`, { conclusion: '同意' })).status).toBe(403);
      expect(await footprint(project.id)).toBe(before);
      // Even the window cannot close before the start plus the grace: 409 naming R15a and the field.
      const early = await window.post(`/api/meetings/${convened.id}/closing`, { conclusion: '同意' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ rule: 'R15a', errors: [{ field: 'status' }] });
      expect(await footprint(project.id)).toBe(before);
      // After the grace, the close takes place — but nobody invited without notice is deemed.
      const closed = (await closeAfterGrace(window, convened, { conclusion: '同意' })).body;
      expect(closed.status).toBe('closed');
      expect(closed.roll.map((r) => r.outcome)).toEqual(['not_bound', 'not_bound', 'not_bound']);
      expect(closed.roll.every((r) => r.noticeNumber === null)).toBe(true);
    }
    for (const code of ['DRC', 'NRP', 'EEB']) expect((await itemOf(project.id, departmentId(code))).status).toBe('in_review');
    expect(
      (
        await sql.query(
          'SELECT count(*)::int AS n FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE i.project_id = $1',
          [project.id],
        )
      ).rows[0].n,
    ).toBe(0);
  });

  it('R15a: a late join is recorded late and counts as absent: deemed at the close, with its notice number on the closed room', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await eeb.post(`/api/meetings/${meeting.id}/join`);
    await advanceTo(new Date(new Date(meeting.startsAt).getTime() + 15 * 60_000 + 1000)); // past the grace
    const late = (await nrp.post(`/api/meetings/${meeting.id}/join`)).body;
    expect(late.roll.find((r) => r.departmentId === departmentId('NRP'))).toMatchObject({ state: 'late', punctuality: 'late' });
    const preview = (await window.post(`/api/meetings/${meeting.id}/closing-preview`, {})).body;
    expect(preview.outcomes.filter((o) => o.outcome === 'deemed').map((o) => o.departmentId)).toEqual([departmentId('NRP')]);
    const closed = (await window.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '同意' })).body;
    const nrpRoll = closed.roll.find((r) => r.departmentId === departmentId('NRP'))!;
    expect(nrpRoll).toMatchObject({ state: 'late', outcome: 'deemed', lateExcuse: null });
    const nrpItem = await itemOf(project.id, departmentId('NRP'));
    expect(nrpItem).toMatchObject({
      status: 'deemed_consent',
      deemedCause: 'meeting_absence',
      noticeNumber: nrpRoll.noticeNumber,
      decidedAt: closed.closedAt,
    });
    expect(closed.roll.find((r) => r.departmentId === departmentId('EEB'))).toMatchObject({
      state: 'present',
      punctuality: 'on_time',
      outcome: 'present',
    });
  });

  it('R15a: a late join excused by the closer with a reason is excused; an excuse naming an on-time department or without reason is refused and changes nothing', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await eeb.post(`/api/meetings/${meeting.id}/join`);
    await advanceTo(new Date(new Date(meeting.closableFrom).getTime() + 60_000));
    await nrp.post(`/api/meetings/${meeting.id}/join`);
    const before = await footprint(project.id);
    const onTime = await leader.post(`/api/meetings/${meeting.id}/closing`, {
      conclusion: '同意',
      lateExcuses: [{ departmentId: departmentId('EEB'), reason: '误会' }],
    });
    expect(onTime.status).toBe(400);
    expect(onTime.body).toMatchObject({ rule: 'R15a', errors: [{ field: 'lateExcuses[0].departmentId' }] });
    const noReason = await leader.post(`/api/meetings/${meeting.id}/closing`, {
      conclusion: '同意',
      lateExcuses: [{ departmentId: departmentId('NRP'), reason: ' ' }],
    });
    expect(noReason.body).toMatchObject({ rule: 'R15a', errors: [{ field: 'lateExcuses[0].reason' }] });
    expect(await footprint(project.id)).toBe(before);
    const closed = (
      await leader.post(`/api/meetings/${meeting.id}/closing`, {
        conclusion: '同意',
        lateExcuses: [{ departmentId: departmentId('NRP'), reason: '前序会议超时，经主持人同意' }],
      })
    ).body;
    expect(closed.roll.find((r) => r.departmentId === departmentId('NRP'))).toMatchObject({
      state: 'excused',
      outcome: 'excused',
      punctuality: 'late',
      lateExcuse: '前序会议超时，经主持人同意',
    });
    expect((await itemOf(project.id, departmentId('NRP'))).status).toBe('in_review');
  });

  it('R16: an accepted meeting excuse excuses that meeting alone, never another meeting of the project', async () => {
    const { project, meeting, departmentId } = await setUp();
    const second = (
      await window.post(`/api/projects/${project.id}/meetings`, {
        kind: 'coordination',
        title: '协调会议',
        startsAt: await withNotice(),
        online: true,
      })
    ).body;
    expect(second.roll.every((r) => r.noticeGiven)).toBe(true);
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    const excuse = await eeb.post(`/api/items/${eebItem.id}/explanations`, { text: '同日参加省厅会议', meetingId: meeting.id });
    expect((await leader.post(`/api/explanations/${excuse.body.id}/ruling`, { ruling: 'accepted' })).status).toBe(200);
    await window.post(`/api/meetings/${meeting.id}/opening`);
    const first = (await closeAfterGrace(window, meeting, { conclusion: '同意' })).body;
    expect(first.roll.find((r) => r.departmentId === departmentId('EEB'))).toMatchObject({ state: 'excused', outcome: 'excused' });
    expect((await itemOf(project.id, departmentId('EEB'))).status).toBe('in_review');
    await advanceTo(new Date(new Date(second.startsAt).getTime() - 10 * 60_000));
    await window.post(`/api/meetings/${second.id}/opening`);
    const other = (await closeAfterGrace(window, second, { conclusion: '同意' })).body;
    expect(other.roll.find((r) => r.departmentId === departmentId('EEB'))).toMatchObject({ state: 'absent', outcome: 'deemed' });
    const deemed = (await sql.query('SELECT cause, meeting_id FROM deemed_consents WHERE item_id = $1', [eebItem.id])).rows;
    expect(deemed).toEqual([{ cause: 'meeting_absence', meeting_id: second.id }]);
  });

  it('R15a R14: two instances racing to close one meeting close it exactly once: one notice per deemed department, one close on the card', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await advanceTo(new Date(new Date(meeting.closableFrom).getTime() + 1000));
    const windowOnSecond = await hub.login('window', 1);
    const leaderOnFirst = await hub.login('leader');
    const replies = await Promise.all(
      [windowOnSecond, leaderOnFirst, windowOnSecond, leaderOnFirst].map((c) =>
        c.post(`/api/meetings/${meeting.id}/closing`, { conclusion: '同意' }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const closes = (
      await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE action = 'meeting.closed' AND project_id = $1`, [project.id])
    ).rows[0].n;
    expect(closes).toBe(1);
    const notices = (
      await sql.query(
        `SELECT item_id, count(*)::int AS n FROM notices WHERE project_id = $1 AND kind = 'timeout_implied_consent' GROUP BY item_id`,
        [project.id],
      )
    ).rows;
    expect(notices.map((n) => n.n)).toEqual([1, 1]);
    for (const code of ['NRP', 'EEB']) expect((await itemOf(project.id, departmentId(code))).status).toBe('deemed_consent');
  });

  it('R17: the absence notice names the meeting and takes effect at its close — in the stored content and in the PDF', async () => {
    const { project, meeting, departmentId } = await setUp('site_inspection');
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await nrp.post(`/api/meetings/${meeting.id}/join`);
    const closed = (await closeAfterGrace(window, meeting, { conclusion: '现场条件具备', findings: '无' })).body;
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    const notice = (
      await sql.query(`SELECT id, content FROM notices WHERE item_id = $1 AND kind = 'timeout_implied_consent'`, [eebItem.id])
    ).rows[0];
    expect(notice.content).toMatchObject({
      cause: 'inspection_absence',
      meeting: '联合踏勘',
      meetingKind: 'site_inspection',
      effectiveAt: closed.closedAt,
      meetingStartsAt: meeting.startsAt,
    });
    const res = await fetch(`${hub.first.url}/api/notices/${notice.id}/pdf`, { headers: { cookie: leader.cookie } });
    expect(res.status).toBe(200);
    const text = (await pdfPages(Buffer.from(await res.arrayBuffer()))).join('');
    expect(text).toContain('“联合踏勘”（联合踏勘）');
    expect(text).toContain('缺席联合踏勘默许');
    expect(text).toContain('（联合踏勘结束时）起生效');
    expect(text).not.toContain('在承诺时限内未作出是否准予许可的决定');
  });

  it('R17 R21: a leader revokes a deemed consent issued in error by a numbered correction notice; the item returns to review; the original is superseded; a revoked consent does not count', async () => {
    const { project, meeting, departmentId } = await setUp();
    await window.post(`/api/meetings/${meeting.id}/opening`);
    await drc.post(`/api/meetings/${meeting.id}/join`);
    await nrp.post(`/api/meetings/${meeting.id}/join`);
    await closeAfterGrace(window, meeting, { conclusion: '同意' });
    const eebItem = await itemOf(project.id, departmentId('EEB'));
    expect(eebItem.status).toBe('deemed_consent');
    const original = (
      await sql.query(`SELECT id, number FROM notices WHERE item_id = $1 AND kind = 'timeout_implied_consent'`, [eebItem.id])
    ).rows[0];
    const newDueAt = new Date((await sql.query('SELECT hub_now() AS now')).rows[0].now.getTime() + 2 * 86_400_000).toISOString();
    const period = `from=${civilDateOf(new Date(eebItem.acceptedAt!), 'Asia/Shanghai')}&to=${civilDateOf(await hubNow(), 'Asia/Shanghai')}`;
    const eebDeemedInReport = async () =>
      ((await leader.get(`/api/accountability?${period}`)).body.rows as { departmentId: string; deemedConsents: number }[]).find(
        (r) => r.departmentId === departmentId('EEB'),
      )!.deemedConsents;
    const countedBefore = await eebDeemedInReport();
    expect(countedBefore).toBeGreaterThanOrEqual(1);

    // Refusals name the rule and the field and change nothing.
    const before = await footprint(project.id);
    expect((await eeb.post(`/api/notices/${original.id}/corrections`, { reason: '签到有误', newDueAt })).status).toBe(403);
    expect((await window.post(`/api/notices/${original.id}/corrections`, { reason: '签到有误', newDueAt })).status).toBe(403);
    const noDue = await leader.post(`/api/notices/${original.id}/corrections`, { reason: '签到有误' });
    expect(noDue.body).toMatchObject({ status: 400, rule: 'R17', errors: [{ field: 'newDueAt' }] });
    const past = await leader.post(`/api/notices/${original.id}/corrections`, { reason: '签到有误', newDueAt: '2020-01-01T00:00:00.000Z' });
    expect(past.body).toMatchObject({ rule: 'R17', errors: [{ field: 'newDueAt' }] });
    const noReason = await leader.post(`/api/notices/${original.id}/corrections`, { reason: '  ', newDueAt });
    expect(noReason.body).toMatchObject({ rule: 'R17', errors: [{ field: 'reason' }] });
    expect(await footprint(project.id)).toBe(before);

    const correction = await leader.post(`/api/notices/${original.id}/corrections`, { reason: '该部门代表已到会，签到记录遗漏', newDueAt });
    expect({ status: correction.status, body: correction.body }).toMatchObject({ status: 201 });
    expect(correction.body).toMatchObject({
      kind: 'correction_notice',
      number: expect.stringMatching(/^绿通更正〔\d{4}〕\d+号$/),
      corrects: { id: original.id, number: original.number },
    });
    const after = await itemOf(project.id, departmentId('EEB'));
    expect(after).toMatchObject({
      status: 'in_review',
      dueAt: newDueAt,
      deadlineVersion: eebItem.deadlineVersion + 1,
      deemedCause: null,
      noticeNumber: null,
    });
    expect((await leader.get(`/api/notices/${original.id}`)).body.supersededBy).toEqual({
      id: correction.body.id,
      number: correction.body.number,
    });
    const card = (await leader.get(`/api/projects/${project.id}/card`)).body;
    expect(card.find((e) => e.action === 'item.consent_revoked')).toMatchObject({
      actor: { role: 'leader' },
      detail: { corrects: original.number, noticeNumber: correction.body.number },
    });
    // The PDF of the correction cites the original and the reason.
    const res = await fetch(`${hub.first.url}/api/notices/${correction.body.id}/pdf`, { headers: { cookie: leader.cookie } });
    const text = (await pdfPages(Buffer.from(await res.arrayBuffer()))).join('');
    expect(text).toContain(original.number);
    expect(text).toContain('该部门代表已到会，签到记录遗漏');
    expect(text).toContain('撤销该通知书所认定的视为默认许可');
    // Exactly once: a second revocation (even racing, on the other instance) is refused.
    const again = await Promise.all(
      [leader, await hub.login('leader')].map((c) => c.post(`/api/notices/${original.id}/corrections`, { reason: '重复', newDueAt })),
    );
    expect(again.map((r) => r.status)).toEqual([409, 409]);
    // R21: the revoked consent no longer counts against EEB (same period, same moment of the clock).
    expect(await eebDeemedInReport()).toBe(countedBefore - 1);
  });
});
