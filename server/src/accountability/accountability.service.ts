import { Injectable } from '@nestjs/common';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import {
  accountabilityColumns,
  accountabilityCsv,
  accountabilityLines,
  accountabilityStatistics,
  itemsBehindFigure,
  zonedInstant,
  type AccountabilityItemsBehind,
  type AccountabilityEvent,
  type AccountabilityItemFact,
  type AccountabilityReport,
  type ItemStatus,
  type SessionUser,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { badRequest } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';

/** A period as its first and last day (inclusive, center's zone). */
export interface PeriodDays {
  from: string;
  to: string;
}

interface ItemRow {
  id: string;
  department_id: string;
  status: ItemStatus;
  accepted_at: Date | null;
  due_at: Date | null;
  decided_at: Date | null;
  cause: string | null;
}

const MAX_DAYS = 3 * 366;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * R21 Decision: a deemed consent counts only while it stands. One condition on deemed_consents `d`,
 * so that any further way of superseding one (a leader's revocation, R17) is one more line here.
 */
const DEEMED_STANDS = `NOT EXISTS (SELECT 1 FROM deemed_consent_corrections c WHERE c.item_id = d.item_id AND c.deadline_version = d.deadline_version)
  AND NOT EXISTS (SELECT 1 FROM deemed_consent_revocations r WHERE r.item_id = d.item_id AND r.deadline_version = d.deadline_version)`;

/**
 * R21: each department's record over a period, read in one consistent snapshot, counted from
 * structured facts only — never parsed from card text: items from approval_items with the cause of
 * their standing deemed consent; R12/R13 moves from deadline_changes (an accepted explanation is
 * counted as an accepted explanation, not again as an extension); R16 filings and rulings from
 * written_explanations; R15 absences from the invitees of closed meetings with their settled
 * outcome (an absence excused by a later ruling counts as excused). Rulings a leader did not make
 * in time count against the center.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
  ) {}

  async report(user: SessionUser, period: PeriodDays): Promise<AccountabilityReport> {
    authorize(user, 'accountability.read');
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return this.reportIn(tx, period);
    });
  }

  /** The record inside the caller's transaction (the circulation report reads its quarter so). */
  async reportIn(tx: Tx, period: PeriodDays): Promise<AccountabilityReport> {
    const { facts, events, start, end, now, calendar, settings } = await this.factsIn(tx, period);
    const overdue = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM written_explanations
       WHERE ruling_due_at > $1 AND ruling_due_at <= $2 AND ruling_due_at <= $3 AND (ruled_at IS NULL OR ruled_at > ruling_due_at)`,
      [start, end, now],
    );
    const departments = await tx.query<{ id: string }>('SELECT id FROM departments ORDER BY code');
    const stats = accountabilityStatistics(
      facts,
      events,
      { start, end },
      departments.map((d) => d.id),
      calendar,
      settings.timeZone,
    );
    return { from: period.from, to: period.to, generatedAt: now.toISOString(), ...stats, centerRulingsOverdue: overdue!.n };
  }

  /**
   * Issue 14: the items behind one figure of the record (a department's, or the totals with no
   * department) — read and classified exactly as the record counts them (itemsBehindFigure).
   */
  async itemsBehind(
    user: SessionUser,
    period: PeriodDays,
    figure: string,
    departmentId: string | null,
  ): Promise<AccountabilityItemsBehind> {
    authorize(user, 'accountability.read');
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { facts, events, start, end } = await this.factsIn(tx, period);
      const ids = itemsBehindFigure(figure, departmentId, facts, events, { start, end });
      const rows = await tx.query<{
        id: string;
        project_id: string;
        code: string;
        name: string;
        department_id: string;
        status: ItemStatus;
      }>(
        `SELECT i.id, i.project_id, p.code, p.name, i.department_id, i.status FROM approval_items i JOIN projects p ON p.id = i.project_id
          WHERE i.id = ANY($1::uuid[]) ORDER BY p.code, i.department_id`,
        [ids],
      );
      return {
        from: period.from,
        to: period.to,
        figure,
        departmentId,
        items: rows.map((r) => ({
          itemId: r.id,
          projectId: r.project_id,
          projectCode: r.code,
          projectName: r.name,
          departmentId: r.department_id,
          status: r.status,
        })),
      };
    });
  }

  /** The item facts and events of a period, each with its item. */
  private async factsIn(tx: Tx, period: PeriodDays) {
    if (period.to < period.from) throw badRequest('to', 'to must not be before from', 'date.order');
    const { calendar, settings } = await this.calendars.current();
    const start = zonedInstant(period.from, '00:00', settings.timeZone);
    const end = zonedInstant(period.to, '24:00', settings.timeZone);
    if (end.getTime() - start.getTime() > MAX_DAYS * 86_400_000) throw badRequest('to', `a period spans at most ${MAX_DAYS} days`);
    const now = await this.clock.now(tx);
    // Outcomes at 24:00 of the last day belong to it: (start, end] for decisions, [start, end) for acceptance.
    const items = await tx.query<ItemRow>(
      `SELECT i.id, i.department_id, i.status, i.accepted_at, i.due_at, i.decided_at,
              (SELECT d.cause FROM deemed_consents d WHERE d.item_id = i.id AND ${DEEMED_STANDS} ORDER BY d.deadline_version DESC LIMIT 1) AS cause
       FROM approval_items i
       WHERE (i.accepted_at >= $1 AND i.accepted_at < $2) OR (i.decided_at > $1 AND i.decided_at <= $2)`,
      [start, end],
    );
    const events = await structuredEvents(tx, start, end);
    const facts: AccountabilityItemFact[] = items.map((r) => ({
      itemId: r.id,
      departmentId: r.department_id,
      status: r.status,
      acceptedAt: iso(r.accepted_at),
      dueAt: iso(r.due_at),
      decidedAt: iso(r.decided_at),
      deemedCause: r.status === 'deemed_consent' ? r.cause : null,
    }));
    return { facts, events, start, end, now, calendar, settings };
  }

  async csv(user: SessionUser, period: PeriodDays): Promise<{ filename: string; body: string }> {
    const report = await this.report(user, period);
    const nameOf = await this.departmentNames();
    return { filename: `accountability_${period.from}_${period.to}.csv`, body: accountabilityCsv(report, nameOf) };
  }

  /** The same table as an Excel workbook: bilingual header row, numbers as numbers, rates as percentages. */
  async xlsx(user: SessionUser, period: PeriodDays): Promise<{ filename: string; body: Buffer }> {
    const report = await this.report(user, period);
    const nameOf = await this.departmentNames();
    const columns = accountabilityColumns(report.causes);
    const header: Row = ['部门 Department', '期间 Period', ...columns.map((c) => `${c.zh} ${c.en}`)].map((value) => ({
      value,
      fontWeight: 'bold' as const,
    }));
    const rows: Row[] = accountabilityLines(report, nameOf, '合计 Total').map(({ name, row }) => [
      name,
      `${report.from}~${report.to}`,
      ...columns.map((c) => {
        const value = c.value(row);
        if (value === null) return null;
        return c.format === 'rate'
          ? { value, type: Number, format: '0.0%' }
          : c.format === 'hours'
            ? { value, type: Number, format: '0.0' }
            : value;
      }),
    ]);
    const body = await writeXlsxFile([header, ...rows], {
      columns: [{ width: 22 }, { width: 24 }, ...columns.map(() => ({ width: 14 }))],
    }).toBuffer();
    return { filename: `accountability_${period.from}_${period.to}.xlsx`, body };
  }

  private async departmentNames(): Promise<(id: string) => string> {
    const rows = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM departments');
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return (id) => names.get(id) ?? id;
  }
}

/** R12, R13, R15, R16 events of the period, from the tables that hold them (R21 Decision). */
async function structuredEvents(tx: Tx, start: Date, end: Date): Promise<AccountabilityEvent[]> {
  const moves = await tx.query<{ item_id: string; department_id: string; kind: 'extension' | 'delay'; at: Date }>(
    `SELECT i.id AS item_id, i.department_id, c.kind, c.changed_at AS at FROM deadline_changes c JOIN approval_items i ON i.id = c.item_id
     WHERE c.kind IN ('extension','delay') AND c.changed_at >= $1 AND c.changed_at < $2`,
    [start, end],
  );
  const filed = await tx.query<{ item_id: string; department_id: string; at: Date }>(
    `SELECT i.id AS item_id, i.department_id, e.filed_at AS at FROM written_explanations e JOIN approval_items i ON i.id = e.item_id
     WHERE e.filed_at >= $1 AND e.filed_at < $2`,
    [start, end],
  );
  const ruled = await tx.query<{ item_id: string; department_id: string; at: Date; accepted: boolean }>(
    `SELECT i.id AS item_id, i.department_id, e.ruled_at AS at, e.status = 'accepted' AS accepted FROM written_explanations e JOIN approval_items i ON i.id = e.item_id
     WHERE e.ruled_at >= $1 AND e.ruled_at < $2`,
    [start, end],
  );
  // Every invited department of a closed meeting not present is absent; excused once a leader accepted its excuse.
  // The absent department's item on the meeting's project, so that the absence lists it.
  const absent = await tx.query<{ item_id: string | null; department_id: string; at: Date; excused: boolean }>(
    `SELECT (SELECT ai.id FROM approval_items ai WHERE ai.project_id = m.project_id AND ai.department_id = mi.department_id LIMIT 1) AS item_id,
            mi.department_id, m.closed_at AS at, mi.outcome = 'excused' AS excused FROM meeting_invitees mi JOIN meetings m ON m.id = mi.meeting_id
     WHERE m.status = 'closed' AND mi.outcome IS NOT NULL AND mi.outcome <> 'present' AND m.closed_at >= $1 AND m.closed_at < $2`,
    [start, end],
  );
  return [
    ...moves.map((r): AccountabilityEvent => ({ kind: r.kind, departmentId: r.department_id, at: r.at.toISOString(), itemId: r.item_id })),
    ...filed.map((r): AccountabilityEvent => ({
      kind: 'explanation_filed',
      departmentId: r.department_id,
      at: r.at.toISOString(),
      itemId: r.item_id,
    })),
    ...ruled.map((r): AccountabilityEvent => ({
      kind: 'explanation_ruled',
      departmentId: r.department_id,
      at: r.at.toISOString(),
      accepted: r.accepted,
      itemId: r.item_id,
    })),
    ...absent.map((r): AccountabilityEvent => ({
      kind: 'absence',
      departmentId: r.department_id,
      at: r.at.toISOString(),
      excused: r.excused,
      itemId: r.item_id,
    })),
  ];
}
