import { Injectable } from '@nestjs/common';
import {
  inquiryStatistics,
  inquiryStatisticsCsv,
  zonedInstant,
  type InquiryFacts,
  type InquiryStatistics,
  type Satisfaction,
  type SessionUser,
  type TransferFact,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { badRequest } from '../common/problem';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import type { StatisticsQueryDto } from './inquiry.dto';

/** The row the center's own staff (window, leaders: no department) share in the per-department view. */
const CENTER_NAME = '行政服务中心';

interface FactRow {
  id: string;
  owner_id: string;
  owner_name: string;
  owner_department_id: string | null;
  promised_due_at: Date | null;
  closed_at: Date | null;
  satisfaction: Satisfaction | null;
}

interface TransferRow extends TransferFact {
  inquiryId: string;
}

/** R24 / 第一篇 五: leaders check how first-inquiry responsibility is kept, per person and department. */
@Injectable()
export class InquiryStatisticsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
  ) {}

  /** Inquiries registered from `from` to `to` (civil dates in the center's zone, inclusive). */
  async statistics(user: SessionUser, period: StatisticsQueryDto): Promise<InquiryStatistics> {
    authorize(user, 'inquiry.statistics');
    if (period.to < period.from) throw badRequest('to', 'to must not be before from', 'date.order');
    const { settings } = await this.calendars.current();
    const start = zonedInstant(period.from, '00:00', settings.timeZone);
    const end = zonedInstant(period.to, '24:00', settings.timeZone);
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY'); // one consistent picture
      const now = await this.clock.now(tx);
      const rows = await tx.query<FactRow>(
        `SELECT i.id, i.owner_id, u.display_name AS owner_name, i.owner_department_id, i.promised_due_at, i.closed_at, i.satisfaction
         FROM inquiries i JOIN users u ON u.id = i.owner_id
         WHERE i.registered_at >= $1 AND i.registered_at < $2`,
        [start, end],
      );
      const transfers = await tx.query<TransferRow>(
        `SELECT e.inquiry_id AS "inquiryId", by_user.id AS "byUserId", by_user.display_name AS "byUserName", by_user.department_id AS "byDepartmentId",
                to_user.id AS "toUserId", to_user.display_name AS "toUserName",
                COALESCE((e.detail->>'toDepartmentId')::uuid, to_user.department_id) AS "toDepartmentId"
         FROM inquiry_entries e
         JOIN users by_user ON by_user.id = (e.actor->>'id')::uuid
         LEFT JOIN users to_user ON to_user.id = (e.detail->>'toUserId')::uuid
         WHERE e.action = 'inquiry.transferred' AND e.inquiry_id = ANY($1)
         ORDER BY e.inquiry_id, e.seq`,
        [rows.map((r) => r.id)],
      );
      const departments = await tx.query<{ id: string; name: string }>('SELECT id, name FROM departments');
      const transfersOf = new Map<string, TransferFact[]>();
      for (const { inquiryId, ...transfer } of transfers) transfersOf.set(inquiryId, [...(transfersOf.get(inquiryId) ?? []), transfer]);
      const facts: InquiryFacts[] = rows.map((r) => ({
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        ownerDepartmentId: r.owner_department_id,
        promiseDueAt: r.promised_due_at?.toISOString() ?? null,
        closedAt: r.closed_at?.toISOString() ?? null,
        transfers: transfersOf.get(r.id) ?? [],
        satisfaction: r.satisfaction,
      }));
      const names = { departments: new Map(departments.map((d) => [d.id, d.name])), center: CENTER_NAME };
      return { from: period.from, to: period.to, generatedAt: now.toISOString(), ...inquiryStatistics(facts, now, names) };
    });
  }

  async csv(user: SessionUser, period: StatisticsQueryDto): Promise<{ filename: string; body: string }> {
    const stats = await this.statistics(user, period);
    return { filename: `inquiry-statistics_${period.from}_${period.to}.csv`, body: inquiryStatisticsCsv(stats) };
  }
}
