import { Injectable } from '@nestjs/common';
import {
  deputyProblems,
  type DeputiesOverview,
  type DeputyCandidate,
  type DeputyView,
  type NameDeputyRequest,
  type SessionUser,
} from '@hub/shared';
import { authorize } from '../common/authorize';
import { conflict, invalidFields, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { recordPeopleChange } from './people-log';

const SELECT = `SELECT d.id, json_build_object('id', p.id, 'displayName', p.display_name) AS principal,
    json_build_object('id', u.id, 'displayName', u.display_name) AS deputy, p.department_id AS "departmentId",
    d.starts_at AS "startsAt", d.ends_at AS "endsAt", json_build_object('id', n.id, 'displayName', n.display_name) AS "namedBy"
  FROM deputies d JOIN users p ON p.id = d.principal_user_id JOIN users u ON u.id = d.deputy_user_id JOIN users n ON n.id = d.named_by`;

interface Row extends Omit<DeputyView, 'startsAt' | 'endsAt'> {
  startsAt: Date;
  endsAt: Date;
}
const toView = (r: Row): DeputyView => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() });

/** R1: a liaison (or the admin for it) names a deputy for a period; during it the deputy acts for the liaison. */
@Injectable()
export class DeputiesService {
  constructor(private readonly db: Database) {}

  /** Periods not yet over: a liaison sees its department's, the admin all; with whom each may name. */
  async overview(user: SessionUser): Promise<DeputiesOverview> {
    const department = this.scope(user);
    const where = department ? 'AND p.department_id = $1' : '';
    const params = department ? [department] : [];
    const deputies = (await this.db.query<Row>(`${SELECT} WHERE d.ends_at > hub_now() ${where} ORDER BY d.starts_at`, params)).map(toView);
    const principals = await this.db.query<DeputiesOverview['principals'][number]>(
      `SELECT id, display_name AS "displayName", department_id AS "departmentId" FROM users p
       WHERE role = 'liaison' AND active ${where} ORDER BY display_name`,
      params,
    );
    const candidates = await this.db.query<DeputiesOverview['candidates'][number]>(
      `SELECT id, display_name AS "displayName", role, department_id AS "departmentId" FROM users p
       WHERE active AND (role = 'liaison' ${department ? '' : "OR role = 'window'"}) ${where} ORDER BY display_name`,
      params,
    );
    return { deputies, principals, candidates };
  }

  async name(user: SessionUser, dto: NameDeputyRequest): Promise<DeputyView> {
    return this.db.transaction(async (tx) => {
      // One principal's periods are checked and written one at a time (no overlap slips between two).
      const principal = await candidate(tx, dto.principalUserId, 'principalUserId', true);
      authorize(user, 'deputy.name', { departmentId: principal.departmentId ?? undefined });
      const deputy = await candidate(tx, dto.deputyUserId, 'deputyUserId', false);
      const period = { startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) };
      const now = (await tx.one<{ now: Date }>('SELECT hub_now() AS now'))!.now;
      if (period.endsAt <= now) throw invalidFields([{ field: 'endsAt', code: 'due.not_future', message: 'endsAt is already past' }]);
      const existing = await tx.query<{ startsAt: Date; endsAt: Date }>(
        'SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM deputies WHERE principal_user_id = $1',
        [principal.id],
      );
      const problems = deputyProblems({ namedBy: user, principal, deputy, period, existing });
      if (problems.length) throw invalidFields(problems);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO deputies (principal_user_id, deputy_user_id, starts_at, ends_at, named_by, named_at)
         VALUES ($1, $2, $3, $4, $5, hub_now()) RETURNING id`,
        [principal.id, deputy.id, period.startsAt, period.endsAt, user.id],
      );
      const view = toView((await tx.one<Row>(`${SELECT} WHERE d.id = $1`, [row!.id]))!);
      await recordPeopleChange(tx, user, 'deputies', 'deputy_named', view.principal.displayName, null, {
        deputy: view.deputy.displayName,
        startsAt: view.startsAt,
        endsAt: view.endsAt,
      });
      return view;
    });
  }

  /**
   * R1: a deputy period ended before its time by the principal's department (or the admin): a
   * running period ends now, one not yet begun is withdrawn; one already over is left as it was.
   * The deputy's rights follow at its next request (they are read per request).
   */
  async end(user: SessionUser, id: string): Promise<DeputyView> {
    return this.db.transaction(async (tx) => {
      const row = await tx.one<Row>(`${SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
      if (!row) throw notFound('Deputy period');
      authorize(user, 'deputy.name', { departmentId: row.departmentId ?? undefined });
      const now = (await tx.one<{ now: Date }>(`SELECT date_trunc('milliseconds', hub_now()) AS now`))!.now;
      if (row.endsAt <= now) throw conflict('This deputy period is already over');
      const before = toView(row);
      if (row.startsAt >= now) await tx.query('DELETE FROM deputies WHERE id = $1', [id]);
      else await tx.query('UPDATE deputies SET ends_at = $2 WHERE id = $1', [id, now]);
      const after = { ...before, endsAt: (row.startsAt >= now ? row.startsAt : now).toISOString() };
      await recordPeopleChange(
        tx,
        user,
        'deputies',
        'deputy_ended',
        before.principal.displayName,
        { deputy: before.deputy.displayName, startsAt: before.startsAt, endsAt: before.endsAt },
        {
          deputy: before.deputy.displayName,
          startsAt: before.startsAt,
          endsAt: after.endsAt,
        },
      );
      return after;
    });
  }

  /** R2: a liaison sees and names only for its own department; the admin for all. */
  private scope(user: SessionUser): string | null {
    if (user.role === 'admin') return null;
    authorize(user, 'deputy.name', { departmentId: user.departmentId ?? undefined });
    return user.departmentId;
  }
}

async function candidate(tx: Tx, id: string, field: string, lock: boolean): Promise<DeputyCandidate> {
  const row = await tx.one<DeputyCandidate>(
    `SELECT id, role, department_id AS "departmentId", active FROM users WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!row)
    throw field === 'principalUserId'
      ? notFound('Principal')
      : invalidFields([{ field, code: 'reference.unknown', message: 'no such user' }]);
  return row;
}
