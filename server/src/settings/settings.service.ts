import { HttpStatus, Injectable } from '@nestjs/common';
import { settingsProblems, type ConfigurationChange, type HubSettings, type SessionUser } from '@hub/shared';
import { CalendarService, loadCalendarState } from '../calendar/calendar.service';
import { ConfigurationLog, lockCalendarForChange } from '../calendar/configuration-log';
import { authorize } from '../common/authorize';
import { ProblemException } from '../common/problem';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import type { UpdateSettingsDto } from './settings.dto';

const SETTING_KEYS: (keyof HubSettings)[] = ['timeZone', 'endOfDay', 'workingDaysAllowed', 'warningWorkingDays', 'circulationThreshold'];

/**
 * The center's settings (R10 working days, end of day, zone; R14a warning; R22 circulation), kept by
 * an admin, every change on record. R10 Decision: a change applies to deadlines started after it;
 * a running deadline keeps the rule it was accepted under (see DeadlineRecompute).
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly log: ConfigurationLog,
  ) {}

  async get(user: SessionUser): Promise<HubSettings> {
    authorize(user, 'settings.edit');
    return (await this.calendars.current()).hubSettings;
  }

  async update(user: SessionUser, dto: UpdateSettingsDto): Promise<HubSettings> {
    authorize(user, 'settings.edit');
    const next: HubSettings = {
      timeZone: dto.timeZone.trim(),
      endOfDay: dto.endOfDay,
      workingDaysAllowed: dto.workingDaysAllowed,
      warningWorkingDays: dto.warningWorkingDays,
      circulationThreshold: dto.circulationThreshold,
    };
    const problems = settingsProblems(next);
    if (problems.length) throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', problems[0]!.message, problems);
    return this.db.transaction(async (tx) => {
      await lockCalendarForChange(tx);
      const before = (await loadCalendarState(tx)).hubSettings;
      if (SETTING_KEYS.every((k) => before[k] === next[k])) return before; // nothing to record
      const { circulationThreshold, ...calendar } = next;
      await tx.query(`INSERT INTO settings (key, value) VALUES ('calendar', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        JSON.stringify(calendar),
      ]);
      await tx.query(
        `INSERT INTO settings (key, value) VALUES ('circulation', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify({ threshold: circulationThreshold })],
      );
      await this.log.record(tx, {
        actor: user,
        at: await this.clock.now(tx),
        subject: 'settings',
        action: 'settings_changed',
        target: null,
        before,
        after: next,
        recomputed: 0,
      });
      return next;
    });
  }

  /** Calendar and settings changes, newest first. */
  async changes(user: SessionUser): Promise<ConfigurationChange[]> {
    authorize(user, 'settings.edit');
    return this.log.list(this.db);
  }
}
