import { DeadlineEngine } from '../src/deadlines/deadline-engine';
import { acceptItem, admittedProject, withHub, eventually, HubClient, REGISTRATION, type Reply, problem, fieldErrors } from './test-hub';

/** R4a on real PostgreSQL with two instances: refused, completed (办结) exactly once, withdrawn, and the national code. */
describe("a project's life (R4a)", () => {
  const hub = withHub({
    instances: 2,
    people: {
      window: 'window',
      window2: ['window', 1],
      leader: ['leader', 1],
      drc: 'liaison-drc',
      nrp: ['liaison-nrp', 1],
    },
  });
  const { sql } = hub;
  const { window, window2, leader, drc, nrp } = hub.people;

  let serial = 0;
  const nationalCode = () => `2026-330106-48-01-${String(++serial).padStart(6, '0')}`;
  const unique = () => `项目${Math.random().toString(36).slice(2, 8)}`;
  const today = async () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(await hub.now());
  const advanceTo = (instant: Date) => hub.advanceTo(instant);
  /** Everything the hub stores about projects: a refusal must leave it as it was (R26). */
  const fingerprint = async () =>
    JSON.stringify(
      (
        await sql.query(`SELECT (SELECT count(*) FROM card_entries) AS card, (SELECT count(*) FROM notices) AS notices,
                                (SELECT string_agg(id || status || coalesce(national_code, ''), ',' ORDER BY id) FROM projects) AS projects,
                                (SELECT string_agg(id || status, ',' ORDER BY id) FROM approval_items) AS items,
                                (SELECT count(*) FROM project_withdrawals) AS w, (SELECT count(*) FROM project_completions) AS c`)
      ).rows[0],
    );
  const actions = async (projectId: string) =>
    (await sql.query('SELECT action FROM card_entries WHERE project_id = $1 ORDER BY seq', [projectId])).rows.map(
      (r) => r.action as string,
    );
  async function expectRefused(reply: Reply<unknown>, status: number, rule: string | null, field: string) {
    expect(reply.status).toBe(status);
    if (rule) expect(problem(reply).rule).toBe(rule);
    expect(fieldErrors(reply).map((e) => e.field)).toContain(field);
  }

  /** A project with DRC (lead) and NRP, both accepted (clocks running). */
  async function running() {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP'], unique());
    const items = [];
    for (const item of project.items) items.push((await acceptItem(window, item.id)).body);
    return { project, items: items as { id: string; dueAt: string; departmentId: string }[] };
  }
  const drcItem = async (projectId: string) =>
    (
      await sql.query(
        `SELECT i.id FROM approval_items i JOIN departments d ON d.id = i.department_id WHERE i.project_id = $1 AND d.code = 'DRC'`,
        [projectId],
      )
    ).rows[0].id as string;
  const nrpItem = async (projectId: string) =>
    (
      await sql.query(
        `SELECT i.id FROM approval_items i JOIN departments d ON d.id = i.department_id WHERE i.project_id = $1 AND d.code = 'NRP'`,
        [projectId],
      )
    ).rows[0].id as string;

  describe('national project code', () => {
    it('R4a: optional at registration, in the platform format, shown on the project and the board', async () => {
      const code = nationalCode();
      const registered = await window.post('/api/projects', { ...REGISTRATION, name: unique(), nationalCode: ` ${code} ` });
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({
        nationalCode: code,
        life: 'registered',
        admissionRefusal: null,
        withdrawal: null,
        completion: null,
      });
      const board = (await leader.get('/api/board')).body.projects as { id: string; nationalCode: string; life: string }[];
      expect(board.find((p) => p.id === registered.body.id)).toMatchObject({ nationalCode: code, life: 'registered' });
      const without = await window.post('/api/projects', { ...REGISTRATION, name: unique() });
      expect(without.body.nationalCode).toBeNull();
    });

    it('R4a/R26: a malformed code is refused naming the rule and the field, and changes nothing', async () => {
      const before = await fingerprint();
      for (const bad of ['2026-330106-48-01-01234', '2026330106480101234567', 'GC-2026-0001']) {
        await expectRefused(
          await window.post('/api/projects', { ...REGISTRATION, name: unique(), nationalCode: bad }),
          400,
          'R4a',
          'nationalCode',
        );
      }
      expect(await fingerprint()).toBe(before);
    });

    it('R4a: unique across projects (409 naming the field), at registration and on edit, even from two instances at once', async () => {
      const code = nationalCode();
      const [a, b] = await Promise.all([
        window.post('/api/projects', { ...REGISTRATION, name: unique(), nationalCode: code }),
        window2.post('/api/projects', { ...REGISTRATION, name: unique(), nationalCode: code }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      await expectRefused(a.status === 409 ? a : b, 409, 'R4a', 'nationalCode');
      const other = (await window.post('/api/projects', { ...REGISTRATION, name: unique() })).body;
      const before = await fingerprint();
      await expectRefused(await window.put(`/api/projects/${other.id}/national-code`, { nationalCode: code }), 409, 'R4a', 'nationalCode');
      expect(await fingerprint()).toBe(before);
    });

    it('R4a: the window edits it until admission, on the card; after admission it is refused', async () => {
      const project = (await window.post('/api/projects', { ...REGISTRATION, name: unique() })).body;
      const code = nationalCode();
      const set = await window.put(`/api/projects/${project.id}/national-code`, { nationalCode: code });
      expect(set.status).toBe(200);
      expect(set.body.nationalCode).toBe(code);
      expect(await actions(project.id)).toEqual(['project.registered', 'project.national_code_set']);
      expect((await drc.put(`/api/projects/${project.id}/national-code`, { nationalCode: null })).status).toBe(403);
      const departments = (await window.get('/api/departments')).body;
      await leader.post(`/api/projects/${project.id}/admission`, {
        leadDepartmentId: departments.find((d) => d.code === 'DRC')!.id,
        participatingDepartmentIds: [],
      });
      const before = await fingerprint();
      await expectRefused(await window.put(`/api/projects/${project.id}/national-code`, { nationalCode: null }), 409, 'R4a', 'project');
      expect(await fingerprint()).toBe(before);
    });

    it('R4a: the applicant finds its project by the national code as well as the hub code', async () => {
      const code = nationalCode();
      const project = (await window.post('/api/projects', { ...REGISTRATION, name: unique(), nationalCode: code })).body;
      const departments = (await window.get('/api/departments')).body;
      await leader.post(`/api/projects/${project.id}/admission`, {
        leadDepartmentId: departments.find((d) => d.code === 'DRC')!.id,
        participatingDepartmentIds: [],
      });
      const access = await window.post(`/api/projects/${project.id}/access-code`);
      expect(access.status).toBe(201);
      const byNational = await new HubClient(hub.first.url).post('/api/public/project-status', {
        projectCode: code,
        accessCode: access.body.accessCode,
      });
      expect(byNational.status).toBe(200);
      expect(byNational.body).toMatchObject({ code: project.code, nationalCode: code, life: 'in_channel' });
    });
  });

  describe('refused (R3)', () => {
    it('R3: a leader refuses admission with a reason; it is on the card and final', async () => {
      const project = (await window.post('/api/projects', { ...REGISTRATION, name: unique() })).body;
      expect((await window.post(`/api/projects/${project.id}/admission-refusal`, { reason: 'x' })).status).toBe(403);
      const refused = await leader.post(`/api/projects/${project.id}/admission-refusal`, { reason: '环保条件不符合' });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ life: 'refused', admissionRefusal: { reason: '环保条件不符合' } });
      expect(await actions(project.id)).toEqual(['project.registered', 'project.admission_refused']);
      const before = await fingerprint();
      const departments = (await window.get('/api/departments')).body;
      await expectRefused(
        await leader.post(`/api/projects/${project.id}/admission`, {
          leadDepartmentId: departments[0]!.id,
          participatingDepartmentIds: [],
        }),
        409,
        'R3',
        'status',
      );
      await expectRefused(
        await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() }),
        409,
        'R4a',
        'project',
      );
      await expectRefused(await leader.post(`/api/projects/${project.id}/admission-refusal`, { reason: '再次' }), 409, 'R3', 'status');
      expect(await fingerprint()).toBe(before);
    });
  });

  describe('withdrawn', () => {
    it('R4a: the window records the withdrawal; running deadlines stop and nothing is deemed after, on both instances', async () => {
      const { project, items } = await running();
      const bad = await window.send('POST', `/api/projects/${project.id}/withdrawal`, { reason: ' ', requestedOn: 'yesterday', extra: 1 });
      expect(bad.status).toBe(400);
      expect(
        fieldErrors(bad)
          .map((e) => e.field)
          .sort(),
      ).toEqual(['extra', 'reason', 'requestedOn']);
      expect((await drc.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() })).status).toBe(403);
      const tomorrow = new Date((await hub.now()).getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      await expectRefused(
        await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: tomorrow }),
        400,
        'R4a',
        'requestedOn',
      );

      const withdrawn = await window.post(`/api/projects/${project.id}/withdrawal`, {
        reason: '业主调整投资计划，申请撤回',
        requestedOn: await today(),
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({
        life: 'withdrawn',
        withdrawal: { reason: '业主调整投资计划，申请撤回', requestedOn: await today() },
      });
      expect(withdrawn.body.items.map((i) => i.status)).toEqual(['withdrawn', 'withdrawn']);

      await advanceTo(new Date(Math.max(...items.map((i) => new Date(i.dueAt).getTime())) + 60_000));
      await hub.quiesce();
      expect(
        (
          await sql.query(
            'SELECT count(*)::int AS n FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE i.project_id = $1',
            [project.id],
          )
        ).rows[0].n,
      ).toBe(0);
      expect(await actions(project.id)).not.toContain('item.deemed_consent');
      expect((await actions(project.id)).at(-1)).toBe('project.withdrawn');

      const before = await fingerprint();
      await expectRefused(
        await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '再次', requestedOn: await today() }),
        409,
        'R4a',
        'project',
      );
      expect((await drc.post(`/api/items/${items[0]!.id}/decision`, { outcome: 'approved' })).status).toBe(409);
      await expectRefused(
        await window.post(`/api/projects/${project.id}/meetings`, {
          kind: 'coordination',
          title: '协调会',
          startsAt: new Date((await hub.now()).getTime() + 3_600_000).toISOString(),
          online: true,
        }),
        409,
        'R4a',
        'project',
      );
      expect(await fingerprint()).toBe(before);
    });

    it('R4a/R15: open meetings of the project close without R15 effect', async () => {
      const { project } = await running();
      const meeting = await window.post(`/api/projects/${project.id}/meetings`, {
        kind: 'coordination',
        title: '协调会',
        startsAt: new Date((await hub.now()).getTime() + 3_600_000).toISOString(),
        online: true,
      });
      expect(meeting.status).toBe(201);
      await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() });
      const row = (await sql.query('SELECT status FROM meetings WHERE id = $1', [meeting.body.id])).rows[0];
      expect(row.status).toBe('lapsed');
      const lapsed = (await sql.query(`SELECT detail FROM card_entries WHERE project_id = $1 AND action = 'meeting.lapsed'`, [project.id]))
        .rows;
      expect(lapsed).toEqual([{ detail: expect.objectContaining({ withdrawn: 'true' }) }]);
      expect((await sql.query(`SELECT count(*)::int AS n FROM deemed_consents WHERE meeting_id = $1`, [meeting.body.id])).rows[0].n).toBe(
        0,
      );
      expect((await window.send('POST', `/api/meetings/${meeting.body.id}/closing`, {})).status).toBeGreaterThanOrEqual(400);
    });

    it('R4a/R14 race: a deadline firing at the instant of a withdrawal — exactly one wins per item, on the card, across two instances', async () => {
      const { project, items } = await running();
      const due = new Date(Math.min(...items.map((i) => new Date(i.dueAt).getTime())));
      // The clock reaches the due instant while the withdrawal goes to the other instance.
      await advanceTo(due);
      const [withdrawal] = await Promise.all([
        window2.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() }),
        hub.first.app.get(DeadlineEngine).fireDue(),
        hub.second.app.get(DeadlineEngine).fireDue(),
      ]);
      expect(withdrawal.status).toBe(200);
      await hub.quiesce();
      const rows = (
        await sql.query(
          `SELECT i.id, i.status, (SELECT count(*)::int FROM deemed_consents d WHERE d.item_id = i.id) AS deemed,
                  (SELECT min(c.seq) FROM card_entries c WHERE c.project_id = i.project_id AND c.action = 'item.deemed_consent' AND c.after->'item'->>'id' = i.id::text) AS deemed_seq,
                  (SELECT c.seq FROM card_entries c WHERE c.project_id = i.project_id AND c.action = 'project.withdrawn') AS withdrawn_seq
           FROM approval_items i WHERE i.project_id = $1`,
          [project.id],
        )
      ).rows;
      for (const row of rows) {
        const dueHere = items.find((i) => i.id === row.id)!.dueAt <= due.toISOString();
        // Due at the withdrawal's instant: deemed (at its due instant), once, before the withdrawal; otherwise stopped.
        expect(row).toMatchObject(dueHere ? { status: 'deemed_consent', deemed: 1 } : { status: 'withdrawn', deemed: 0 });
        if (dueHere) expect(row.deemed_seq).toBeLessThan(row.withdrawn_seq);
      }
      expect(
        (
          await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1 AND action = 'project.withdrawn'`, [
            project.id,
          ])
        ).rows[0].n,
      ).toBe(1);
    });
  });

  describe('completed (办结)', () => {
    async function approvedAndMaterialsIn() {
      const { project } = await running();
      const [d, n] = [await drcItem(project.id), await nrpItem(project.id)];
      expect((await drc.post(`/api/items/${d}/decision`, { outcome: 'approved' })).status).toBe(200);
      expect((await nrp.post(`/api/items/${n}/decision`, { outcome: 'approved' })).status).toBe(200);
      return { project, d, n };
    }

    it('R4a/R17: the last permit completes the project once, with a numbered 办结 notice, even when both permits land at once on two instances', async () => {
      const { project, d, n } = await approvedAndMaterialsIn();
      const [a, b] = await Promise.all([window.post(`/api/items/${d}/permit`), window2.post(`/api/items/${n}/permit`)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const view = (await window.get(`/api/projects/${project.id}`)).body;
      expect(view).toMatchObject({ life: 'completed', completion: { noticeNumber: expect.stringMatching(/^绿通办结〔\d{4}〕\d+号$/) } });
      expect(
        (await sql.query(`SELECT count(*)::int AS n FROM notices WHERE project_id = $1 AND kind = 'completion_notice'`, [project.id]))
          .rows[0].n,
      ).toBe(1);
      expect((await actions(project.id)).filter((x) => x === 'project.completed')).toHaveLength(1);
      expect((await actions(project.id)).at(-1)).toBe('project.completed');
      const before = await fingerprint();
      await expectRefused(
        await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() }),
        409,
        'R4a',
        'project',
      );
      expect(await fingerprint()).toBe(before);
    });

    it('R4a: a rejection that decides the last item completes the project (no permit is due for it)', async () => {
      const { project } = await running();
      const [d, n] = [await drcItem(project.id), await nrpItem(project.id)];
      await drc.post(`/api/items/${d}/decision`, { outcome: 'approved' });
      expect((await window.post(`/api/items/${d}/permit`)).status).toBe(201);
      expect((await window.get(`/api/projects/${project.id}`)).body.life).toBe('in_channel');
      expect((await nrp.post(`/api/items/${n}/decision`, { outcome: 'rejected', basis: '《土地管理法》第四十四条' })).status).toBe(200);
      expect((await window.get(`/api/projects/${project.id}`)).body).toMatchObject({
        life: 'completed',
        completion: { noticeNumber: expect.any(String) },
      });
    });

    it('R4a race: the last permit and a withdrawal at once on two instances — exactly one wins, on the card', async () => {
      const { project, d, n } = await approvedAndMaterialsIn();
      expect((await window.post(`/api/items/${d}/permit`)).status).toBe(201);
      const [permit, withdrawal] = await Promise.all([
        window.post(`/api/items/${n}/permit`),
        window2.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() }),
      ]);
      const statuses = [permit.status, withdrawal.status];
      expect(statuses.sort()).toEqual(statuses[0] === 201 ? [201, 409] : [200, 409]);
      const life = (await window.get(`/api/projects/${project.id}`)).body.life;
      const cardActions = await actions(project.id);
      if (permit.status === 201) {
        expect(life).toBe('completed');
        expect(problem(withdrawal).rule).toBe('R4a');
        expect(cardActions).toContain('project.completed');
        expect(cardActions).not.toContain('project.withdrawn');
      } else {
        expect(life).toBe('withdrawn');
        expect(problem(permit).rule).toBe('R4a');
        expect(cardActions).toContain('project.withdrawn');
        expect(cardActions).not.toContain('project.completed');
      }
    });
  });

  it('R25: the board gets the withdrawal as one project entry with every countdown stopped', async () => {
    const { project } = await running();
    await window.post(`/api/projects/${project.id}/withdrawal`, { reason: '撤回', requestedOn: await today() });
    const entry = await eventually(
      async () =>
        (await sql.query(`SELECT after FROM card_entries WHERE project_id = $1 AND action = 'project.withdrawn'`, [project.id])).rows[0],
    );
    expect(entry.after.project.life).toBe('withdrawn');
    expect(entry.after.project.items.map((i: { status: string }) => i.status)).toEqual(['withdrawn', 'withdrawn']);
  });
});
