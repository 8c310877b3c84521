import { Client } from 'pg';
import { PASSWORD_CHANGE_REQUIRED, PEOPLE_CSV_COLUMNS, PEOPLE_CSV_TEMPLATE, spreadsheetToCsv, type CreateUserRequest } from '@hub/shared';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { FirstStartService } from '../src/people/first-start.service';
import {
  acceptItem,
  admittedProject,
  connected,
  connectSocket,
  createTestDatabase,
  withHub,
  eventually,
  HubClient,
  REGISTRATION,
  startTestHub,
  type TestHub,
  problem,
  fieldErrors,
} from './test-hub';

const NEW_PASSWORD = 'a-strong-passphrase';

/** Row counts of everything a people change writes: a refused request leaves all of them as they were. */
async function snapshot(sql: Client) {
  const { rows } = await sql.query(`SELECT
    (SELECT count(*) FROM departments) AS departments, (SELECT count(*) FROM users) AS users,
    (SELECT count(*) FROM users WHERE active) AS active_users, (SELECT count(*) FROM departments WHERE active) AS active_departments,
    (SELECT count(*) FROM deputies) AS deputies, (SELECT count(*) FROM configuration_changes) AS changes,
    (SELECT string_agg(password_hash, ',' ORDER BY id) FROM users) AS hashes`);
  return rows[0];
}

/** Logs in with a one-time password and chooses a new one, as the person would. */
async function firstLogin(url: string, username: string, oneTime: string): Promise<HubClient> {
  const client = await HubClient.login(url, username, oneTime);
  const changed = await client.post('/api/auth/password', { currentPassword: oneTime, newPassword: NEW_PASSWORD });
  if (changed.status !== 200) throw new Error(JSON.stringify(changed.body));
  return client;
}

describe('first start on an empty database (R1)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  let sql: Client;

  beforeEach(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterEach(async () => {
    await sql.end();
    await hub.close();
    await db.drop();
  });

  it('R1: with HUB_ADMIN_PASSWORD the hub creates one admin and nothing else; every call but the password change answers 403 until it is changed', async () => {
    expect(await hub.app.get(FirstStartService).prepare('initial-admin-pw')).toEqual({ kind: 'admin_created' });
    expect(await hub.app.get(FirstStartService).prepare('initial-admin-pw')).toEqual({ kind: 'ready' });
    expect(await snapshot(sql)).toMatchObject({ departments: '0', users: '1' });

    const admin = await HubClient.login(hub.url, 'admin', 'initial-admin-pw');
    expect((await admin.get('/api/auth/me')).body).toMatchObject({ role: 'admin', mustChangePassword: true });
    const refused = await admin.get('/api/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: PASSWORD_CHANGE_REQUIRED, status: 403 });
    expect((await admin.post('/api/admin/departments', { code: 'DRC', name: '发展和改革局', nameEn: 'DRC' })).status).toBe(403);

    const short = await admin.post('/api/auth/password', { currentPassword: 'initial-admin-pw', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(fieldErrors(short)).toEqual([
      { field: 'newPassword', code: 'password.too_short', message: 'newPassword must be at least 10 characters' },
    ]);
    const wrong = await admin.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD });
    expect(fieldErrors(wrong)[0]!.field).toBe('currentPassword');
    expect(await snapshot(sql)).toMatchObject({ departments: '0' });

    expect((await admin.post('/api/auth/password', { currentPassword: 'initial-admin-pw', newPassword: NEW_PASSWORD })).body).toMatchObject(
      { mustChangePassword: false },
    );
    expect((await admin.get('/api/admin/users')).status).toBe(200);
    await HubClient.login(hub.url, 'admin', NEW_PASSWORD);
  });

  it('R1: without an initial password a one-time setup link is printed; only its hash is kept; it works once', async () => {
    const start = await hub.app.get(FirstStartService).prepare(undefined);
    if (start.kind !== 'setup_link') throw new Error(start.kind);
    const { rows } = await sql.query('SELECT token_hash FROM setup_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(start.token);

    const anonymous = new HubClient(hub.url);
    const weak = await anonymous.post('/api/setup', { token: start.token, newPassword: 'admin' });
    expect(weak.status).toBe(400);
    expect(fieldErrors(weak)[0]!.field).toBe('newPassword');
    expect(fieldErrors(await anonymous.post('/api/setup', { token: 'forged', newPassword: NEW_PASSWORD }))[0]!.field).toBe('token');
    expect((await anonymous.post('/api/setup', { token: start.token, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect(fieldErrors(await anonymous.post('/api/setup', { token: start.token, newPassword: 'another-passphrase' }))[0]).toEqual({
      field: 'token',
      code: 'setup_link.invalid',
      message: 'this setup link is used, expired or unknown',
    });
    const admin = await HubClient.login(hub.url, 'admin', NEW_PASSWORD);
    expect((await admin.get('/api/admin/departments')).body).toEqual([]);
  });

  it('R1: a restart before the link is used voids the old link and prints a new one', async () => {
    const first = await hub.app.get(FirstStartService).prepare(undefined);
    const second = await hub.app.get(FirstStartService).prepare(undefined);
    if (first.kind !== 'setup_link' || second.kind !== 'setup_link') throw new Error('no links');
    const anonymous = new HubClient(hub.url);
    expect((await anonymous.post('/api/setup', { token: first.token, newPassword: NEW_PASSWORD })).status).toBe(400);
    expect((await anonymous.post('/api/setup', { token: second.token, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect(await hub.app.get(FirstStartService).prepare(undefined)).toEqual({ kind: 'ready' });
  });
});

describe('departments, people and deputies kept by the admin (R1, R2)', () => {
  const hub = withHub({ people: { admin: 'admin', window: 'window', leader: 'leader' } });
  const { sql } = hub;
  const { admin, window, leader } = hub.people;

  const createUser = async (body: CreateUserRequest) => {
    const reply = await admin.post('/api/admin/users', body);
    if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
    return reply.body;
  };
  const newDepartment = async (code: string) =>
    (await admin.post('/api/admin/departments', { code, name: `${code}局`, nameEn: `${code} Bureau` })).body;

  it('R1: the admin creates, renames and recodes a department, each change on record', async () => {
    const created = await newDepartment('TAX');
    expect(created).toMatchObject({ code: 'TAX', name: 'TAX局', active: true, liaisons: 0 });
    const renamed = await admin.patch(`/api/admin/departments/${created.id}`, {
      code: 'STA',
      name: '税务局',
      nameEn: 'Tax Bureau',
    });
    expect(renamed.body).toMatchObject({ code: 'STA', name: '税务局', nameEn: 'Tax Bureau' });
    const { rows } = await sql.query(
      `SELECT action, target, before, after FROM configuration_changes WHERE subject = 'departments' ORDER BY at, action`,
    );
    expect(rows).toEqual([
      { action: 'department_created', target: 'TAX', before: null, after: { code: 'TAX', name: 'TAX局', nameEn: 'TAX Bureau' } },
      {
        action: 'department_updated',
        target: 'STA',
        before: { code: 'TAX', name: 'TAX局', nameEn: 'TAX Bureau' },
        after: { code: 'STA', name: '税务局', nameEn: 'Tax Bureau' },
      },
    ]);
    expect((await window.get('/api/departments')).body.find((d) => d.code === 'STA')).toMatchObject({ active: true });
  });

  it('R1: a taken code or an empty name is refused naming the field, and nothing changes', async () => {
    const before = await snapshot(sql);
    const taken = await admin.post('/api/admin/departments', { code: 'DRC', name: '重复', nameEn: 'Dup' });
    expect(taken.status).toBe(400);
    expect(fieldErrors(taken)).toEqual([{ field: 'code', code: 'department_code.taken', message: 'department code DRC is taken' }]);
    expect(fieldErrors(await admin.post('/api/admin/departments', { code: 'NEW', name: ' ', nameEn: 'x' }))[0]!.field).toBe('name');
    expect(await snapshot(sql)).toEqual(before);
  });

  it('R1: a department with open work cannot be switched off (problem+json), nothing changes; once done it can', async () => {
    const dept = await newDepartment('OPN');
    const { project } = await admittedProject(window, leader, ['OPN']);
    const before = await snapshot(sql);
    const refused = await admin.post(`/api/admin/departments/${dept.id}/deactivation`);
    expect(refused.status).toBe(409);
    expect(problem(refused).detail).toMatch(/1 running item/);
    expect(await snapshot(sql)).toEqual(before);

    const liaison = await createUser({ username: 'opn.liaison', displayName: '开放局联络员', role: 'liaison', departmentId: dept.id });
    const opn = await firstLogin(hub.first.url, 'opn.liaison', liaison.oneTimePassword);
    const itemId = project.items[0].id;
    expect((await acceptItem(window, itemId, opn)).status).toBe(200);
    expect((await opn.post(`/api/items/${itemId}/decision`, { outcome: 'approved' })).status).toBe(200);
    const done = await admin.post(`/api/admin/departments/${dept.id}/deactivation`);
    expect(done.body).toMatchObject({ active: false });
    // A switched-off department takes no new items and no new people.
    const registered = await window.post('/api/projects', REGISTRATION);
    const admission = await leader.post(`/api/projects/${registered.body.id}/admission`, {
      leadDepartmentId: dept.id,
      participatingDepartmentIds: [],
    });
    expect(admission.status).toBe(400);
    expect(fieldErrors(admission)[0]!.field).toBe('leadDepartmentId');
    const more = await admin.post('/api/admin/users', { username: 'opn.two', displayName: '二', role: 'liaison', departmentId: dept.id });
    expect(fieldErrors(more)[0]!.field).toBe('departmentId');
  });

  it('R1: a department may have several liaisons; each logs in with a one-time password and must choose its own', async () => {
    const drc = (await admin.get('/api/admin/departments')).body.find((d) => d.code === 'DRC')!;
    const second = await createUser({ username: 'drc.second', displayName: '第二联络员', role: 'liaison', departmentId: drc.id });
    expect(second.user).toMatchObject({ role: 'liaison', departmentId: drc.id, mustChangePassword: true, active: true });
    expect(second.oneTimePassword).toHaveLength(16);
    expect((await admin.get('/api/admin/departments')).body.find((d) => d.code === 'DRC')!.liaisons).toBe(2);
    const { rows } = await sql.query('SELECT password_hash FROM users WHERE username = $1', ['drc.second']);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    const liaison = await HubClient.login(hub.first.url, 'drc.second', second.oneTimePassword);
    expect((await liaison.get('/api/board')).body).toMatchObject({ type: PASSWORD_CHANGE_REQUIRED });
    const same = await liaison.post('/api/auth/password', { currentPassword: second.oneTimePassword, newPassword: 'drc.second' });
    expect(fieldErrors(same)).toEqual([
      { field: 'newPassword', code: 'password.is_username', message: 'newPassword must not be the username' },
    ]);
    expect((await liaison.post('/api/auth/password', { currentPassword: second.oneTimePassword, newPassword: NEW_PASSWORD })).status).toBe(
      200,
    );
    expect((await liaison.get('/api/board')).status).toBe(200);
  });

  it('R1: bad people are refused naming the field — liaison without department, department on a leader, duplicate username — nothing written', async () => {
    const drc = (await admin.get('/api/admin/departments')).body.find((d) => d.code === 'DRC')!;
    const before = await snapshot(sql);
    const cases: [object, string][] = [
      [{ username: 'no.dept', displayName: '甲', role: 'liaison', departmentId: null }, 'departmentId'],
      [{ username: 'lead.dept', displayName: '乙', role: 'leader', departmentId: drc.id }, 'departmentId'],
      [{ username: 'window', displayName: '丙', role: 'window', departmentId: null }, 'username'],
      [{ username: 'WINDOW', displayName: '丙', role: 'window', departmentId: null }, 'username'],
      [{ username: 'applicant.one', displayName: '丁', role: 'applicant', departmentId: null }, 'role'],
    ];
    for (const [body, field] of cases) {
      const reply = await admin.send('POST', '/api/admin/users', body);
      expect(reply.status).toBe(400);
      expect(reply.type).toContain('application/problem+json');
      expect(fieldErrors(reply)[0]!.field).toBe(field);
    }
    expect(await snapshot(sql)).toEqual(before);
  });

  it('R1: a reset password is shown once, ends the sessions and must be changed; a switched-off user loses its session at once and cannot log in', async () => {
    const created = await createUser({ username: 'win.temp', displayName: '临时窗口', role: 'window', departmentId: null });
    const person = await firstLogin(hub.first.url, 'win.temp', created.oneTimePassword);
    const reset = await admin.post(`/api/admin/users/${created.user.id}/password-reset`);
    expect(reset.body.user.mustChangePassword).toBe(true);
    expect((await person.get('/api/auth/me')).status).toBe(401);
    const again = await firstLogin(hub.first.url, 'win.temp', reset.body.oneTimePassword);
    expect((await again.get('/api/board')).status).toBe(200);
    const socket = connectSocket(hub.first.url, again.cookie);
    let cut: string | null = null;
    socket.on('disconnect', (reason) => (cut = reason));
    await connected(socket);

    const off = await admin.post(`/api/admin/users/${created.user.id}/deactivation`);
    expect(off.body).toMatchObject({ active: false });
    // Its live connection ends with it, at once (not at the next periodic session check).
    expect(await eventually(() => cut ?? undefined, 1500)).toBe('io server disconnect');
    expect((await again.get('/api/board')).status).toBe(401);
    expect((await sql.query('SELECT count(*) FROM sessions WHERE user_id = $1', [created.user.id])).rows[0].count).toBe('0');
    const login = await new HubClient(hub.first.url).post('/api/auth/login', { username: 'win.temp', password: NEW_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body).toMatchObject({ status: 403, detail: 'This account is switched off; ask the administrator' });
    const { rows } = await sql.query(
      `SELECT action FROM configuration_changes WHERE subject = 'users' AND target = 'win.temp' ORDER BY at`,
    );
    expect(rows.map((r) => r.action)).toEqual(['user_created', 'user_password_reset', 'user_deactivated']);
  });

  it('R1: a switched-off person is switched on again and logs in with its password, on record; twice, or into a switched-off department, is refused as problem+json and changes nothing', async () => {
    const created = await createUser({ username: 'win.back', displayName: '回来的窗口', role: 'window', departmentId: null });
    await firstLogin(hub.first.url, 'win.back', created.oneTimePassword);
    await admin.post(`/api/admin/users/${created.user.id}/deactivation`);
    const refusedLogin = await new HubClient(hub.first.url).post('/api/auth/login', { username: 'win.back', password: NEW_PASSWORD });
    expect(refusedLogin.status).toBe(403);
    expect(refusedLogin.type).toContain('application/problem+json');

    const on = await admin.post(`/api/admin/users/${created.user.id}/reactivation`);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ username: 'win.back', active: true });
    expect((await (await HubClient.login(hub.first.url, 'win.back', NEW_PASSWORD)).get('/api/board')).status).toBe(200);
    const twice = await admin.post(`/api/admin/users/${created.user.id}/reactivation`);
    expect(twice.status).toBe(409);
    expect(twice.type).toContain('application/problem+json');

    const department = await newDepartment('RAC');
    const liaison = await createUser({ username: 'rac.one', displayName: '复用联络员', role: 'liaison', departmentId: department.id });
    await admin.post(`/api/admin/users/${liaison.user.id}/deactivation`);
    expect((await admin.post(`/api/admin/departments/${department.id}/deactivation`)).status).toBe(200);
    const snapshotBefore = await snapshot(sql);
    const orphan = await admin.post(`/api/admin/users/${liaison.user.id}/reactivation`);
    expect(orphan.status).toBe(409);
    expect(fieldErrors(orphan)).toEqual([
      { field: 'departmentId', code: 'department.inactive', message: 'the department is switched off' },
    ]);
    expect(await snapshot(sql)).toEqual(snapshotBefore);
    expect((await window.post(`/api/admin/users/${created.user.id}/reactivation`)).status).toBe(403);
    const { rows } = await sql.query(
      `SELECT action FROM configuration_changes WHERE subject = 'users' AND target = 'win.back' ORDER BY at`,
    );
    expect(rows.map((r) => r.action)).toEqual(['user_created', 'user_deactivated', 'user_reactivated']);
  });

  it("R27 R1: the admin sets a person's e-mail and mobile, checked like the person's own and on record; bad ones name R27 and the field; an address the person relies on is not cleared", async () => {
    const created = await createUser({ username: 'win.contact', displayName: '联系窗口', role: 'window', departmentId: null });
    const id = created.user.id;
    expect(created.user).toMatchObject({ email: null, mobile: null });
    const before = await snapshot(sql);
    for (const [body, field] of [
      [{ email: 'not-an-address', mobile: null }, 'email'],
      [{ email: null, mobile: '12345' }, 'mobile'],
    ] as const) {
      const refused = await admin.patch(`/api/admin/users/${id}/contact`, body);
      expect(refused.status).toBe(400);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ rule: 'R27', errors: [{ field }] });
    }
    expect((await window.patch(`/api/admin/users/${id}/contact`, { email: 'x@example.gov.cn', mobile: null })).status).toBe(403);
    expect(await snapshot(sql)).toEqual(before);

    const set = await admin.patch(`/api/admin/users/${id}/contact`, {
      email: ' win.contact@example.gov.cn ',
      mobile: '139 0000 0123',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ username: 'win.contact', email: 'win.contact@example.gov.cn', mobile: '13900000123' });
    expect((await admin.get('/api/admin/users')).body.find((u) => u.id === id)).toMatchObject({
      email: 'win.contact@example.gov.cn',
      mobile: '13900000123',
    });
    const person = await firstLogin(hub.first.url, 'win.contact', created.oneTimePassword);
    const mine = (await person.get('/api/notifications/mine')).body;
    expect(mine).toMatchObject({ email: 'win.contact@example.gov.cn', mobile: '13900000123' });

    // The person chose SMS for early warnings: the admin cannot silently take the mobile away.
    expect((await person.put('/api/notifications/mine', { ...mine, channels: { ...mine.channels, deadline_warning: 'sms' } })).status).toBe(
      200,
    );
    const relied = await admin.patch(`/api/admin/users/${id}/contact`, { email: 'win.contact@example.gov.cn', mobile: '' });
    expect(relied.status).toBe(400);
    expect(relied.body).toMatchObject({ rule: 'R27', errors: [{ field: 'mobile', message: expect.stringContaining('deadline_warning') }] });
    const { rows } = await sql.query(
      `SELECT action, before, after FROM configuration_changes WHERE subject = 'users' AND target = 'win.contact' ORDER BY at`,
    );
    expect(rows).toEqual([
      { action: 'user_created', before: null, after: expect.anything() },
      {
        action: 'user_contact_changed',
        before: { email: null, mobile: null },
        after: { email: 'win.contact@example.gov.cn', mobile: '13900000123' },
      },
    ]);
  });

  it('R1: the import preview names every bad row and writes nothing; importing a bad file writes nothing; a good file writes all rows', async () => {
    const bad = [
      'kind,code,name,name_en,username,display_name,role,department_code',
      'department,CUL,文化局,Culture Bureau,,,,',
      'user,,,,cul.one,文化甲,liaison,CUL',
      'user,,,,cul.two,文化乙,liaison,NOPE',
      'user,,,,window,重名,window,',
      'user,,,,cul.three,文化丙,chief,',
      'user,,,,cul.four,,leader,',
      'user,,,,cul.one,文化重复,liaison,CUL',
    ].join('\r\n');
    const before = await snapshot(sql);
    const preview = await admin.post('/api/admin/people-import/preview', { content: '\uFEFF' + bad });
    expect(preview.status).toBe(200);
    expect(preview.body.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '4:department_code',
      '5:username',
      '6:role',
      '7:display_name',
      '8:username',
    ]);
    const refused = await admin.post('/api/admin/people-import', { content: bad });
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(fieldErrors(refused)).toHaveLength(5);
    expect(fieldErrors(refused)[0]).toEqual({
      field: 'line 4: department_code',
      code: 'reference.unknown',
      message: 'unknown department NOPE',
    });
    // A username twice in one file is named at its second line, pointing at the first.
    expect(fieldErrors(refused)[4]).toEqual({
      field: 'line 8: username',
      code: 'import.username_repeated',
      message: 'username cul.one is repeated (first on line 3)',
    });
    expect(await snapshot(sql)).toEqual(before);

    const good = await admin.post('/api/admin/people-import', { content: PEOPLE_CSV_TEMPLATE.replace(/DRC/g, 'IMP') });
    expect(good.status).toBe(201);
    expect(good.body.departments).toBe(1);
    expect(good.body.users.map((u) => u.username)).toEqual(['zhang.san', 'li.si']);
    const imported = await firstLogin(hub.first.url, 'zhang.san', good.body.users[0].oneTimePassword);
    expect((await imported.get('/api/auth/me')).body).toMatchObject({ role: 'liaison', mustChangePassword: false });
  });

  it("R1: an XLSX file, read into the CSV path's rows, gets the same preview naming every bad row; nothing is written until it is clean", async () => {
    const rows = [
      [...PEOPLE_CSV_COLUMNS],
      ['department', 'XLS', '表格局', 'Spreadsheet Bureau', '', '', '', ''],
      ['user', '', '', '', 'xls.one', '表格甲', 'liaison', 'XLS'],
      ['user', '', '', '', 'xls.two', '表格乙', 'liaison', 'NOPE'],
      ['user', '', '', '', 'window', '重名', 'window', ''],
      ['user', '', '', '', 'xls.one', '又一个', 'leader', ''],
    ];
    const xlsx = await writeXlsxFile(rows.map((r) => r.map((value) => ({ value, type: String })))).toBuffer();
    const content = spreadsheetToCsv(await readSheet(xlsx));
    const before = await snapshot(sql);
    const preview = await admin.post('/api/admin/people-import/preview', { content });
    expect(preview.body.errors.map((e) => `${e.line}:${e.field}:${e.message}`)).toEqual([
      '4:department_code:unknown department NOPE',
      '5:username:username window is taken',
      '6:username:username xls.one is repeated (first on line 3)',
    ]);
    expect((await admin.post('/api/admin/people-import', { content })).status).toBe(400);
    expect(await snapshot(sql)).toEqual(before);

    const clean = spreadsheetToCsv(
      await readSheet(await writeXlsxFile(rows.slice(0, 3).map((r) => r.map((value) => ({ value, type: String })))).toBuffer()),
    );
    const imported = await admin.post('/api/admin/people-import', { content: clean });
    expect(imported.status).toBe(201);
    expect(imported.body.users.map((u) => u.username)).toEqual(['xls.one']);
  });

  describe('deputies', () => {
    let drcId: string;
    let principal: HubClient;
    let principalId: string;
    const period = async (startOffsetMs: number, lengthMs: number) => {
      const now = new Date((await leader.get('/api/board')).body.serverNow).getTime();
      return { startsAt: new Date(now + startOffsetMs).toISOString(), endsAt: new Date(now + startOffsetMs + lengthMs).toISOString() };
    };
    const userId = async (username: string) =>
      (await sql.query('SELECT id FROM users WHERE username = $1', [username])).rows[0].id as string;

    beforeAll(async () => {
      drcId = (await admin.get('/api/admin/departments')).body.find((d) => d.code === 'DRC')!.id;
      principal = await hub.login('liaison-drc');
      principalId = await userId('liaison-drc');
    });

    it('R1: a liaison names a colleague of its department; one from another department, or an overlapping period, is refused naming the field; nothing written', async () => {
      const colleague = await userId('drc.second');
      const named = await principal.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: colleague,
        ...(await period(86_400_000, 7 * 86_400_000)),
      });
      expect(named.status).toBe(201);
      expect(named.body).toMatchObject({ principal: { id: principalId }, deputy: { id: colleague }, departmentId: drcId });

      const before = await snapshot(sql);
      const other = await principal.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: await userId('liaison-nrp'),
        ...(await period(30 * 86_400_000, 86_400_000)),
      });
      expect(other.status).toBe(400);
      expect(other.type).toContain('application/problem+json');
      expect(fieldErrors(other)).toEqual([
        { field: 'deputyUserId', code: 'deputy.other_department', message: 'the deputy is from another department' },
      ]);
      const overlapping = await principal.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: colleague,
        ...(await period(2 * 86_400_000, 86_400_000)),
      });
      expect(overlapping.status).toBe(400);
      expect(overlapping.type).toContain('application/problem+json');
      expect(fieldErrors(overlapping)[0]).toEqual({
        field: 'startsAt',
        code: 'deputy.period_overlaps',
        message: 'the period overlaps another deputy period of this liaison',
      });
      const window = await principal.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: await userId('window'),
        ...(await period(30 * 86_400_000, 86_400_000)),
      });
      expect(fieldErrors(window)[0]!.field).toBe('deputyUserId');
      // R2: another department's liaison cannot name deputies for this one.
      const nrp = await hub.login('liaison-nrp');
      expect(
        (
          await nrp.post('/api/deputies', {
            principalUserId: principalId,
            deputyUserId: colleague,
            ...(await period(40 * 86_400_000, 86_400_000)),
          })
        ).status,
      ).toBe(403);
      expect(await snapshot(sql)).toEqual(before);
    });

    it("R1/R2: during its period a deputy the admin names acts on the department's items, and the card records for whom; after it, refused", async () => {
      const window2 = await hub.login('window2');
      const { project } = await admittedProject(window, leader, ['DRC']);
      const itemId = project.items[0].id;
      expect((await acceptItem(window, itemId, window2)).status).toBe(200);
      expect((await window2.post(`/api/items/${itemId}/decision`, { outcome: 'approved' })).status).toBe(403);

      const hour = 3_600_000;
      const named = await admin.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: await userId('window2'),
        ...(await period(-60_000, hour)),
      });
      expect(named.status).toBe(201);
      expect((await window2.get('/api/auth/me')).body.deputyFor).toEqual([
        expect.objectContaining({ principalId, departmentId: drcId, principalName: '发展和改革局联络员' }),
      ]);
      expect((await window2.post(`/api/items/${itemId}/decision`, { outcome: 'approved' })).status).toBe(200);
      const card = (await leader.get(`/api/projects/${project.id}/card`)).body;
      const decided = card.find((e) => e.action === 'item.approved')!;
      expect(decided.actor).toEqual({
        id: await userId('window2'),
        displayName: '张窗口',
        role: 'window',
        onBehalfOf: { id: principalId, displayName: '发展和改革局联络员' },
      });
      const accepted = card.find((e) => e.action === 'item.accepted')!;
      expect(accepted.actor!.onBehalfOf).toBeUndefined();
      expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body).toMatchObject({ valid: true });

      // Once the period is over, the deputy is a window colleague again.
      await admin.post('/api/test/clock', { advanceMs: hour });
      const next = (await admittedProject(window, leader, ['DRC'])).project.items[0].id;
      await acceptItem(window, next);
      expect((await window2.get('/api/auth/me')).body.deputyFor).toEqual([]);
      expect((await window2.post(`/api/items/${next}/decision`, { outcome: 'approved' })).status).toBe(403);
    });

    it("R1: a deputy period is ended early: a running one ends now and the deputy loses the rights at once; one not begun is withdrawn; one over, or another department's, is refused; on record", async () => {
      const drcThird = await createUser({ username: 'drc.third', displayName: '发改局第三联络员', role: 'liaison', departmentId: drcId });
      const colleague = drcThird.user.id;
      const deputy = await firstLogin(hub.first.url, 'drc.third', drcThird.oneTimePassword);
      const running = await admin.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: colleague,
        ...(await period(-1_000, 12 * 3_600_000)),
      });
      expect(running.status).toBe(201);
      expect((await deputy.get('/api/auth/me')).body.deputyFor).toHaveLength(1);

      const nrp = await hub.login('liaison-nrp');
      const before = await snapshot(sql);
      const foreign = await nrp.post(`/api/deputies/${running.body.id}/end`);
      expect(foreign.status).toBe(403);
      expect(foreign.type).toContain('application/problem+json');
      expect(await snapshot(sql)).toEqual(before);

      const ended = await principal.post(`/api/deputies/${running.body.id}/end`);
      expect(ended.status).toBe(200);
      expect(new Date(ended.body.endsAt).getTime()).toBeLessThan(new Date(running.body.endsAt).getTime());
      expect((await deputy.get('/api/auth/me')).body.deputyFor).toEqual([]);
      const again = await principal.post(`/api/deputies/${running.body.id}/end`);
      expect(again.status).toBe(409);
      expect(again.type).toContain('application/problem+json');

      const future = await principal.post('/api/deputies', {
        principalUserId: principalId,
        deputyUserId: colleague,
        ...(await period(200 * 86_400_000, 86_400_000)),
      });
      expect(future.status).toBe(201);
      expect((await principal.post(`/api/deputies/${future.body.id}/end`)).status).toBe(200);
      expect((await sql.query('SELECT 1 FROM deputies WHERE id = $1', [future.body.id])).rowCount).toBe(0);
      const { rows } = await sql.query(`SELECT action FROM configuration_changes WHERE subject = 'deputies' AND action = 'deputy_ended'`);
      expect(rows).toHaveLength(2);
    });
  });
});
