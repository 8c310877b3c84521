import { unzipSync, strFromU8 } from 'fflate';
import {
  buildCalendar,
  civilDateOf,
  earliestBindingStart,
  SHIPPED_CALENDAR,
  medianOf,
  quarterDates,
  quarterOf,
  workingMsBetween,
} from '@hub/shared';
import { runningProject } from './leaders-fixtures';
import { withHub, eventually, rewriteNotice, problem, fieldErrors, advanceTo, hubNow } from './test-hub';

const TZ = 'Asia/Shanghai';

describe('accountability record and circulation reports (R21, R22, real PostgreSQL)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader', admin: 'admin' } });
  const { sql } = hub;
  const { window, leader, admin } = hub.people;
  const ids: Record<string, string> = {};
  let period: { from: string; to: string };
  let drcHours: number;

  beforeAll(async () => {
    for (const d of (await window.get('/api/departments')).body) ids[d.code] = d.id;

    // As the steps of R12–R16 really happen (issue 3's routes): NRP approves and EEB rejects in time;
    // HUD's deadline is extended by a leader and HUD approves; DRC files an explanation that a leader
    // rejects, then runs out with three more DRC items; EMB misses a joint review meeting.
    const liaison = (code: string) => hub.login(`liaison-${code.toLowerCase()}`);
    const first = await runningProject(window, leader, ['DRC', 'NRP', 'EEB', 'HUD'], '考核项目一');
    const drcItems = [first.items['DRC']!];
    drcItems.push((await runningProject(window, leader, ['DRC'], '考核项目二')).items['DRC']!);
    drcItems.push((await runningProject(window, leader, ['DRC'], '考核项目三')).items['DRC']!);
    expect((await (await liaison('NRP')).post(`/api/items/${first.items['NRP']!.id}/decision`, { outcome: 'approved' })).status).toBe(200);
    expect(
      (
        await (
          await liaison('EEB')
        ).post(`/api/items/${first.items['EEB']!.id}/decision`, { outcome: 'rejected', basis: '《环境影响评价法》第二十二条' })
      ).status,
    ).toBe(200);
    const hud = first.items['HUD']!;
    const extended = await leader.post(`/api/items/${hud.id}/extension`, {
      newDueAt: new Date(new Date(hud.dueAt!).getTime() + 86_400_000).toISOString(),
      reason: '需补充专家论证',
    });
    expect(extended.status).toBe(200);
    expect((await (await liaison('HUD')).post(`/api/items/${hud.id}/decision`, { outcome: 'approved' })).status).toBe(200);
    const drcLiaison = await liaison('DRC');
    const explanation = await drcLiaison.post(`/api/items/${first.items['DRC']!.id}/explanations`, { text: '材料待补正' });
    expect(explanation.status).toBe(201);
    expect((await leader.post(`/api/explanations/${explanation.body.id}/ruling`, { ruling: 'rejected', note: '理由不充分' })).status).toBe(
      200,
    );

    const meetingProject = await runningProject(window, leader, ['DRC', 'EMB'], '考核项目四');
    drcItems.push(meetingProject.items['DRC']!);
    // R15a: invited a working day ahead, so EMB's absence counts; the close comes after the start plus the grace.
    const startsAt = new Date(earliestBindingStart(await hubNow(leader), buildCalendar(SHIPPED_CALENDAR), TZ, 1).getTime() + 60_000);
    const meeting = await window.post(`/api/projects/${meetingProject.project.id}/meetings`, {
      kind: 'joint_review',
      title: '联审会议',
      startsAt: startsAt.toISOString(),
      online: true,
      invitedDepartmentIds: [ids['DRC'], ids['EMB']],
    });
    expect(meeting.status).toBe(201);
    await advanceTo(admin, new Date(startsAt.getTime() - 30 * 60_000));
    expect((await window.post(`/api/meetings/${meeting.body.id}/opening`)).status).toBe(200);
    expect((await drcLiaison.post(`/api/meetings/${meeting.body.id}/join`)).status).toBe(200);
    await advanceTo(admin, new Date(meeting.body.closableFrom), 1000);
    expect((await window.post(`/api/meetings/${meeting.body.id}/closing`, { conclusion: '原则同意' })).status).toBe(200);

    // Issue 10 (R21 from structured facts): NRP's deadline explanation is accepted with a new due
    // instant and NRP approves — one accepted explanation, NOT also an extension. EEB, absent from a
    // meeting with its excuse pending, is excused when a leader accepts it after the close — an
    // excused absence, though the close recorded it held — and approves its item in time.
    const five = await runningProject(window, leader, ['NRP', 'EEB'], '考核项目五');
    const nrpLiaison = await liaison('NRP');
    const eebLiaison = await liaison('EEB');
    const nrpFive = five.items['NRP']!;
    const nrpExplanation = await nrpLiaison.post(`/api/items/${nrpFive.id}/explanations`, { text: '等待规划复核' });
    expect(nrpExplanation.status).toBe(201);
    const nrpNewDue = new Date(new Date(nrpFive.dueAt!).getTime() + 86_400_000).toISOString();
    expect(
      (await leader.post(`/api/explanations/${nrpExplanation.body.id}/ruling`, { ruling: 'accepted', newDueAt: nrpNewDue })).status,
    ).toBe(200);
    expect((await nrpLiaison.post(`/api/items/${nrpFive.id}/decision`, { outcome: 'approved' })).status).toBe(200);
    // R15a: invited with a working day's notice, so the close binds EEB (its excuse pending: held).
    const fiveStart = new Date(earliestBindingStart(await hubNow(leader), buildCalendar(SHIPPED_CALENDAR), TZ, 1).getTime() + 60_000);
    const fiveMeeting = await window.post(`/api/projects/${five.project.id}/meetings`, {
      kind: 'coordination',
      title: '协调会',
      startsAt: fiveStart.toISOString(),
      online: true,
      invitedDepartmentIds: [ids['NRP'], ids['EEB']],
    });
    expect(fiveMeeting.status).toBe(201);
    const excuse = await eebLiaison.post(`/api/items/${five.items['EEB']!.id}/explanations`, {
      text: '同时段参加省厅会议',
      meetingId: fiveMeeting.body.id,
    });
    expect(excuse.status).toBe(201);
    await advanceTo(admin, new Date(fiveStart.getTime() - 30 * 60_000));
    expect((await window.post(`/api/meetings/${fiveMeeting.body.id}/opening`)).status).toBe(200);
    expect((await nrpLiaison.post(`/api/meetings/${fiveMeeting.body.id}/join`)).status).toBe(200);
    await advanceTo(admin, new Date(fiveMeeting.body.closableFrom), 1000);
    expect((await window.post(`/api/meetings/${fiveMeeting.body.id}/closing`, { conclusion: '同意' })).status).toBe(200);
    expect((await leader.post(`/api/explanations/${excuse.body.id}/ruling`, { ruling: 'accepted', note: '请假理由成立' })).status).toBe(
      200,
    );
    expect((await eebLiaison.post(`/api/items/${five.items['EEB']!.id}/decision`, { outcome: 'approved' })).status).toBe(200);

    const drc = first.items['DRC']!;
    await advanceTo(admin, new Date(drc.dueAt!), 1000);
    await eventually(async () =>
      Number((await sql.query(`SELECT count(*) AS n FROM approval_items WHERE status = 'deemed_consent'`)).rows[0].n) === 5
        ? true
        : undefined,
    );

    period = { from: civilDateOf(new Date(drc.acceptedAt!), TZ), to: civilDateOf(new Date(new Date(drc.dueAt!).getTime() + 1000), TZ) };
    const cal = buildCalendar((await leader.get('/api/calendar')).body.calendar);
    const hours = drcItems.map((i) => workingMsBetween(new Date(i.acceptedAt!), new Date(i.dueAt!), cal, TZ));
    drcHours = Math.round((medianOf(hours)! / 3_600_000) * 10) / 10;
  });

  const reportPath = <K extends '' | '/csv' | '/xlsx'>(kind: K) =>
    `/api/accountability${kind}?from=${period.from}&to=${period.to}` as const;

  it('R21: per department and period — accepted, handled, on time, median working hours, deemed consents by cause, absences, extensions, explanations and rulings', async () => {
    const reply = await leader.get(reportPath(''));
    expect(reply.status).toBe(200);
    const row = (code: string) => reply.body.rows.find((r) => r.departmentId === ids[code])!;
    expect(reply.body.rows.map((r) => r.departmentId)).toEqual(['DRC', 'EEB', 'EMB', 'HUD', 'NRP'].map((c) => ids[c]));
    expect(row('DRC')).toMatchObject({
      accepted: 4,
      handled: 4,
      onTime: 0,
      onTimeRate: 0,
      deemedConsents: 4,
      deemedByCause: { timeout: 4, meeting_absence: 0 },
      medianWorkingHours: drcHours,
      absences: 0,
      explanationsFiled: 1,
      explanationsRejected: 1,
    });
    // Counted by hand: the accepted explanation is one accepted explanation and no extension.
    expect(row('NRP')).toMatchObject({
      accepted: 2,
      handled: 2,
      approved: 2,
      onTime: 2,
      onTimeRate: 1,
      deemedConsents: 0,
      explanationsFiled: 1,
      explanationsAccepted: 1,
      extensions: 0,
    });
    // The excuse accepted after the close: one absence, excused.
    expect(row('EEB')).toMatchObject({
      accepted: 2,
      handled: 2,
      rejected: 1,
      approved: 1,
      onTime: 2,
      absences: 1,
      excusedAbsences: 1,
      explanationsFiled: 1,
      explanationsAccepted: 1,
    });
    // Approved before its extended due instant: on time.
    expect(row('HUD')).toMatchObject({ accepted: 1, handled: 1, approved: 1, onTime: 1, extensions: 1 });
    expect(row('EMB')).toMatchObject({
      accepted: 1,
      handled: 1,
      deemedConsents: 1,
      deemedByCause: { meeting_absence: 1 },
      absences: 1,
      excusedAbsences: 0,
    });
    expect(reply.body.totals).toMatchObject({
      accepted: 10,
      handled: 10,
      onTime: 5,
      onTimeRate: 5 / 10,
      deemedConsents: 5,
      deemedByCause: { timeout: 4, meeting_absence: 1, inspection_absence: 0, explanation_rejected: 0 },
      absences: 2,
      excusedAbsences: 1,
      extensions: 1,
      explanationsFiled: 3,
      explanationsAccepted: 2,
      explanationsRejected: 1,
    });
    // Every ruling was made in time: nothing against the center.
    expect(reply.body.centerRulingsOverdue).toBe(0);
    expect(reply.body.causes.slice(0, 3)).toEqual(['timeout', 'meeting_absence', 'inspection_absence']);
  });

  it('R21 R2: each figure lists the items behind it, as many as it counts; leaders only', async () => {
    const report = (await leader.get(reportPath(''))).body;
    const behind = async (figure: string, code: string | null) => {
      const reply = await leader.get(
        `/api/accountability/items?from=${period.from}&to=${period.to}&figure=${figure}${code ? `&department=${ids[code]}` : ''}`,
      );
      expect(reply.status).toBe(200);
      return reply.body.items;
    };
    const drcDeemed = await behind('deemed.timeout', 'DRC');
    expect(drcDeemed).toHaveLength(4);
    expect(new Set(drcDeemed.map((i) => i.departmentId))).toEqual(new Set([ids['DRC']]));
    expect(drcDeemed.every((i) => i.status === 'deemed_consent' && /^GC-/.test(i.projectCode))).toBe(true);
    for (const [figure, count] of [
      ['handled', report.totals.handled],
      ['absences', report.totals.absences],
      ['extensions', report.totals.extensions],
      ['explanationsFiled', report.totals.explanationsFiled],
    ] as const) {
      expect([figure, (await behind(figure, null)).length]).toEqual([figure, count]);
    }
    expect((await behind('deemed.meeting_absence', 'EMB')).map((i) => i.departmentId)).toEqual([ids['EMB']]);
    expect((await window.get(`/api/accountability/items?from=${period.from}&to=${period.to}&figure=handled`)).status).toBe(403);
    expect((await leader.get(`/api/accountability/items?from=${period.from}&to=${period.to}&figure=handled;drop`)).status).toBe(400);
  });

  it('R21: the CSV (UTF-8 with BOM) and the XLSX list the same rows as the report', async () => {
    const csv = await leader.get(reportPath('/csv'));
    expect(csv.status).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[1]).toMatch(/^发展和改革局,[\d-]+~[\d-]+,4,4,0,0\.0%,[\d.]+,4,4,0,0,/);
    expect(lines.at(-1)).toMatch(/^合计 Total,/);

    const res = await fetch(hub.first.url + reportPath('/xlsx'), { headers: { cookie: leader.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`accountability_${period.from}_${period.to}.xlsx`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    for (const name of ['发展和改革局', '自然资源和规划局', '生态环境局', '合计 Total', '按时率 On-time rate']) expect(xml).toContain(name);
    expect(xml.match(/<row /g)).toHaveLength(1 + 5 + 1);
  });

  it('R21: a period ending before it starts, or a malformed date, is refused naming the field', async () => {
    expect(fieldErrors(await leader.get(`/api/accountability?from=2026-03-31&to=2026-03-01`))).toEqual([
      expect.objectContaining({ field: 'to' }),
    ]);
    expect(fieldErrors(await leader.get(`/api/accountability?from=2026-3-1&to=2026-03-31`))).toEqual([
      expect.objectContaining({ field: 'from' }),
    ]);
  });

  it('R22: three deemed consents in a quarter flag the department; a leader issues a numbered circulation report naming it, once', async () => {
    const quarter = quarterOf(period.to);
    const standing = (await leader.get(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(standing).toMatchObject({ ...quarter, ...quarterDates(quarter), threshold: 3 });
    expect(standing.departments.filter((d) => d.flagged).map((d) => d.departmentId)).toEqual([ids['DRC']]);

    const refused = await leader.post('/api/circulation-reports', { departmentId: ids['NRP'], ...quarter });
    expect(refused.status).toBe(409);
    expect(problem(refused).detail).toContain('R22');

    const issued = await leader.post('/api/circulation-reports', {
      departmentId: ids['DRC'],
      ...quarter,
      remarks: '限期一周内提交整改报告。',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      kind: 'circulation_report',
      number: `绿通通报〔${civilDateOf(new Date(issued.body.issuedAt), TZ).slice(0, 4)}〕1号`,
      projectId: null,
    });
    expect((await leader.post('/api/circulation-reports', { departmentId: ids['DRC'], ...quarter })).status).toBe(409);

    const notice = (await window.get(`/api/notices/${issued.body.id}`)).body;
    expect(notice).toMatchObject({
      hashValid: true,
      projectId: null,
      content: { project: null, department: { name: '发展和改革局' }, deemedConsents: 4, issuer: { displayName: '王主任' } },
    });
    expect(notice.content['text']).toContain('限期一周内提交整改报告。');
    const pdf = await fetch(`${hub.first.url}/api/notices/${issued.body.id}/pdf`, { headers: { cookie: leader.cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const after = (await leader.get(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(after.departments.find((d) => d.departmentId === ids['DRC'])!.report).toMatchObject({
      id: issued.body.id,
      number: issued.body.number,
    });
  });

  it('R22 R17: the report, once issued, is on record and never changes', async () => {
    await expect(sql.query(`UPDATE notices SET content = '{}' WHERE kind = 'circulation_report'`)).rejects.toThrow(/append-only/);
    await expect(sql.query('DELETE FROM circulation_reports')).rejects.toThrow(/append-only/);
    await expect(
      sql.query(
        `INSERT INTO notices (kind, year, serial, number, project_id, issued_at, content, content_hash) VALUES ('receipt', 2026, 99, 'x', NULL, now(), '{}', '')`,
      ),
    ).rejects.toThrow(/notices_project_or_circulation/);
  });

  it('R22 R5: a circulation report is on no card: the checkpoint signs its hash and finds it rewritten with its stored hash', async () => {
    const report = (await sql.query(`SELECT id FROM notices WHERE kind = 'circulation_report'`)).rows[0];
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    expect(checkpoint.documents).toContainEqual({ id: report.id, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await leader.post('/api/card/checkpoint/verification', checkpoint)).body).toMatchObject({
      valid: true,
    });
    await rewriteNotice(sql, report.id);
    const result = (await leader.post('/api/card/checkpoint/verification', checkpoint)).body;
    expect(result).toMatchObject({ signatureValid: true, valid: false });
    expect(result.problems).toEqual([{ projectId: null, noticeId: report.id, problem: 'notice_rewritten' }]);
  });

  it('R22: the threshold is a setting', async () => {
    const settings = (await admin.get('/api/settings')).body;
    await admin.put('/api/settings', { ...settings, circulationThreshold: 5 });
    const quarter = quarterOf(period.to);
    const standing = (await leader.get(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(standing.threshold).toBe(5);
    expect(standing.departments.some((d) => d.flagged)).toBe(false);
  });
});
