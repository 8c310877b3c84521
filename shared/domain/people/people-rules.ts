import type { DeputyGrant, Role, SessionUser } from '../../contracts/auth';
import type { FieldProblem } from '../problems/problem-codes';
import { EMAIL_PATTERN, MOBILE_PATTERN } from '../../contracts/notifications';
import type {
  CreateUserRequest,
  PeopleImportPreview,
  PeopleImportRowError,
  SaveDepartmentRequest,
  UpdateUserContactRequest,
} from '../../contracts/people';

/** R1: the roles an account can have (the applicant has codes, never an account). */
export const ACCOUNT_ROLES = ['admin', 'leader', 'window', 'liaison'] as const satisfies readonly Role[];
export const PASSWORD_MIN_LENGTH = 10;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
const DEPARTMENT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,15}$/;

/** Password rules: at least 10 characters, and not the username. */
export function passwordProblems(username: string, password: string, field = 'newPassword'): FieldProblem[] {
  if (password.length < PASSWORD_MIN_LENGTH)
    return [{ field, code: 'password.too_short', message: `${field} must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    return [{ field, code: 'password.is_username', message: `${field} must not be the username` }];
  return [];
}

export function departmentProblems(d: SaveDepartmentRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!DEPARTMENT_CODE.test(d.code))
    problems.push({ field: 'code', code: 'department_code.invalid', message: 'code must be 1–16 capital letters, digits, - or _' });
  if (!d.name.trim()) problems.push({ field: 'name', code: 'field.required', message: 'name is required' });
  if (!d.nameEn.trim()) problems.push({ field: 'nameEn', code: 'field.required', message: 'nameEn is required' });
  return problems;
}

/** R1: a liaison acts for exactly one department; every other role for none. */
export function userProblems(u: CreateUserRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(u.username))
    problems.push({
      field: 'username',
      code: 'username.invalid',
      message: 'username must be 2–40 lower-case letters, digits, . _ or -, starting with a letter or digit',
    });
  if (!u.displayName.trim()) problems.push({ field: 'displayName', code: 'field.required', message: 'displayName is required' });
  if (!(ACCOUNT_ROLES as readonly string[]).includes(u.role))
    problems.push({ field: 'role', code: 'role.invalid', message: `role must be one of ${ACCOUNT_ROLES.join(', ')}` });
  else if (u.role === 'liaison' && !u.departmentId)
    problems.push({ field: 'departmentId', code: 'role.liaison_needs_department', message: 'a liaison needs exactly one department' });
  else if (u.role !== 'liaison' && u.departmentId)
    problems.push({ field: 'departmentId', code: 'role.has_no_department', message: `a ${u.role} has no department` });
  return problems;
}

/** R27: a person's e-mail and mobile as stored — trimmed, the mobile without spaces or dashes; empty is none. */
export function normalizeContact(c: UpdateUserContactRequest): UpdateUserContactRequest {
  return { email: c.email?.trim() || null, mobile: c.mobile?.replace(/[\s-]/g, '') || null };
}

/** R27: a normalized e-mail and mobile, checked the same wherever they are set (by the person, or by the admin for it). */
export function contactProblems(c: UpdateUserContactRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (c.email && !EMAIL_PATTERN.test(c.email)) problems.push({ field: 'email', code: 'email.invalid', message: 'Not an e-mail address' });
  if (c.mobile && !MOBILE_PATTERN.test(c.mobile))
    problems.push({ field: 'mobile', code: 'mobile.invalid', message: 'Not a mobile number (11 digits starting with 1)' });
  return problems;
}

export interface DeputyPeriod {
  startsAt: Date;
  endsAt: Date;
}

export const periodsOverlap = (a: DeputyPeriod, b: DeputyPeriod) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export interface DeputyCandidate {
  id: string;
  role: Role;
  departmentId: string | null;
  active: boolean;
}

/**
 * R1: who may stand in for a liaison, for a period. Decision: the deputy is an active liaison of the
 * principal's own department, or — named by the admin only — an active window colleague (center
 * staff, no department of its own). Never someone from another department; never overlapping
 * periods of one principal.
 */
export function deputyProblems(args: {
  namedBy: Pick<SessionUser, 'id' | 'role'>;
  principal: DeputyCandidate;
  deputy: DeputyCandidate;
  period: DeputyPeriod;
  existing: DeputyPeriod[];
}): FieldProblem[] {
  const { namedBy, principal, deputy, period, existing } = args;
  if (principal.role !== 'liaison' || !principal.active)
    return [{ field: 'principalUserId', code: 'deputy.principal_not_liaison', message: 'only an active liaison has a deputy' }];
  if (namedBy.role !== 'admin' && namedBy.id !== principal.id)
    return [{ field: 'principalUserId', code: 'deputy.not_own', message: 'a liaison names its own deputy' }];
  if (deputy.id === principal.id) return [{ field: 'deputyUserId', code: 'deputy.self', message: 'a liaison cannot be its own deputy' }];
  if (!deputy.active) return [{ field: 'deputyUserId', code: 'deputy.inactive', message: 'the deputy is switched off' }];
  const sameDepartment = deputy.role === 'liaison' && deputy.departmentId === principal.departmentId;
  const centerStaff = deputy.role === 'window' && namedBy.role === 'admin';
  if (!sameDepartment && !centerStaff) {
    return [
      {
        field: 'deputyUserId',
        code: 'deputy.other_department',
        message: deputy.departmentId
          ? 'the deputy is from another department'
          : "the deputy must be a liaison of the principal's department (or a window colleague the admin names)",
      },
    ];
  }
  if (!(period.endsAt > period.startsAt))
    return [{ field: 'endsAt', code: 'deputy.period_order', message: 'endsAt must be after startsAt' }];
  if (existing.some((p) => periodsOverlap(p, period)))
    return [{ field: 'startsAt', code: 'deputy.period_overlaps', message: 'the period overlaps another deputy period of this liaison' }];
  return [];
}

/** R1: whom a deputy acts for on a department's object; null when it acts in its own right. */
export function actingFor(user: Pick<SessionUser, 'role' | 'deputyFor'>, departmentId: string | null): DeputyGrant | null {
  const grants = user.deputyFor ?? [];
  if (departmentId) return grants.find((g) => g.departmentId === departmentId) ?? null;
  // A liaison deputy only ever stands in for its own department: any act of its in the period is for the principal.
  return user.role === 'liaison' ? (grants[0] ?? null) : null;
}

// ---------- CSV import of departments and people ----------

export const PEOPLE_CSV_COLUMNS = ['kind', 'code', 'name', 'name_en', 'username', 'display_name', 'role', 'department_code'] as const;

/** The template's rows: the header and one example of each kind (the CSV and the XLSX template alike). */
export const PEOPLE_TEMPLATE_ROWS: readonly (readonly string[])[] = [
  PEOPLE_CSV_COLUMNS,
  ['department', 'DRC', '发展和改革局', 'Development and Reform Bureau', '', '', '', ''],
  ['user', '', '', '', 'zhang.san', '张三', 'liaison', 'DRC'],
  ['user', '', '', '', 'li.si', '李四', 'window', ''],
];

/** The template the admin page offers (UTF-8 with BOM so spreadsheet programs read the Chinese). */
export const PEOPLE_CSV_TEMPLATE = '\uFEFF' + toCsv(PEOPLE_TEMPLATE_ROWS);

/** RFC 4180: the inverse of parseCsv (a field with a comma, quote or line break is quoted). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * XLSX import: the rows of a sheet as the CSV text the same preview and import read, so one
 * validator decides for both formats and rows keep their spreadsheet line numbers. A number a
 * spreadsheet made of a code (e.g. 110) is written as typed; a date as YYYY-MM-DD.
 */
export function spreadsheetToCsv(rows: readonly (readonly unknown[])[]): string {
  // A cell as a spreadsheet reader gives it: text, number, boolean, date, or empty (null).
  const text = (c: unknown) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c));
  return toCsv(rows.map((r) => r.map(text)));
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (s[i + 1] === '"') field += s[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/**
 * Reads an import file against what the hub already has; names every bad row (unknown department,
 * duplicate username or code, bad role, missing field). Nothing may be written while errors remain.
 */
export function previewPeopleImport(text: string, existing: { departmentCodes: string[]; usernames: string[] }): PeopleImportPreview {
  const preview: PeopleImportPreview = { departments: [], users: [], errors: [] };
  const err = (e: PeopleImportRowError) => preview.errors.push(e);
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = PEOPLE_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    err({ line: 1, field: missing[0]!, code: 'import.column_missing', message: `the header lacks column(s) ${missing.join(', ')}` });
    return preview;
  }
  const codes = new Set(existing.departmentCodes);
  const taken = new Set(existing.usernames.map((u) => u.toLowerCase()));
  /** The first line of each username in the file, so a repeat names where it came first. */
  const firstLine = new Map<string, number>();
  const users: { line: number; username: string; displayName: string; role: Role; departmentCode: string | null }[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const get = (c: (typeof PEOPLE_CSV_COLUMNS)[number]) => (cells[header.indexOf(c)] ?? '').trim();
    const kind = get('kind');
    if (kind === 'department') {
      const d = { code: get('code'), name: get('name'), nameEn: get('name_en') };
      const problems = departmentProblems(d);
      if (!problems.length && codes.has(d.code))
        problems.push({ field: 'code', code: 'department_code.taken', message: `department ${d.code} exists already` });
      problems.forEach((p) => err({ line, field: csvField(p.field), code: p.code, message: p.message }));
      codes.add(d.code);
      if (!problems.length) preview.departments.push({ line, ...d });
    } else if (kind === 'user') {
      const departmentCode = get('department_code') || null;
      const u = { username: get('username'), displayName: get('display_name'), role: get('role') as Role, departmentId: departmentCode };
      const problems = userProblems(u);
      const key = u.username.toLowerCase();
      if (!problems.some((p) => p.field === 'username')) {
        if (taken.has(key)) problems.push({ field: 'username', code: 'username.taken', message: `username ${u.username} is taken` });
        else if (firstLine.has(key))
          problems.push({
            field: 'username',
            code: 'import.username_repeated',
            message: `username ${u.username} is repeated (first on line ${firstLine.get(key)})`,
          });
      }
      if (!firstLine.has(key)) firstLine.set(key, line);
      problems.forEach((p) => err({ line, field: csvField(p.field), code: p.code, message: p.message }));
      if (!problems.length) users.push({ line, username: u.username, displayName: u.displayName, role: u.role, departmentCode });
    } else {
      err({ line, field: 'kind', code: 'import.kind_invalid', message: 'kind must be department or user' });
    }
  });
  // Departments may come later in the file than their people.
  for (const u of users) {
    if (u.departmentCode && !codes.has(u.departmentCode))
      err({ line: u.line, field: 'department_code', code: 'reference.unknown', message: `unknown department ${u.departmentCode}` });
    else preview.users.push(u);
  }
  preview.errors.sort((a, b) => a.line - b.line);
  return preview;
}

const CSV_FIELD: Record<string, string> = { nameEn: 'name_en', displayName: 'display_name', departmentId: 'department_code' };
const csvField = (field: string) => CSV_FIELD[field] ?? field;
