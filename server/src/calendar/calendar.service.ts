import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  buildCalendar,
  clockStopOf,
  deadlineRuleOf,
  DEFAULT_HUB_SETTINGS,
  explainDeadline,
  SHIPPED_CALENDAR,
  SPECIAL_PROCEDURE_NAMES,
  type ClockStoppingProcedure,
  type CalendarData,
  type CalendarResponse,
  type CalendarSettings,
  type DeadlineExplanation,
  type DeadlineRule,
  type HubSettings,
  type SessionUser,
  type WorkingCalendar,
} from '@hub/shared';
import { authorize } from '../common/authorize';
import { conflict, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import type { Queryable } from '../database/database';

/**
 * Taken shared by whoever computes a deadline inside a transaction and exclusively by a calendar or
 * settings change (R11): a change waits for deadlines being computed under the old calendar, and a
 * deadline computed after a change sees the new one.
 */
export const CALENDAR_LOCK = 7_345_011;

export interface CompiledCalendar {
  version: number;
  data: CalendarData;
  settings: CalendarSettings;
  /** Settings beyond the calendar's (R22 circulation threshold). */
  hubSettings: HubSettings;
  calendar: WorkingCalendar;
}

/** The calendar, settings and version exactly as stored, read inside the caller's transaction. */
export async function loadCalendarState(q: Queryable): Promise<Omit<CompiledCalendar, 'calendar'>> {
  const [row] = await q.query<{ version: string }>('SELECT version FROM calendar_version');
  const years = await q.query<{ year: number; status: 'published' | 'provisional' }>(
    'SELECT year, status FROM calendar_years ORDER BY year',
  );
  const days = await q.query<{ date: string; kind: 'holiday' | 'workday'; name: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days ORDER BY date`,
  );
  const stored = await q.query<{ key: string; value: Record<string, unknown> }>(
    `SELECT key, value FROM settings WHERE key IN ('calendar', 'circulation')`,
  );
  const value = (key: string) => stored.find((s) => s.key === key)?.value ?? {};
  const hubSettings: HubSettings = { ...DEFAULT_HUB_SETTINGS, ...value('calendar'), ...thresholdOf(value('circulation')) };
  const { timeZone, endOfDay, workingDaysAllowed, warningWorkingDays } = hubSettings;
  const settings: CalendarSettings = { timeZone, endOfDay, workingDaysAllowed, warningWorkingDays };
  return { version: Number(row!.version), data: { years, days }, settings, hubSettings };
}

const thresholdOf = (circulation: Record<string, unknown>) =>
  typeof circulation['threshold'] === 'number' ? { circulationThreshold: circulation['threshold'] } : {};

/**
 * The working-day calendar (R11) and the settings (R10, R14a, R22), compiled once per version.
 * Every change bumps calendar_version in its own transaction, so each instance sees a change made
 * on any other at its next use (one single-row read) and recompiles.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private compiled: CompiledCalendar | null = null;

  constructor(private readonly db: Database) {}

  /** Ships the State Council schedules (R11); idempotent, so racing instances agree. */
  async onModuleInit(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const y of SHIPPED_CALENDAR.years) {
        await tx.query('INSERT INTO calendar_years (year, status) VALUES ($1, $2) ON CONFLICT DO NOTHING', [y.year, y.status]);
      }
      for (const d of SHIPPED_CALENDAR.days) {
        await tx.query('INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [d.date, d.kind, d.name]);
      }
    });
  }

  /**
   * The current calendar. Inside a transaction that stores a deadline, pass it: the shared lock
   * keeps a calendar change from slipping between computing the deadline and committing it.
   */
  async current(tx?: Tx): Promise<CompiledCalendar> {
    if (tx) {
      await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [CALENDAR_LOCK]);
      return this.compile(tx);
    }
    const row = await this.db.one<{ version: string }>('SELECT version FROM calendar_version');
    if (this.compiled && this.compiled.version === Number(row!.version)) return this.compiled;
    return this.db.transaction((t) => this.compile(t));
  }

  /** The compiled calendar of `version` when this instance holds it: for a caller that read the version itself. */
  held(version: number): CompiledCalendar | undefined {
    return this.compiled?.version === version ? this.compiled : undefined;
  }

  /**
   * R11: an item's deadline explained under the rule it was accepted with (R10: the settings may
   * have changed since). When its due instant is not the calendar's — set by hand, or a passed
   * deadline that fired before a calendar change — the answer says so (itemDueAt). R10a: the days a
   * special procedure stopped are listed by name; while one is open the answer says so (paused).
   */
  async explainItem(user: SessionUser, id: string): Promise<DeadlineExplanation> {
    authorize(user, 'project.read');
    const item = await this.db.one<{ accepted_at: Date | null; due_at: Date | null; due_rule: DeadlineRule | null }>(
      'SELECT accepted_at, due_at, due_rule FROM approval_items WHERE id = $1',
      [id],
    );
    if (!item) throw notFound('Approval item');
    if (!item.accepted_at || !item.due_at)
      throw conflict('The item is not accepted yet: its deadline has not started (R10)', 'item.not_running');
    const { calendar, settings } = await this.current();
    const rule = item.due_rule ?? deadlineRuleOf(settings);
    // R10a: the special procedures stop the clock; an open one up to now (its days so far are stopped).
    const procedures = await this.db.query<{ kind: ClockStoppingProcedure; starts_at: Date; ends_at: Date | null; now: Date }>(
      'SELECT kind, starts_at, ends_at, hub_now() AS now FROM special_procedures WHERE item_id = $1 ORDER BY starts_at',
      [id],
    );
    const stops = procedures.map((p) =>
      clockStopOf({
        kind: p.kind,
        startsAt: p.starts_at,
        endsAt: p.ends_at ?? new Date(Math.max(p.now.getTime(), p.starts_at.getTime() + 1)),
      }),
    );
    const open = procedures.find((p) => p.ends_at === null);
    const explanation = explainDeadline(
      item.accepted_at,
      rule.workingDays,
      calendar,
      { ...settings, timeZone: rule.timeZone, endOfDay: rule.endOfDay },
      stops,
    );
    const itemDueAt = item.due_at.toISOString();
    const paused = open
      ? { paused: { kind: open.kind, name: SPECIAL_PROCEDURE_NAMES[open.kind], since: open.starts_at.toISOString() } }
      : {};
    return explanation.dueAt === itemDueAt || open ? { ...explanation, ...paused } : { ...explanation, itemDueAt };
  }

  async response(): Promise<CalendarResponse> {
    const { data, settings } = await this.current();
    return { settings, calendar: data };
  }

  private async compile(tx: Tx): Promise<CompiledCalendar> {
    const row = await tx.one<{ version: string }>('SELECT version FROM calendar_version');
    if (this.compiled && this.compiled.version === Number(row!.version)) return this.compiled;
    const state = await loadCalendarState(tx);
    const compiled = { ...state, calendar: buildCalendar(state.data) };
    // A slow load of an older version never replaces a newer one.
    if (!this.compiled || this.compiled.version < compiled.version) this.compiled = compiled;
    return compiled;
  }
}
