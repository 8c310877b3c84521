import {
  buildCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  forwardingStatus,
  serialProblems,
  SHIPPED_CALENDAR,
  type NoticeContent,
  type OneTimeNotificationContent,
} from '@hub/shared';
import { PdfRenderer } from '../src/notices/pdf-renderer';
import { RECEIPT } from './paper-fixtures';
import { pdfPages } from './pdf-text';
import { admittedProject, withHub, eventually, HubClient, REGISTRATION, problem, fieldErrors } from './test-hub';

describe('the paper trail: materials, documents, permits, mega projects, applicant view (real PostgreSQL)', () => {
  // Behind a proxy on 127.0.0.1, so a test can speak as an applicant at another address (X-Forwarded-For).
  const hub = withHub({
    config: { trustedProxies: ['127.0.0.1'] },
    people: { window: 'window', leader: 'leader', admin: 'admin', drc: 'liaison-drc', nrp: 'liaison-nrp' },
  });
  const { sql } = hub;
  const { window, leader, admin, drc, nrp } = hub.people;

  /** A project admitted with DRC (lead) and NRP; each item gets the given checklist. */
  async function projectWith(
    materials: { DRC?: [string, 'main' | 'secondary', number][]; NRP?: [string, 'main' | 'secondary', number][] },
    name?: string,
  ) {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP'], name);
    const item = (code: 'DRC' | 'NRP') => project.items.find((i) => i.departmentId === departmentId(code))!.id as string;
    const ids: Record<string, string> = {};
    for (const code of ['DRC', 'NRP'] as const) {
      for (const [materialName, kind, copies] of materials[code] ?? []) {
        const added = await window.post(`/api/items/${item(code)}/materials`, { name: materialName, kind, copies });
        expect(added.status).toBe(201);
        ids[materialName] = added.body.id;
      }
    }
    return { project, item, ids };
  }
  const receive = (materialId: string, received: number) => window.post(`/api/materials/${materialId}/received`, { received });
  const card = async (projectId: string) =>
    (await window.get(`/api/projects/${projectId}/card`)).body as {
      action: string;
      detail: Record<string, string>;
      actor: { displayName: string } | null;
    }[];

  it('R8: with main materials complete an item is accepted while a secondary one is missing; without them, refused naming the material', async () => {
    const { project, item, ids } = await projectWith({
      DRC: [
        ['项目申请报告', 'main', 2],
        ['节能评估报告', 'secondary', 1],
      ],
      NRP: [['用地预审申请表', 'main', 1]],
    });
    const refused = await window.post(`/api/items/${item('NRP')}/acceptance`);
    expect(refused.status).toBe(409);
    expect(problem(refused).detail).toContain('用地预审申请表');
    expect((await window.get(`/api/projects/${project.id}`)).body.items.find((i) => i.id === item('NRP'))!.status).toBe(
      'awaiting_acceptance',
    );

    expect((await receive(ids['项目申请报告']!, 2)).status).toBe(200);
    const accepted = await window.post(`/api/items/${item('DRC')}/acceptance`);
    expect(accepted.status).toBe(200);
    const view = (await window.get(`/api/projects/${project.id}/materials`)).body;
    const drcItem = view.items.find((i) => i.itemId === item('DRC'))!;
    expect(drcItem.gate).toMatchObject({
      mayAccept: true,
      mayIssuePermit: false,
      missingSecondary: [{ name: '节能评估报告', copiesMissing: 1 }],
    });
  });

  it('R8/R17: a permit is refused naming what is missing until it arrives, then issued once with the approval seal', async () => {
    const { project, item, ids } = await projectWith({
      NRP: [
        ['用地预审申请表', 'main', 1],
        ['宗地图', 'secondary', 2],
      ],
    });
    await receive(ids['用地预审申请表']!, 1);
    expect((await window.post(`/api/items/${item('NRP')}/acceptance`)).status).toBe(200);
    expect((await window.post(`/api/items/${item('NRP')}/permit`)).status).toBe(409); // in review: nothing to permit yet
    expect((await nrp.post(`/api/items/${item('NRP')}/decision`, { outcome: 'approved' })).status).toBe(200);

    const refused = await window.post(`/api/items/${item('NRP')}/permit`);
    expect(refused.status).toBe(409);
    expect(problem(refused).detail).toContain('宗地图（辅件，缺 2 份）');
    await receive(ids['宗地图']!, 1);
    expect(problem(await window.post(`/api/items/${item('NRP')}/permit`)).detail).toContain('缺 1 份');
    await receive(ids['宗地图']!, 2);

    const permit = await window.post(`/api/items/${item('NRP')}/permit`);
    expect(permit.status).toBe(201);
    expect(permit.body.number).toMatch(/^绿通许可〔\d{4}〕\d+号$/);
    const issued = (await window.get(`/api/notices/${permit.body.id}`)).body;
    expect(issued.content).toMatchObject({
      decision: 'approved',
      seal: { name: '行政审批专用章', sealedBy: '李窗口' },
      department: { code: 'NRP' },
    });
    expect(issued.hashValid).toBe(true);
    expect((await window.post(`/api/items/${item('NRP')}/permit`)).status).toBe(409);
    const entry = (await card(project.id)).at(-1)!;
    expect(entry).toMatchObject({
      action: 'document.issued',
      detail: { document: '行政许可决定书', noticeNumber: permit.body.number, seal: '行政审批专用章' },
    });
  });

  it('R7: the one-time notification lists every material; a department asking later needs a reason and a leader, and the card records both', async () => {
    const { project, item } = await projectWith({ DRC: [['项目申请报告', 'main', 2]], NRP: [['用地预审申请表', 'main', 1]] });
    const otn = await window.post(`/api/projects/${project.id}/one-time-notification`, { fees: '本项目所涉审批事项均不收费。' });
    expect(otn.status).toBe(201);
    expect(otn.body.number).toMatch(/^绿通告知〔\d{4}〕\d+号$/);
    const content = (await window.get(`/api/notices/${otn.body.id}`)).body.content as NoticeContent & OneTimeNotificationContent;
    expect(content.materials.map((m) => m.name)).toEqual(['项目申请报告', '用地预审申请表']);
    expect(content.departments).toEqual([
      { name: '发展和改革局', lead: true, workingDays: 3 },
      { name: '自然资源和规划局', lead: false, workingDays: 3 },
    ]);
    expect(content.fees).toBe('本项目所涉审批事项均不收费。');
    expect(content.procedure.length).toBeGreaterThan(3);

    // R2: another department's liaison may not ask for this item's materials.
    expect(
      (await drc.post(`/api/items/${item('NRP')}/materials`, { name: '测绘成果', kind: 'secondary', copies: 1, reason: '需要' })).status,
    ).toBe(403);
    const noReason = await nrp.post(`/api/items/${item('NRP')}/materials`, { name: '测绘成果', kind: 'secondary', copies: 1 });
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason)).toEqual([expect.objectContaining({ field: 'reason' })]);

    const asked = await nrp.post(`/api/items/${item('NRP')}/materials`, {
      name: '测绘成果',
      kind: 'secondary',
      copies: 1,
      reason: '红线范围需复核',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', afterNotice: otn.body.number });
    // Not yet required: it blocks nothing.
    let view = (await window.get(`/api/projects/${project.id}/materials`)).body;
    expect(view.items.find((i) => i.itemId === item('NRP'))!.gate.missingSecondary).toEqual([]);

    expect((await window.post(`/api/materials/${asked.body.id}/ruling`, { approved: true })).status).toBe(403);
    const ruled = await leader.post(`/api/materials/${asked.body.id}/ruling`, { approved: true, reason: '确属审批必需' });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'required', ruling: { approved: true, by: '王主任' } });
    expect((await leader.post(`/api/materials/${asked.body.id}/ruling`, { approved: false })).status).toBe(409);
    view = (await window.get(`/api/projects/${project.id}/materials`)).body;
    expect(view.items.find((i) => i.itemId === item('NRP'))!.gate.missingSecondary).toEqual([
      expect.objectContaining({ name: '测绘成果' }),
    ]);

    const entries = await card(project.id);
    expect(entries.find((e) => e.action === 'material.requested')).toMatchObject({
      actor: { displayName: '自然资源和规划局联络员' },
      detail: { material: '测绘成果', afterNotice: otn.body.number, reason: '红线范围需复核' },
    });
    expect(entries.find((e) => e.action === 'material.ruled')).toMatchObject({
      actor: { displayName: '王主任' },
      detail: { material: '测绘成果', ruling: '批准' },
    });

    // R17: issuing again is a correction citing the one before.
    const corrected = await window.post(`/api/projects/${project.id}/one-time-notification`, { fees: '不收费。' });
    expect(corrected.body.corrects).toEqual({ id: otn.body.id, number: otn.body.number });
    const correctedContent = (await window.get(`/api/notices/${corrected.body.id}`)).body.content as NoticeContent &
      OneTimeNotificationContent;
    expect(correctedContent.materials.map((m) => m.name)).toContain('测绘成果');
  });

  it('R9: the receipt records every R9 field, refuses a missing reason by field, and a late pickup needs its reason', async () => {
    const { project, ids } = await projectWith({
      DRC: [
        ['项目申请报告', 'main', 2],
        ['节能评估报告', 'secondary', 1],
      ],
    });
    await receive(ids['项目申请报告']!, 2);
    const bad = await window.post(`/api/projects/${project.id}/receipts`, {
      ...RECEIPT,
      acceptedOn: null,
      applicant: { ...RECEIPT.applicant, legalRepresentative: '' },
    });
    expect(bad.status).toBe(400);
    expect(
      fieldErrors(bad)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['applicant.legalRepresentative', 'notAcceptedReason']);
    expect((await window.get(`/api/projects/${project.id}/notices`)).body).toEqual([]);

    const receipt = await window.post(`/api/projects/${project.id}/receipts`, RECEIPT);
    expect(receipt.status).toBe(201);
    expect(receipt.body.accessCode).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(receipt.body.notice.number).toMatch(/^绿通收件〔\d{4}〕\d+号$/);
    const content = (await window.get(`/api/notices/${receipt.body.notice.id}`)).body.content;
    expect(content).toMatchObject({
      applicant: RECEIPT.applicant,
      receivedOn: '2026-03-02',
      acceptedOn: '2026-03-02',
      promisedCompletionOn: '2026-03-05',
      specialProcedures: [{ procedure: 'expert_review', workingDays: 5 }],
      received: [{ name: '项目申请报告', department: '发展和改革局', copies: 2 }],
      toSupplement: [{ name: '节能评估报告', department: '发展和改革局', copies: 1 }],
      staffName: '李窗口',
      applicantSignatory: '赵敏',
    });
    expect(JSON.stringify(content)).not.toContain(receipt.body.accessCode); // R1: only its hash is kept
    const again = await window.post(`/api/projects/${project.id}/receipts`, {
      ...RECEIPT,
      receivedOn: '2026-03-03',
      acceptedOn: '2026-03-03',
    });
    expect(again.body.accessCode).toBeNull();

    const late = await window.post(`/api/receipts/${receipt.body.notice.id}/pickup`, { pickedUpOn: '2026-03-09', pickerName: '赵敏' });
    expect(late.status).toBe(400);
    expect(fieldErrors(late)).toEqual([expect.objectContaining({ field: 'lateReason' })]);
    const pickup = await window.post(`/api/receipts/${receipt.body.notice.id}/pickup`, {
      pickedUpOn: '2026-03-09',
      pickerName: '赵敏',
      lateReason: '申请人出差',
    });
    expect(pickup.status).toBe(201);
    expect((await window.get(`/api/notices/${pickup.body.id}`)).body.content).toMatchObject({
      receipt: { number: receipt.body.notice.number },
      promisedOn: '2026-03-05',
      pickedUpOn: '2026-03-09',
      lateReason: '申请人出差',
    });
    expect(
      (await window.post(`/api/receipts/${receipt.body.notice.id}/pickup`, { pickedUpOn: '2026-03-05', pickerName: '赵敏' })).status,
    ).toBe(409);
    expect((await window.post(`/api/receipts/${pickup.body.id}/pickup`, { pickedUpOn: '2026-03-05', pickerName: '赵敏' })).status).toBe(
      404,
    );
  });

  it('R17/R9: a document downloads as an A4 PDF named by its number, whose text is the project and the number in Chinese', async () => {
    const { project } = await projectWith({ DRC: [['项目申请报告', 'main', 1]] }, '智慧物流枢纽一期');
    const receipt = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.notice;
    const res = await fetch(`${hub.first.url}/api/notices/${receipt.id}/pdf`, { headers: { cookie: window.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${receipt.number}.pdf`)}`);
    const pages = await pdfPages(Buffer.from(await res.arrayBuffer()));
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page).toContain('智慧物流枢纽一期');
      expect(page).toContain(receipt.number);
    }
    expect(pages.map((p) => p.slice(0, 12))).toEqual(
      ['第一联 申请人留存', '第二联 监督机关留存', '第三联 存档'].map((l) => expect.stringContaining(l)),
    );
    expect((await fetch(`${hub.first.url}/api/notices/${receipt.id}/pdf`)).status).toBe(401);
  });

  it('R17: twenty downloads of one document at once are drawn once per language and are the same file', async () => {
    const { project } = await projectWith({ DRC: [['项目申请报告', 'main', 1]] }, '港口冷链仓储中心');
    const receipt = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.notice;
    const renderer = hub.first.app.get(PdfRenderer);
    const drawings = jest.spyOn(renderer as unknown as { draw: (layout: unknown) => Promise<Buffer> }, 'draw');
    const download = async (lang: string) => {
      const res = await fetch(`${hub.first.url}/api/notices/${receipt.id}/pdf?lang=${lang}`, { headers: { cookie: window.cookie } });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const [zh, en] = await Promise.all([Promise.all(Array.from({ length: 20 }, () => download('zh'))), download('en')]);
    expect(drawings).toHaveBeenCalledTimes(2);
    expect(new Set(zh.map((pdf) => pdf.toString('base64'))).size).toBe(1);
    expect((await download('zh')).equals(zh[0]!)).toBe(true);
    expect(drawings).toHaveBeenCalledTimes(2);
    expect((await pdfPages(zh[0]!))[0]).toContain('港口冷链仓储中心');
    expect((await pdfPages(en))[0]).toContain('港口冷链仓储中心');
    drawings.mockRestore();
  });

  it('R17: an issued document cannot be changed, deleted or truncated at the database, and its hash proves its content', async () => {
    const { project } = await projectWith({ DRC: [['项目申请报告', 'main', 1]] });
    const otn = (await window.post(`/api/projects/${project.id}/one-time-notification`, { fees: '不收费。' })).body;
    const attempts = [
      `UPDATE notices SET content = jsonb_set(content, '{fees}', '"收费一万元"') WHERE id = '${otn.id}'`,
      `UPDATE notices SET number = '伪造〔2026〕1号' WHERE id = '${otn.id}'`,
      `DELETE FROM notices WHERE id = '${otn.id}'`,
      `TRUNCATE notices CASCADE`,
      `UPDATE permits SET notice_id = notice_id`,
      `DELETE FROM pickups`,
    ];
    for (const attempt of attempts) {
      await expect(sql.query(attempt)).rejects.toThrow(/append-only/);
    }
    const stored = (await window.get(`/api/notices/${otn.id}`)).body;
    expect(stored.content.fees).toBe('不收费。');
    expect(stored.hashValid).toBe(true);
  });

  it('R17: N parallel issuers of one kind and year get serials 1..N with no gap and no duplicate, rolled-back issues included', async () => {
    const { Database } = await import('../src/database/database');
    const { NoticesService } = await import('../src/notices/notices.service');
    const database = hub.first.app.get(Database);
    const notices = hub.first.app.get(NoticesService);
    const issuedAt = new Date('2031-06-01T02:00:00Z'); // a year no other test issues in
    const N = 24;
    const outcomes = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        database.transaction(async (tx) => {
          const issued = await notices.issue(tx, {
            kind: 'circulation_report',
            projectId: null,
            itemId: null,
            issuedAt,
            timeZone: 'Asia/Shanghai',
            content: { period: `P${i}`, deemedConsents: 3, text: '通报' },
          });
          if (i % 5 === 0) throw new Error('rolled back after issuing');
          return issued;
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBe(N - Math.ceil(N / 5));
    const rows = (await sql.query(`SELECT serial, number FROM notices WHERE kind = 'circulation_report' AND year = 2031 ORDER BY serial`))
      .rows;
    expect(serialProblems(rows.map((r) => r.serial))).toEqual([]);
    expect(rows).toHaveLength(committed);
    expect(new Set(rows.map((r) => r.number)).size).toBe(committed);
    expect(rows[0].number).toBe('绿通通报〔2031〕1号');
  });

  it('R1: the applicant sees its own project with its codes — departments, what to supplement, documents, the window contact only — and nothing with a wrong code', async () => {
    const { project, ids } = await projectWith({ DRC: [['项目申请报告', 'main', 1]], NRP: [['宗地图', 'secondary', 1]] }, '申请人查询项目');
    await receive(ids['项目申请报告']!, 1);
    const accessCode = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.accessCode!;
    const other = await projectWith({}, '另一个项目');
    const otherCode = (await window.post(`/api/projects/${other.project.id}/receipts`, RECEIPT)).body.accessCode!;
    const anonymous = new HubClient(hub.first.url);

    const seen = await anonymous.post('/api/public/project-status', {
      projectCode: project.code.toLowerCase(),
      accessCode: accessCode.toLowerCase().replace('-', ''),
    });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      code: project.code,
      name: '申请人查询项目',
      windowContact: '李窗口',
      departments: [
        { name: '发展和改革局', lead: true, status: 'awaiting_acceptance' },
        { name: '自然资源和规划局', lead: false, status: 'awaiting_acceptance' },
      ],
      toSupplement: [{ department: '自然资源和规划局', name: '宗地图', copiesMissing: 1 }],
      documents: [{ title: '收件回执' }],
    });
    const text = JSON.stringify(seen.body);
    for (const hidden of ['另一个项目', '王主任', '联络员', 'seal', other.project.code]) expect(text).not.toContain(hidden);

    for (const attempt of [
      { projectCode: project.code, accessCode: otherCode },
      { projectCode: other.project.code, accessCode },
      { projectCode: 'GC-2099-0001', accessCode },
    ]) {
      const refused = await anonymous.post('/api/public/project-status', attempt);
      expect(refused.status).toBe(404);
      expect(JSON.stringify(refused.body)).not.toContain('另一个项目');
    }
  });

  it('R1: wrong access codes slow their own address like logins (429), not the applicant elsewhere; a new code replaces the old', async () => {
    const { project } = await projectWith({}, '限流项目');
    const first = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.accessCode!;
    const reissued = await window.post(`/api/projects/${project.id}/access-code`);
    expect(reissued.status).toBe(201);
    expect(reissued.body.projectCode).toBe(project.code);
    const anonymous = new HubClient(hub.first.url);
    expect((await anonymous.post('/api/public/project-status', { projectCode: project.code, accessCode: first })).status).toBe(404);
    expect(
      (await anonymous.post('/api/public/project-status', { projectCode: project.code, accessCode: reissued.body.accessCode })).status,
    ).toBe(200);
    expect((await card(project.id)).at(-1)).toMatchObject({ action: 'access.issued' });
    expect(JSON.stringify(await card(project.id))).not.toContain(reissued.body.accessCode);
    // Six wrong in a row from this address, each after the previous delay ran out (moved, not slept): 4 s now.
    for (let i = 0; i < 6; i++) {
      await sql.query(`UPDATE login_throttle SET blocked_until = now() WHERE key LIKE $1`, [
        `account:project:${project.code.toLowerCase()} %`,
      ]);
      expect((await anonymous.post('/api/public/project-status', { projectCode: project.code, accessCode: 'WRONG-CODE1' })).status).toBe(
        404,
      );
    }
    const throttled = await anonymous.post('/api/public/project-status', {
      projectCode: project.code,
      accessCode: reissued.body.accessCode,
    });
    expect(throttled.status).toBe(429);
    // The applicant at another address is not locked out (the project code's ceiling is far higher).
    const applicant = await anonymous.send(
      'POST',
      '/api/public/project-status',
      { projectCode: project.code, accessCode: reissued.body.accessCode },
      { 'x-forwarded-for': '198.51.100.8' },
    );
    expect(applicant.status).toBe(200);
  });

  it('R6: a mega project gets a forwarding deadline when materials are complete and a named tracker; late, it escalates and is never deemed consented', async () => {
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '特大项目',
      totalInvestment: { amount: '1200000000.00', currency: 'CNY' },
      reportToHigherAuthority: true,
    });
    const departments = (await window.get('/api/departments')).body;
    const drcId = departments.find((d) => d.code === 'DRC')!.id;
    const project = (
      await leader.post(`/api/projects/${registered.body.id}/admission`, { leadDepartmentId: drcId, participatingDepartmentIds: [] })
    ).body;
    const itemId = project.items[0]!.id;
    const board = async () => (await leader.get('/api/board')).body.projects.find((p) => p.id === project.id)!;
    expect((await board()).paperwork!.forwarding).toEqual({
      completeAt: null,
      dueAt: null,
      forwardedAt: null,
      forwardedTo: null,
      tracker: null,
    });

    const trackers = (await leader.get('/api/mega-trackers')).body;
    expect(new Set(trackers.map((t) => t.role))).toEqual(new Set(['leader', 'window']));
    const windowStaff = trackers.find((t) => t.displayName === '李窗口')!;
    expect((await leader.post(`/api/projects/${project.id}/mega-tracker`, { trackerId: windowStaff.id })).status).toBe(200);
    expect((await window.post(`/api/projects/${project.id}/forwarding`, { forwardedTo: '省发展和改革委员会' })).status).toBe(409); // materials not complete

    const material = (await window.post(`/api/items/${itemId}/materials`, { name: '项目申请报告', kind: 'main', copies: 1 })).body;
    await receive(material.id, 1);
    const forwarding = (await board()).paperwork!.forwarding!;
    expect(forwarding.tracker).toEqual({ id: windowStaff.id, displayName: '李窗口' });
    expect(forwarding.dueAt).not.toBeNull();
    expect((await card(project.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['mega.tracker_assigned', 'mega.forwarding_started']),
    );

    // Past the forwarding deadline: escalated on the board, and nothing is deemed.
    const serverNow = (await leader.get('/api/board')).body.serverNow;
    await admin.post('/api/test/clock', { advanceMs: new Date(forwarding.dueAt!).getTime() - new Date(serverNow).getTime() + 1000 });
    const now = new Date((await leader.get('/api/board')).body.serverNow);
    expect(forwardingStatus(forwarding, now, buildCalendar(SHIPPED_CALENDAR), DEFAULT_CALENDAR_SETTINGS)).toBe('escalated');
    expect((await board()).items[0]!.status).toBe('awaiting_acceptance');
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM notices WHERE project_id = $1 AND kind = 'timeout_implied_consent'`, [project.id]))
        .rows[0].n,
    ).toBe(0);

    const forwarded = await window.post(`/api/projects/${project.id}/forwarding`, { forwardedTo: '省发展和改革委员会' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.paperwork!.forwarding).toMatchObject({ forwardedTo: '省发展和改革委员会' });
    expect((await card(project.id)).at(-1)).toMatchObject({ action: 'mega.forwarded', detail: { late: '是' } });
    expect((await window.post(`/api/projects/${project.id}/forwarding`, { forwardedTo: '省发展和改革委员会' })).status).toBe(409);
  });

  it('R6: a project that is not a mega project to report has no forwarding', async () => {
    const { project } = await projectWith({});
    const windowStaff = (await leader.get('/api/mega-trackers')).body.find((t) => t.role === 'window')!;
    expect((await leader.post(`/api/projects/${project.id}/mega-tracker`, { trackerId: windowStaff.id })).status).toBe(409);
  });

  it('R17: for a deemed-consent item the window issues the permit citing the timeout notice, subject to R8', async () => {
    const { project, item, ids } = await projectWith({
      DRC: [
        ['项目申请报告', 'main', 1],
        ['节能评估报告', 'secondary', 1],
      ],
    });
    await receive(ids['项目申请报告']!, 1);
    const accepted = (await window.post(`/api/items/${item('DRC')}/acceptance`)).body;
    const serverNow = (await leader.get('/api/board')).body.serverNow;
    await admin.post('/api/test/clock', {
      advanceMs: Math.max(0, new Date(accepted.dueAt!).getTime() - new Date(serverNow).getTime()) + 1000,
    });
    const deemed = await eventually(async () => {
      const it = (await window.get(`/api/projects/${project.id}`)).body.items.find((i) => i.id === item('DRC'))!;
      return it.status === 'deemed_consent' ? it : undefined;
    });
    const notices = (await window.get(`/api/projects/${project.id}/notices`)).body;
    const consent = notices.find((n) => n.kind === 'timeout_implied_consent')!;
    expect(consent.number).toBe(deemed.noticeNumber);
    const consentView = (await window.get(`/api/notices/${consent.id}`)).body;
    expect(consentView.content).toMatchObject({
      title: '超时默许通知书',
      project: { name: REGISTRATION.name },
      department: { name: '发展和改革局' },
    });

    expect(problem(await window.post(`/api/items/${item('DRC')}/permit`)).detail).toContain('节能评估报告');
    await receive(ids['节能评估报告']!, 1);
    const permit = await window.post(`/api/items/${item('DRC')}/permit`);
    expect(permit.status).toBe(201);
    expect((await window.get(`/api/notices/${permit.body.id}`)).body.content).toMatchObject({
      decision: 'deemed_consent',
      consentNotice: deemed.noticeNumber,
    });
    expect((await leader.post(`/api/items/${item('DRC')}/permit`)).status).toBe(403);
  });
});
