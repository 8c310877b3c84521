import { unzipSync, strFromU8 } from 'fflate';
import { Client } from 'pg';
import {
  buildCalendar,
  civilDateOf,
  quarterDates,
  quarterOf,
  workingMsBetween,
  type AccountabilityReport,
  type CalendarResponse,
  type CirculationStanding,
  type NoticeSummary,
  type NoticeView,
} from '@hub/shared';
import { advanceTo, runningProject } from './leaders-fixtures';
import { createTestDatabase, eventually, HubClient, loadPeople, startTestHub, type TestHub } from './test-hub';

const TZ = 'Asia/Shanghai';

describe('accountability record and circulation reports (R21, R22, real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;
  let hub: TestHub;
  let window: HubClient;
  let leader: HubClient;
  let admin: HubClient;
  const ids: Record<string, string> = {};
  let period: { from: string; to: string };
  let drcHours: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    window = await HubClient.login(hub.url, 'window');
    leader = await HubClient.login(hub.url, 'leader');
    admin = await HubClient.login(hub.url, 'admin');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    for (const d of (await window.get<{ id: string; code: string }[]>('/api/departments')).body) ids[d.code] = d.id;

    // Three DRC items run out (deemed consent, timeout); NRP approves, EEB rejects, both in time.
    const first = await runningProject(window, leader, ['DRC', 'NRP', 'EEB'], '考核项目一');
    await runningProject(window, leader, ['DRC'], '考核项目二');
    await runningProject(window, leader, ['DRC'], '考核项目三');
    expect((await (await HubClient.login(hub.url, 'liaison-nrp')).post(`/api/items/${first.items['NRP']!.id}/decision`, { outcome: 'approved' })).status).toBe(200);
    const eeb = await HubClient.login(hub.url, 'liaison-eeb');
    expect((await eeb.post(`/api/items/${first.items['EEB']!.id}/decision`, { outcome: 'rejected', basis: '《环境影响评价法》第二十二条' })).status).toBe(200);
    const drc = first.items['DRC']!;
    await advanceTo(admin, new Date(drc.dueAt), 1000);
    await eventually(async () => (Number((await sql.query(`SELECT count(*) AS n FROM approval_items WHERE status = 'deemed_consent'`)).rows[0].n) === 3 ? true : undefined));
    // An extension as issue 3 records it (R12): a card step on the item, counted for its department.
    await sql.query(
      `INSERT INTO card_entries (position, project_id, seq, at, actor, action, before, after, detail, prev_hash, hash)
       SELECT MAX(position) + 1, $1, 99, hub_now(), NULL, 'item.extended', NULL, jsonb_build_object('kind', 'item', 'item', jsonb_build_object('departmentId', $2::text)), '{}', '', '' FROM card_entries`,
      [first.project.id, ids['HUD']],
    );

    period = { from: civilDateOf(new Date(drc.acceptedAt), TZ), to: civilDateOf(new Date(new Date(drc.dueAt).getTime() + 1000), TZ) };
    const { calendar } = (await leader.get<CalendarResponse>('/api/calendar')).body;
    drcHours = Math.round((workingMsBetween(new Date(drc.acceptedAt), new Date(drc.dueAt), buildCalendar(calendar), TZ) / 3_600_000) * 10) / 10;
  });
  afterAll(async () => {
    await sql.end();
    await hub.close();
    await db.drop();
  });

  const reportPath = (kind = '') => `/api/accountability${kind}?from=${period.from}&to=${period.to}`;

  it('R21: per department and period — accepted, handled, on time, median working hours, deemed consents by cause, extensions', async () => {
    const reply = await leader.get<AccountabilityReport>(reportPath());
    expect(reply.status).toBe(200);
    const row = (code: string) => reply.body.rows.find((r) => r.departmentId === ids[code])!;
    expect(reply.body.rows.map((r) => r.departmentId)).toEqual(['DRC', 'EEB', 'EMB', 'HUD', 'NRP'].map((c) => ids[c]));
    expect(row('DRC')).toMatchObject({ accepted: 3, handled: 3, onTime: 0, onTimeRate: 0, deemedConsents: 3, deemedByCause: { timeout: 3 }, medianWorkingHours: drcHours });
    expect(row('NRP')).toMatchObject({ accepted: 1, handled: 1, approved: 1, onTime: 1, onTimeRate: 1, deemedConsents: 0 });
    expect(row('EEB')).toMatchObject({ accepted: 1, handled: 1, rejected: 1, onTime: 1 });
    expect(row('HUD')).toMatchObject({ accepted: 0, handled: 0, onTimeRate: null, medianWorkingHours: null, extensions: 1 });
    expect(reply.body.totals).toMatchObject({ accepted: 5, handled: 5, onTime: 2, onTimeRate: 0.4, deemedConsents: 3, extensions: 1 });
    expect(reply.body.causes.slice(0, 3)).toEqual(['timeout', 'meeting_absence', 'inspection_absence']);
  });

  it('R21: the CSV (UTF-8 with BOM) and the XLSX list the same rows as the report', async () => {
    const csv = await leader.get<string>(reportPath('/csv'));
    expect(csv.status).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[1]).toMatch(/^发展和改革局,[\d-]+~[\d-]+,3,3,0,0\.0%,[\d.]+,3,3,0,0,/);
    expect(lines.at(-1)).toMatch(/^合计 Total,/);

    const res = await fetch(hub.url + reportPath('/xlsx'), { headers: { cookie: leader.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`accountability_${period.from}_${period.to}.xlsx`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = Object.entries(files).filter(([name]) => name.startsWith('xl/')).map(([, data]) => strFromU8(data)).join('');
    for (const name of ['发展和改革局', '自然资源和规划局', '生态环境局', '合计 Total', '按时率 On-time rate']) expect(xml).toContain(name);
    expect(xml.match(/<row /g)).toHaveLength(1 + 5 + 1);
  });

  it('R21: a period ending before it starts, or a malformed date, is refused naming the field', async () => {
    expect((await leader.get(`/api/accountability?from=2026-03-31&to=2026-03-01`)).body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    expect((await leader.get(`/api/accountability?from=2026-3-1&to=2026-03-31`)).body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('R22: three deemed consents in a quarter flag the department; a leader issues a numbered circulation report naming it, once', async () => {
    const quarter = quarterOf(period.to);
    const standing = (await leader.get<CirculationStanding>(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(standing).toMatchObject({ ...quarter, ...quarterDates(quarter), threshold: 3 });
    expect(standing.departments.filter((d) => d.flagged).map((d) => d.departmentId)).toEqual([ids['DRC']]);

    const refused = await leader.post('/api/circulation-reports', { departmentId: ids['NRP'], ...quarter });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('R22');

    const issued = await leader.post<NoticeSummary>('/api/circulation-reports', { departmentId: ids['DRC'], ...quarter, remarks: '限期一周内提交整改报告。' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ kind: 'circulation_report', number: `绿通通报〔${civilDateOf(new Date(issued.body.issuedAt), TZ).slice(0, 4)}〕1号`, projectId: null });
    expect((await leader.post('/api/circulation-reports', { departmentId: ids['DRC'], ...quarter })).status).toBe(409);

    const notice = (await window.get<NoticeView>(`/api/notices/${issued.body.id}`)).body;
    expect(notice).toMatchObject({ hashValid: true, projectId: null, content: { project: null, department: { name: '发展和改革局' }, deemedConsents: 3, issuer: { displayName: '王主任' } } });
    expect(notice.content['text']).toContain('限期一周内提交整改报告。');
    const pdf = await fetch(`${hub.url}/api/notices/${issued.body.id}/pdf`, { headers: { cookie: leader.cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const after = (await leader.get<CirculationStanding>(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(after.departments.find((d) => d.departmentId === ids['DRC'])!.report).toMatchObject({ id: issued.body.id, number: issued.body.number });
  });

  it('R22 R17: the report, once issued, is on record and never changes', async () => {
    await expect(sql.query(`UPDATE notices SET content = '{}' WHERE kind = 'circulation_report'`)).rejects.toThrow(/append-only/);
    await expect(sql.query('DELETE FROM circulation_reports')).rejects.toThrow(/append-only/);
    await expect(sql.query(`INSERT INTO notices (kind, year, serial, number, project_id, issued_at, content, content_hash) VALUES ('receipt', 2026, 99, 'x', NULL, now(), '{}', '')`)).rejects.toThrow(/notices_project_or_circulation/);
  });

  it('R22: the threshold is a setting', async () => {
    const settings = (await admin.get('/api/settings')).body;
    await admin.send('PUT', '/api/settings', { ...settings, circulationThreshold: 4 });
    const quarter = quarterOf(period.to);
    const standing = (await leader.get<CirculationStanding>(`/api/circulation?year=${quarter.year}&quarter=${quarter.quarter}`)).body;
    expect(standing.threshold).toBe(4);
    expect(standing.departments.some((d) => d.flagged)).toBe(false);
  });
});
