import { Injectable } from '@nestjs/common';
import {
  buildCalendar,
  CalendarImportError,
  dayRuleProblem,
  parseCalendarImport,
  rulesToPublish,
  yearOf,
  type CalendarChangeResult,
  type CalendarData,
  type CalendarDayRule,
  type SessionUser,
} from '@hub/shared';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { loadCalendarState } from './calendar.service';
import type { ImportCalendarDto, SetCalendarDayDto } from './calendar-admin.dto';
import { ConfigurationLog, lockCalendarForChange } from './configuration-log';
import { DeadlineRecompute, type CalendarChangeRef } from '../deadlines/deadline-recompute';

/** What a change records as before and after. */
interface ChangeFacts {
  before: unknown;
  after: unknown;
}

const ruleOf = (r: CalendarDayRule) => ({ date: r.date, kind: r.kind, name: r.name });

/**
 * R11: an admin keeps the working-day calendar — marks holidays and make-up working days, publishes
 * a year, imports one from a file. Each change is one transaction: the calendar, the running
 * deadlines it moves (each on its card), the change on record and a new calendar version.
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly log: ConfigurationLog,
    private readonly recompute: DeadlineRecompute,
  ) {}

  setDay(user: SessionUser, date: string, dto: SetCalendarDayDto): Promise<CalendarChangeResult> {
    return this.change(user, { action: 'day_set', target: date }, async (tx, data) => {
      const rule: CalendarDayRule = { date, kind: dto.kind, name: dto.name.trim() };
      const problem = dayRuleProblem(data, rule);
      if (problem) throw badRequest(problem.field, problem.message, problem.code);
      const before = data.days.find((d) => d.date === date) ?? null;
      await tx.query(
        `INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3) ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
        [date, rule.kind, rule.name],
      );
      await ensureYear(tx, yearOf(date));
      return { before: before && ruleOf(before), after: rule };
    });
  }

  clearDay(user: SessionUser, date: string): Promise<CalendarChangeResult> {
    return this.change(user, { action: 'day_cleared', target: date }, async (tx, data) => {
      const before = data.days.find((d) => d.date === date);
      if (!before) throw notFound(`A calendar rule on ${date}`);
      await tx.query('DELETE FROM calendar_days WHERE date = $1', [date]);
      return { before: ruleOf(before), after: null };
    });
  }

  /** R11: provisional → published; the statutory holidays it knew are written out, so none is lost. */
  publish(user: SessionUser, year: number): Promise<CalendarChangeResult> {
    return this.change(user, { action: 'year_published', target: String(year) }, async (tx, data) => {
      if (data.years.some((y) => y.year === year && y.status === 'published')) throw conflict(`${year} is already published`);
      const added = rulesToPublish(data, year);
      for (const rule of added)
        await tx.query('INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3)', [rule.date, rule.kind, rule.name]);
      await tx.query(
        `INSERT INTO calendar_years (year, status) VALUES ($1, 'published') ON CONFLICT (year) DO UPDATE SET status = 'published'`,
        [year],
      );
      return { before: { status: 'provisional' }, after: { status: 'published', statutoryWritten: added.map((r) => r.date) } };
    });
  }

  /** R11: a year's rules replaced by those of an ICS or JSON file; its status only if the file says. */
  importYear(user: SessionUser, dto: ImportCalendarDto): Promise<CalendarChangeResult> {
    return this.change(user, { action: 'year_imported', target: String(dto.year) }, async (tx, data) => {
      let imported;
      try {
        imported = parseCalendarImport(dto.format, dto.content, dto.year);
      } catch (error) {
        if (error instanceof CalendarImportError) throw badRequest('content', error.message, 'calendar.import_unreadable');
        throw error;
      }
      const before = data.days.filter((d) => yearOf(d.date) === dto.year).map(ruleOf);
      const statusBefore = data.years.find((y) => y.year === dto.year)?.status ?? 'provisional';
      await tx.query(`DELETE FROM calendar_days WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)`, [dto.year]);
      for (const rule of imported.days)
        await tx.query('INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3)', [rule.date, rule.kind, rule.name]);
      const status = imported.status ?? statusBefore;
      await tx.query(
        `INSERT INTO calendar_years (year, status) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET status = EXCLUDED.status`,
        [dto.year, status],
      );
      return { before: { status: statusBefore, days: before }, after: { status, format: dto.format, days: imported.days } };
    });
  }

  private change(
    user: SessionUser,
    ref: CalendarChangeRef,
    mutate: (tx: Tx, data: CalendarData) => Promise<ChangeFacts>,
  ): Promise<CalendarChangeResult> {
    authorize(user, 'calendar.edit');
    return this.db.transaction(async (tx) => {
      await lockCalendarForChange(tx);
      const before = await loadCalendarState(tx);
      const facts = await mutate(tx, before.data);
      const after = await loadCalendarState(tx);
      const now = await this.clock.now(tx);
      const recomputed = await this.recompute.apply(
        tx,
        user,
        { calendar: buildCalendar(before.data), settings: before.settings },
        buildCalendar(after.data),
        now,
        ref,
      );
      const change = await this.log.record(tx, {
        actor: user,
        at: now,
        subject: 'calendar',
        action: ref.action,
        target: ref.target,
        ...facts,
        recomputed: recomputed.length,
      });
      return { calendar: { settings: after.settings, calendar: after.data }, change, recomputed };
    });
  }
}

/** A year an admin touched is listed from then on (provisional until published). */
const ensureYear = (tx: Tx, year: number) =>
  tx.query(`INSERT INTO calendar_years (year, status) VALUES ($1, 'provisional') ON CONFLICT DO NOTHING`, [year]);
