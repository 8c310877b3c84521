import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  buildCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  SHIPPED_CALENDAR,
  type CalendarData,
  type CalendarResponse,
  type CalendarSettings,
  type WorkingCalendar,
} from '@hub/shared';
import { Database } from '../database/database';

/** The working-day calendar (R11) and deadline settings (R10), as stored; compiled once per change. */
@Injectable()
export class CalendarService implements OnModuleInit {
  private compiled: { data: CalendarData; settings: CalendarSettings; calendar: WorkingCalendar } | null = null;

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

  async current(): Promise<{ data: CalendarData; settings: CalendarSettings; calendar: WorkingCalendar }> {
    if (this.compiled) return this.compiled;
    const years = await this.db.query<{ year: number; status: 'published' | 'provisional' }>('SELECT year, status FROM calendar_years ORDER BY year');
    const days = await this.db.query<{ date: string; kind: 'holiday' | 'workday'; name: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days ORDER BY date`,
    );
    const stored = await this.db.one<{ value: Partial<CalendarSettings> }>(`SELECT value FROM settings WHERE key = 'calendar'`);
    const data: CalendarData = { years, days };
    const settings = { ...DEFAULT_CALENDAR_SETTINGS, ...(stored?.value ?? {}) };
    this.compiled = { data, settings, calendar: buildCalendar(data) };
    return this.compiled;
  }

  async response(): Promise<CalendarResponse> {
    const { data, settings } = await this.current();
    return { settings, calendar: data };
  }
}
