import { Injectable } from '@nestjs/common';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import {
  ACCOUNTABILITY_CARD_ACTIONS,
  accountabilityColumns,
  accountabilityCsv,
  accountabilityEventsOf,
  accountabilityLines,
  accountabilityStatistics,
  zonedInstant,
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
 * R21: each department's record over a period, read in one consistent snapshot: items from
 * approval_items with their deemed_consents cause (whatever causes exist), and the steps of R12,
 * R13, R15 and R16 from the tracking card, so the record counts them as the card tells them.
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
    if (period.to < period.from) throw badRequest('to', 'to must not be before from');
    const { calendar, settings } = await this.calendars.current();
    const start = zonedInstant(period.from, '00:00', settings.timeZone);
    const end = zonedInstant(period.to, '24:00', settings.timeZone);
    if (end.getTime() - start.getTime() > MAX_DAYS * 86_400_000) throw badRequest('to', `a period spans at most ${MAX_DAYS} days`);
    const now = await this.clock.now(tx);
    // Outcomes at 24:00 of the last day belong to it: (start, end] for decisions, [start, end) for acceptance.
    const items = await tx.query<ItemRow>(
      `SELECT i.department_id, i.status, i.accepted_at, i.due_at, i.decided_at,
              (SELECT d.cause FROM deemed_consents d WHERE d.item_id = i.id ORDER BY d.deadline_version DESC LIMIT 1) AS cause
       FROM approval_items i
       WHERE (i.accepted_at >= $1 AND i.accepted_at < $2) OR (i.decided_at > $1 AND i.decided_at <= $2)`,
      [start, end],
    );
    const steps = await tx.query<{ action: string; at: Date; department_id: string | null; detail: Record<string, string> }>(
      `SELECT action, at, after->'item'->>'departmentId' AS department_id, detail FROM card_entries
       WHERE action = ANY($3) AND at >= $1 AND at < $2 ORDER BY position`,
      [start, end, [...ACCOUNTABILITY_CARD_ACTIONS]],
    );
    const departments = await tx.query<{ id: string }>('SELECT id FROM departments ORDER BY code');
    const facts: AccountabilityItemFact[] = items.map((r) => ({
      departmentId: r.department_id,
      status: r.status,
      acceptedAt: iso(r.accepted_at),
      dueAt: iso(r.due_at),
      decidedAt: iso(r.decided_at),
      deemedCause: r.status === 'deemed_consent' ? r.cause : null,
    }));
    const events = steps.flatMap((s) => accountabilityEventsOf({ action: s.action, at: s.at.toISOString(), departmentId: s.department_id, detail: s.detail }));
    const stats = accountabilityStatistics(facts, events, { start, end }, departments.map((d) => d.id), calendar, settings.timeZone);
    return { from: period.from, to: period.to, generatedAt: now.toISOString(), ...stats };
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
    const header: Row = ['部门 Department', '期间 Period', ...columns.map((c) => `${c.zh} ${c.en}`)].map((value) => ({ value, fontWeight: 'bold' as const }));
    const rows: Row[] = accountabilityLines(report, nameOf, '合计 Total').map(({ name, row }) => [
      name,
      `${report.from}~${report.to}`,
      ...columns.map((c) => {
        const value = c.value(row);
        if (value === null) return null;
        return c.format === 'rate' ? { value, type: Number, format: '0.0%' } : c.format === 'hours' ? { value, type: Number, format: '0.0' } : value;
      }),
    ]);
    const body = await writeXlsxFile([header, ...rows], { columns: [{ width: 22 }, { width: 24 }, ...columns.map(() => ({ width: 14 }))] }).toBuffer();
    return { filename: `accountability_${period.from}_${period.to}.xlsx`, body };
  }

  private async departmentNames(): Promise<(id: string) => string> {
    const rows = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM departments');
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return (id) => names.get(id) ?? id;
  }
}
