import {
  actingFor,
  deputyProblems,
  parseCsv,
  passwordProblems,
  PEOPLE_CSV_COLUMNS,
  PEOPLE_CSV_TEMPLATE,
  PEOPLE_TEMPLATE_ROWS,
  previewPeopleImport,
  spreadsheetToCsv,
  toCsv,
  userProblems,
} from './people-rules';

const grant = (departmentId: string) => ({
  principalId: `p-${departmentId}`,
  principalName: '张三',
  departmentId,
  endsAt: '2030-01-01T00:00:00Z',
});

describe('people rules (R1)', () => {
  it('R1: a password has at least 10 characters and is not the username; the error names the field', () => {
    expect(passwordProblems('zhang.san', 'short')).toEqual([
      { field: 'newPassword', code: 'password.too_short', message: 'newPassword must be at least 10 characters' },
    ]);
    expect(passwordProblems('zhang.san10', 'Zhang.San10')).toEqual([
      { field: 'newPassword', code: 'password.is_username', message: 'newPassword must not be the username' },
    ]);
    expect(passwordProblems('zhang.san', 'a long enough secret')).toEqual([]);
  });

  it('R1: a liaison needs exactly one department; other roles none; the applicant has no account', () => {
    const base = { username: 'zhang.san', displayName: '张三' };
    expect(userProblems({ ...base, role: 'liaison', departmentId: null })).toEqual([
      { field: 'departmentId', code: 'role.liaison_needs_department', message: 'a liaison needs exactly one department' },
    ]);
    expect(userProblems({ ...base, role: 'window', departmentId: 'd' })).toEqual([
      { field: 'departmentId', code: 'role.has_no_department', message: 'a window has no department' },
    ]);
    expect(userProblems({ ...base, role: 'applicant', departmentId: null })[0]!.field).toBe('role');
    expect(userProblems({ ...base, role: 'liaison', departmentId: 'd' })).toEqual([]);
    expect(userProblems({ ...base, username: 'Bad Name', role: 'leader', departmentId: null })[0]!.field).toBe('username');
  });

  describe('deputies', () => {
    const principal = { id: 'p', role: 'liaison' as const, departmentId: 'drc', active: true };
    const colleague = { id: 'c', role: 'liaison' as const, departmentId: 'drc', active: true };
    const period = { startsAt: new Date('2026-03-02T00:00:00Z'), endsAt: new Date('2026-03-09T00:00:00Z') };
    const ok = { namedBy: { id: 'p', role: 'liaison' as const }, principal, deputy: colleague, period, existing: [] };

    it('R1: a liaison names a colleague of its own department for a period', () => {
      expect(deputyProblems(ok)).toEqual([]);
    });

    it('R1: a deputy from another department is refused, naming the field', () => {
      expect(deputyProblems({ ...ok, deputy: { ...colleague, departmentId: 'nrp' } })).toEqual([
        { field: 'deputyUserId', code: 'deputy.other_department', message: 'the deputy is from another department' },
      ]);
    });

    it('R1: overlapping periods of one principal are refused; adjoining ones are not', () => {
      const overlapping = { startsAt: new Date('2026-03-08T00:00:00Z'), endsAt: new Date('2026-03-12T00:00:00Z') };
      const adjoining = { startsAt: new Date('2026-03-09T00:00:00Z'), endsAt: new Date('2026-03-12T00:00:00Z') };
      expect(deputyProblems({ ...ok, existing: [overlapping] })[0]!.field).toBe('startsAt');
      expect(deputyProblems({ ...ok, existing: [adjoining] })).toEqual([]);
    });

    it('R1: a window colleague only when the admin names it; never a switched-off user; never oneself; never for another liaison', () => {
      const window = { id: 'w', role: 'window' as const, departmentId: null, active: true };
      expect(deputyProblems({ ...ok, deputy: window })[0]!.field).toBe('deputyUserId');
      expect(deputyProblems({ ...ok, namedBy: { id: 'a', role: 'admin' }, deputy: window })).toEqual([]);
      expect(deputyProblems({ ...ok, deputy: { ...colleague, active: false } })[0]!.message).toBe('the deputy is switched off');
      expect(deputyProblems({ ...ok, deputy: principal })[0]!.field).toBe('deputyUserId');
      expect(deputyProblems({ ...ok, namedBy: { id: 'c', role: 'liaison' } })[0]!.field).toBe('principalUserId');
      expect(deputyProblems({ ...ok, period: { startsAt: period.endsAt, endsAt: period.startsAt } })[0]!.field).toBe('endsAt');
    });

    it("R1: a deputy acts for the principal of the object's department; a liaison deputy for its principal in everything", () => {
      expect(actingFor({ role: 'window', deputyFor: [grant('drc')] }, 'drc')?.principalId).toBe('p-drc');
      expect(actingFor({ role: 'window', deputyFor: [grant('drc')] }, 'nrp')).toBeNull();
      expect(actingFor({ role: 'window', deputyFor: [grant('drc')] }, null)).toBeNull();
      expect(actingFor({ role: 'liaison', deputyFor: [grant('drc')] }, null)?.principalId).toBe('p-drc');
      expect(actingFor({ role: 'liaison' }, 'drc')).toBeNull();
    });
  });

  describe('import', () => {
    it('R1: CSV with BOM, quotes, doubled quotes and CRLF', () => {
      expect(parseCsv('\uFEFFa,"b,""c"""\r\nd,\n')).toEqual([
        ['a', 'b,"c"'],
        ['d', ''],
      ]);
    });

    it("R1: toCsv is parseCsv's inverse (commas, quotes, line breaks, Chinese)", () => {
      const rows = [['a,b', 'say "hi"', 'two\nlines', '发展和改革局', '']];
      expect(parseCsv(toCsv(rows))).toEqual(rows);
      expect(parseCsv(PEOPLE_CSV_TEMPLATE)).toEqual(PEOPLE_TEMPLATE_ROWS.map((r) => [...r]));
    });

    it('R1: spreadsheet rows (XLSX) become the CSV rows the same preview reads: numbers as typed, dates as days, empty cells empty', () => {
      const csv = spreadsheetToCsv([
        [...PEOPLE_CSV_COLUMNS],
        ['department', 110, '一一零局', 'Bureau 110', null, null, null, null],
        ['user', null, null, null, 'a.one', '甲', 'liaison', 110],
        ['user', null, null, null, 'b.two', new Date('2026-03-02T00:00:00Z'), 'window', undefined],
      ]);
      expect(parseCsv(csv)[3]).toEqual(['user', '', '', '', 'b.two', '2026-03-02', 'window', '']);
      const preview = previewPeopleImport(csv, { departmentCodes: [], usernames: [] });
      expect(preview.errors).toEqual([]);
      expect(preview.users.map((u) => [u.line, u.departmentCode])).toEqual([
        [3, '110'],
        [4, null],
      ]);
    });

    it('R1: the offered template previews clean', () => {
      const preview = previewPeopleImport(PEOPLE_CSV_TEMPLATE, { departmentCodes: [], usernames: [] });
      expect(preview.errors).toEqual([]);
      expect(preview.departments.map((d) => d.code)).toEqual(['DRC']);
      expect(preview.users.map((u) => u.username)).toEqual(['zhang.san', 'li.si']);
    });

    it('R1: every bad row is named: unknown department, duplicate username, bad role, missing field', () => {
      const csv = [
        'kind,code,name,name_en,username,display_name,role,department_code',
        'user,,,,a.one,甲,liaison,XYZ',
        'user,,,,admin,乙,window,',
        'user,,,,b.two,丙,boss,',
        'user,,,,c.three,,leader,',
        'user,,,,c.three,丁,leader,',
        'department,NRP,,Natural Resources,,,,',
        'team,,,,,,,',
      ].join('\n');
      const preview = previewPeopleImport(csv, { departmentCodes: ['DRC'], usernames: ['admin'] });
      expect(preview.errors.map((e) => [e.line, e.field])).toEqual([
        [2, 'department_code'],
        [3, 'username'],
        [4, 'role'],
        [5, 'display_name'],
        [6, 'username'],
        [7, 'name'],
        [8, 'kind'],
      ]);
      expect(preview.errors[0]!.message).toBe('unknown department XYZ');
    });

    it("R1: a header without the template's columns is refused at line 1", () => {
      expect(previewPeopleImport('name,role\n', { departmentCodes: [], usernames: [] }).errors).toEqual([
        { line: 1, field: 'kind', code: 'import.column_missing', message: expect.stringContaining('kind') },
      ]);
    });
  });
});
