import { Injectable } from '@nestjs/common';
import { departmentProblems, type DepartmentAdminView, type SaveDepartmentRequest, type SessionUser } from '@hub/shared';
import { authorize } from '../common/authorize';
import { conflict, invalidFields, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { recordPeopleChange } from './people-log';

const SELECT = `SELECT d.id, d.code, d.name, d.name_en AS "nameEn", d.active,
  (SELECT count(*)::int FROM users u WHERE u.department_id = d.id AND u.active) AS liaisons FROM departments d`;

/** R1: the admin keeps the departments: create, rename, recode, switch off when nothing is open. */
@Injectable()
export class DepartmentsAdminService {
  constructor(private readonly db: Database) {}

  list(user: SessionUser): Promise<DepartmentAdminView[]> {
    authorize(user, 'people.manage');
    return this.db.query<DepartmentAdminView>(`${SELECT} ORDER BY d.active DESC, d.code`);
  }

  async create(user: SessionUser, dto: SaveDepartmentRequest): Promise<DepartmentAdminView> {
    authorize(user, 'people.manage');
    const d = checked(dto);
    return this.db.transaction(async (tx) => {
      await assertCodeFree(tx, d.code, null);
      const row = await tx.one<{ id: string }>('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3) RETURNING id', [
        d.code,
        d.name,
        d.nameEn,
      ]);
      await recordPeopleChange(tx, user, 'departments', 'department_created', d.code, null, d);
      return view(tx, row!.id);
    });
  }

  async update(user: SessionUser, id: string, dto: SaveDepartmentRequest): Promise<DepartmentAdminView> {
    authorize(user, 'people.manage');
    const d = checked(dto);
    return this.db.transaction(async (tx) => {
      const before = await lockDepartment(tx, id);
      await assertCodeFree(tx, d.code, id);
      await tx.query('UPDATE departments SET code = $2, name = $3, name_en = $4 WHERE id = $1', [id, d.code, d.name, d.nameEn]);
      await recordPeopleChange(
        tx,
        user,
        'departments',
        'department_updated',
        d.code,
        { code: before.code, name: before.name, nameEn: before.nameEn },
        d,
      );
      return view(tx, id);
    });
  }

  /** R1: only when nothing is open there: no running item, no meeting still to be held or closed. */
  async deactivate(user: SessionUser, id: string): Promise<DepartmentAdminView> {
    authorize(user, 'people.manage');
    return this.db.transaction(async (tx) => {
      const before = await lockDepartment(tx, id);
      if (!before.active) throw conflict(`Department ${before.code} is already switched off`);
      const open = await tx.one<{ items: number; meetings: number }>(
        `SELECT (SELECT count(*)::int FROM approval_items WHERE department_id = $1 AND status IN ('awaiting_acceptance','in_review')) AS items,
                (SELECT count(*)::int FROM meetings m WHERE m.status IN ('scheduled','open')
                   AND (m.convener_department_id = $1 OR EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.department_id = $1))) AS meetings`,
        [id],
      );
      if (open!.items || open!.meetings) {
        throw conflict(
          `Department ${before.code} still has ${open!.items} running item(s) and ${open!.meetings} open meeting(s); it can be switched off once they are done`,
        );
      }
      await tx.query('UPDATE departments SET active = false WHERE id = $1', [id]);
      await recordPeopleChange(tx, user, 'departments', 'department_deactivated', before.code, { active: true }, { active: false });
      return view(tx, id);
    });
  }
}

function checked(dto: SaveDepartmentRequest): SaveDepartmentRequest {
  const d = { code: dto.code.trim(), name: dto.name.trim(), nameEn: dto.nameEn.trim() };
  const problems = departmentProblems(d);
  if (problems.length) throw invalidFields(problems);
  return d;
}

async function assertCodeFree(tx: Tx, code: string, except: string | null): Promise<void> {
  await tx.query('LOCK TABLE departments IN SHARE ROW EXCLUSIVE MODE');
  const taken = await tx.one('SELECT 1 FROM departments WHERE code = $1 AND id IS DISTINCT FROM $2', [code, except]);
  if (taken) throw invalidFields([{ field: 'code', code: 'department_code.taken', message: `department code ${code} is taken` }]);
}

async function lockDepartment(tx: Tx, id: string): Promise<DepartmentAdminView> {
  const row = await tx.one<{ id: string }>('SELECT id FROM departments WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound('Department');
  return view(tx, id);
}

const view = async (tx: Tx, id: string) => (await tx.one<DepartmentAdminView>(`${SELECT} WHERE d.id = $1`, [id]))!;
