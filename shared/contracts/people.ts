import type { ProblemCode } from '../domain/problems/problem-codes';
import type { Role } from './auth';
import type { Department } from './departments';

// ---------- R1: departments, people and deputies, kept by the admin ----------

export interface SaveDepartmentRequest {
  code: string;
  name: string;
  nameEn: string;
}

export interface DepartmentAdminView extends Department {
  active: boolean;
  /** Active liaisons of the department. */
  liaisons: number;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** R27: where the person's messages go; the person sets them, or the admin for it (on record). */
  email: string | null;
  mobile: string | null;
}

/** R27: the admin sets a person's e-mail and mobile (empty clears one), checked like the person's own. */
export interface UpdateUserContactRequest {
  email: string | null;
  mobile: string | null;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  role: Role;
  /** Exactly one for a liaison; none for every other role (R1). */
  departmentId: string | null;
}

/** A new account or a reset password: the one-time password is shown to the admin once, never stored in clear. */
export interface OneTimePasswordResult {
  user: UserView;
  oneTimePassword: string;
}

export interface DeputyView {
  id: string;
  principal: { id: string; displayName: string };
  deputy: { id: string; displayName: string };
  departmentId: string;
  startsAt: string;
  endsAt: string;
  namedBy: { id: string; displayName: string };
}

export interface NameDeputyRequest {
  principalUserId: string;
  deputyUserId: string;
  startsAt: string;
  endsAt: string;
}

/** Deputies the caller may see, and the people it may name (a liaison: its own department's). */
export interface DeputiesOverview {
  deputies: DeputyView[];
  principals: { id: string; displayName: string; departmentId: string }[];
  candidates: { id: string; displayName: string; role: Role; departmentId: string | null }[];
}

/** A CSV (UTF-8, BOM allowed) in the template's columns. */
export interface PeopleImportRequest {
  content: string;
}

export interface PeopleImportRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  /** A ProblemCode: the words shown; `message` says it in English with the specifics. */
  code: ProblemCode;
  message: string;
}

export interface PeopleImportPreview {
  departments: { line: number; code: string; name: string; nameEn: string }[];
  users: { line: number; username: string; displayName: string; role: Role; departmentCode: string | null }[];
  errors: PeopleImportRowError[];
}

export interface PeopleImportResult {
  departments: number;
  /** Each imported person's one-time password, shown once. */
  users: { username: string; displayName: string; oneTimePassword: string }[];
}
