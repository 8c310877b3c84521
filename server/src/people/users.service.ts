import { Injectable } from '@nestjs/common';
import {
  contactProblems,
  normalizeContact,
  previewPeopleImport,
  userProblems,
  type CreateUserRequest,
  type OneTimePasswordResult,
  type PeopleImportPreview,
  type PeopleImportResult,
  type SessionUser,
  type UpdateUserContactRequest,
  type UserView,
} from '@hub/shared';
import { hashPassword } from '../auth/auth.service';
import { authorize } from '../common/authorize';
import { conflict, invalidFields, notFound, ProblemException, refusedBy } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { LiveEvents, userRoom } from '../events/live-events';
import { oneTimePassword } from './one-time-password';
import { recordPeopleChange } from './people-log';
import { HttpStatus } from '@nestjs/common';

const SELECT = `SELECT id, username, display_name AS "displayName", role, department_id AS "departmentId", active,
  must_change_password AS "mustChangePassword", email, mobile FROM users`;

/** R1: the admin keeps the people: accounts with a role (and a liaison's department), resets, switching off. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly live: LiveEvents,
  ) {}

  list(user: SessionUser): Promise<UserView[]> {
    authorize(user, 'people.manage');
    return this.db.query<UserView>(`${SELECT} ORDER BY active DESC, role, username`);
  }

  /** A new account with a one-time password, shown to the admin once; the person chooses its own at first login. */
  async create(user: SessionUser, dto: CreateUserRequest): Promise<OneTimePasswordResult> {
    authorize(user, 'people.manage');
    const u = {
      username: dto.username.trim(),
      displayName: dto.displayName.trim(),
      role: dto.role,
      departmentId: dto.departmentId ?? null,
    };
    const problems = userProblems(u);
    if (problems.length) throw invalidFields(problems);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      await lockUsernames(tx);
      if (await tx.one('SELECT 1 FROM users WHERE lower(username) = lower($1)', [u.username]))
        throw invalidFields([{ field: 'username', code: 'username.taken', message: `username ${u.username} is taken` }]);
      if (u.departmentId && !(await tx.one('SELECT 1 FROM departments WHERE id = $1 AND active', [u.departmentId]))) {
        throw invalidFields([{ field: 'departmentId', code: 'reference.unknown', message: 'no such active department' }]);
      }
      const id = await insertUser(tx, u, passwordHash);
      await recordPeopleChange(tx, user, 'users', 'user_created', u.username, null, {
        displayName: u.displayName,
        role: u.role,
        departmentId: u.departmentId,
      });
      return { user: (await view(tx, id))!, oneTimePassword: password };
    });
  }

  /** A new one-time password; the person's sessions end, and it must choose its own at next login. */
  async resetPassword(user: SessionUser, id: string): Promise<OneTimePasswordResult> {
    authorize(user, 'people.manage');
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const reset = await this.db.transaction(async (tx) => {
      const target = await lockUser(tx, id);
      if (!target.active) throw conflict(`${target.username} is switched off`);
      await tx.query('UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1', [id, passwordHash]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await recordPeopleChange(tx, user, 'users', 'user_password_reset', target.username, null, null);
      return { user: (await view(tx, id))!, oneTimePassword: password };
    });
    this.live.disconnect([userRoom(id)]); // its sessions ended: so do its live connections, on every instance
    return reset;
  }

  /**
   * R1: switches a person off: it cannot log in, and every session of its ends at once, in this
   * transaction, and its live sockets are cut on every instance. The one place a user is deactivated.
   */
  async deactivate(user: SessionUser, id: string): Promise<UserView> {
    authorize(user, 'people.manage');
    if (id === user.id) throw invalidFields([{ field: 'id', message: 'an admin cannot switch itself off' }]);
    const switchedOff = await this.db.transaction(async (tx) => {
      const target = await lockUser(tx, id);
      if (!target.active) throw conflict(`${target.username} is already switched off`);
      await tx.query('UPDATE users SET active = false WHERE id = $1', [id]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await recordPeopleChange(tx, user, 'users', 'user_deactivated', target.username, { active: true }, { active: false });
      return (await view(tx, id))!;
    });
    this.live.disconnect([userRoom(id)]); // after commit: its live connections end on every instance
    return switchedOff;
  }

  /**
   * R1: switches a person on again: it logs in with its password as before (a reset is a separate
   * step). A liaison's department must itself be active, or the liaison would act for nothing.
   */
  async reactivate(user: SessionUser, id: string): Promise<UserView> {
    authorize(user, 'people.manage');
    return this.db.transaction(async (tx) => {
      const target = await lockUser(tx, id);
      if (target.active) throw conflict(`${target.username} is already active`);
      if (target.departmentId && !(await tx.one('SELECT 1 FROM departments WHERE id = $1 AND active FOR SHARE', [target.departmentId]))) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'Conflict',
          `The department of ${target.username} is switched off: switch it on or move the person first`,
          [{ field: 'departmentId', code: 'department.inactive', message: 'the department is switched off' }],
        );
      }
      await tx.query('UPDATE users SET active = true WHERE id = $1', [id]);
      await recordPeopleChange(tx, user, 'users', 'user_reactivated', target.username, { active: false }, { active: true });
      return (await view(tx, id))!;
    });
  }

  /**
   * R27: the admin sets a person's e-mail and mobile, checked as the person's own are; an address
   * the person chose a channel for cannot be cleared (its messages would go nowhere). On record.
   */
  async updateContact(user: SessionUser, id: string, dto: UpdateUserContactRequest): Promise<UserView> {
    authorize(user, 'people.manage');
    const next = normalizeContact(dto);
    const problems = contactProblems(next);
    if (problems.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', problems.map((p) => p.message).join('; '), problems, {
        rule: 'R27',
      });
    return this.db.transaction(async (tx) => {
      const target = await lockUser(tx, id);
      const chosen = await tx.query<{ kind: string; channel: 'email' | 'sms' }>(
        `SELECT kind, channel FROM notification_preferences WHERE user_id = $1 AND channel <> 'hub' ORDER BY kind`,
        [id],
      );
      for (const [field, channel] of [
        ['email', 'email'],
        ['mobile', 'sms'],
      ] as const) {
        const relying = chosen.filter((c) => c.channel === channel).map((c) => c.kind);
        if (!next[field] && relying.length)
          throw refusedBy(
            'R27',
            field,
            `${target.displayName} receives ${relying.join(', ')} by ${channel}: give an address, or the person chooses another channel first`,
            false,
            channel === 'email' ? 'channel.needs_email' : 'channel.needs_mobile',
          );
      }
      const before = { email: target.email, mobile: target.mobile };
      if (before.email === next.email && before.mobile === next.mobile) return target;
      await tx.query('UPDATE users SET email = $2, mobile = $3 WHERE id = $1', [id, next.email, next.mobile]);
      await recordPeopleChange(tx, user, 'users', 'user_contact_changed', target.username, before, next);
      return (await view(tx, id))!;
    });
  }

  async previewImport(user: SessionUser, content: string): Promise<PeopleImportPreview> {
    authorize(user, 'people.manage');
    return this.db.transaction((tx) => preview(tx, content));
  }

  /** All rows in one transaction, or none: any bad row refuses the whole file, naming every bad row. */
  async import(user: SessionUser, content: string): Promise<PeopleImportResult> {
    authorize(user, 'people.manage');
    return this.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE departments IN SHARE ROW EXCLUSIVE MODE');
      await lockUsernames(tx);
      const p = await preview(tx, content);
      if (p.errors.length) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'Invalid import',
          `${p.errors.length} bad row(s); nothing was imported`,
          p.errors.map((e) => ({ field: `line ${e.line}: ${e.field}`, code: e.code, message: e.message })),
        );
      }
      if (!p.departments.length && !p.users.length) throw invalidFields([{ field: 'content', message: 'the file has no rows' }]);
      for (const d of p.departments)
        await tx.query('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3)', [d.code, d.name, d.nameEn]);
      const users: PeopleImportResult['users'] = [];
      for (const u of p.users) {
        const password = oneTimePassword();
        const department = u.departmentCode
          ? await tx.one<{ id: string }>('SELECT id FROM departments WHERE code = $1', [u.departmentCode])
          : null;
        await insertUser(tx, { ...u, departmentId: department?.id ?? null }, await hashPassword(password));
        users.push({ username: u.username, displayName: u.displayName, oneTimePassword: password });
      }
      await recordPeopleChange(tx, user, 'users', 'people_imported', `${p.departments.length}+${p.users.length}`, null, {
        departments: p.departments.map((d) => d.code),
        users: p.users.map((u) => u.username),
      });
      return { departments: p.departments.length, users };
    });
  }
}

async function preview(tx: Tx, content: string): Promise<PeopleImportPreview> {
  const departmentCodes = (await tx.query<{ code: string }>('SELECT code FROM departments WHERE active')).map((r) => r.code);
  const inactive = (await tx.query<{ code: string }>('SELECT code FROM departments WHERE NOT active')).map((r) => r.code);
  const usernames = (await tx.query<{ username: string }>('SELECT username FROM users')).map((r) => r.username);
  const p = previewPeopleImport(content, { departmentCodes, usernames });
  // A switched-off department's code stays taken, but takes no new people.
  for (const d of p.departments.filter((d) => inactive.includes(d.code)))
    p.errors.push({
      line: d.line,
      field: 'code',
      code: 'department_code.taken',
      message: `department ${d.code} exists already (switched off)`,
    });
  p.departments = p.departments.filter((d) => !inactive.includes(d.code));
  p.errors.sort((a, b) => a.line - b.line);
  return p;
}

/** One account at a time is created, so two admins cannot both take a username. */
const lockUsernames = (tx: Tx) => tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');

async function insertUser(
  tx: Tx,
  u: { username: string; displayName: string; role: string; departmentId: string | null },
  passwordHash: string,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO users (username, display_name, role, department_id, password_hash, must_change_password)
     VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
    [u.username, u.displayName, u.role, u.departmentId, passwordHash],
  );
  return row!.id;
}

async function lockUser(tx: Tx, id: string): Promise<UserView> {
  if (!(await tx.one('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]))) throw notFound('User');
  return (await view(tx, id))!;
}

const view = (tx: Tx, id: string) => tx.one<UserView>(`${SELECT} WHERE id = $1`, [id]);
