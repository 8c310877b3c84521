import { Injectable } from '@nestjs/common';
import {
  circulationText,
  isFlagged,
  quarterDates,
  quarterLabel,
  type CirculationReportContent,
  type CirculationStanding,
  type NoticeSummary,
  type Quarter,
  type SessionUser,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { conflict, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { NoticesService } from '../notices/notices.service';
import { AccountabilityService } from './accountability.service';
import type { IssueCirculationDto } from './accountability.dto';

/** Held while a quarter's standing is read and a report issued, so two leaders never both issue one. */
const CIRCULATION_LOCK = 7_345_022;

/**
 * R22: a department with the threshold (setting, default 3) or more deemed consents in a calendar
 * quarter is flagged; a leader issues a circulation report (通报) naming it — a numbered notice that
 * never changes (R17), on record in circulation_reports, one per department and quarter.
 */
@Injectable()
export class CirculationService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly accountability: AccountabilityService,
    private readonly notices: NoticesService,
  ) {}

  async standing(user: SessionUser, quarter: Quarter): Promise<CirculationStanding> {
    authorize(user, 'accountability.read');
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return this.standingIn(tx, quarter);
    });
  }

  async issue(user: SessionUser, dto: IssueCirculationDto): Promise<NoticeSummary> {
    authorize(user, 'circulation.issue');
    const quarter = { year: dto.year, quarter: dto.quarter };
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CIRCULATION_LOCK]);
      const department = await tx.one<{ name: string }>('SELECT name FROM departments WHERE id = $1', [dto.departmentId]);
      if (!department) throw notFound('Department');
      const standing = await this.standingIn(tx, quarter);
      const own = standing.departments.find((d) => d.departmentId === dto.departmentId)!;
      if (own.report) throw conflict(`${department.name} was already circulated for ${quarterLabel(quarter)}: ${own.report.number}`);
      if (!own.flagged)
        throw conflict(
          `${department.name} had ${own.deemedConsents} deemed consents in ${quarterLabel(quarter)}, fewer than ${standing.threshold} (R22)`,
        );
      const { settings } = await this.calendars.current();
      const content: CirculationReportContent & Record<string, unknown> = {
        period: quarterLabel(quarter),
        deemedConsents: own.deemedConsents,
        text: circulationText(department.name, quarter, own, standing.threshold, dto.remarks),
        year: quarter.year,
        quarter: quarter.quarter,
        deemedByCause: own.deemedByCause,
        threshold: standing.threshold,
      };
      const issuedAt = await this.clock.now(tx);
      const issued = await this.notices.issue(tx, {
        kind: 'circulation_report',
        projectId: null,
        itemId: null,
        departmentId: dto.departmentId,
        issuedAt,
        timeZone: settings.timeZone,
        content,
        issuedBy: user,
      });
      await tx.query(
        `INSERT INTO circulation_reports (department_id, year, quarter, notice_id, deemed_consents) VALUES ($1, $2, $3, $4, $5)`,
        [dto.departmentId, quarter.year, quarter.quarter, issued.id, own.deemedConsents],
      );
      return {
        id: issued.id,
        kind: 'circulation_report',
        number: issued.number,
        projectId: null,
        itemId: null,
        issuedAt: issuedAt.toISOString(),
        corrects: null,
        supersededBy: null,
      };
    });
  }

  private async standingIn(tx: Tx, quarter: Quarter): Promise<CirculationStanding> {
    const { hubSettings } = await this.calendars.current();
    const { from, to } = quarterDates(quarter);
    const report = await this.accountability.reportIn(tx, { from, to });
    const reports = await tx.query<{ department_id: string; id: string; number: string; issued_at: Date }>(
      `SELECT c.department_id, n.id, n.number, n.issued_at FROM circulation_reports c JOIN notices n ON n.id = c.notice_id
       WHERE c.year = $1 AND c.quarter = $2`,
      [quarter.year, quarter.quarter],
    );
    const threshold = hubSettings.circulationThreshold;
    return {
      ...quarter,
      from,
      to,
      threshold,
      departments: report.rows.map((row) => {
        const issued = reports.find((r) => r.department_id === row.departmentId);
        return {
          departmentId: row.departmentId!,
          deemedConsents: row.deemedConsents,
          deemedByCause: row.deemedByCause,
          flagged: isFlagged(row, threshold),
          report: issued ? { id: issued.id, number: issued.number, issuedAt: issued.issued_at.toISOString() } : null,
        };
      }),
    };
  }
}
