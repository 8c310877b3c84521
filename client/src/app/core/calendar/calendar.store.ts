import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  DEFAULT_CALENDAR_SETTINGS,
  buildCalendar,
  type CalendarSettings,
  type WorkingCalendar,
} from '@hub/shared';
import { ApiService } from '../api/api.service';

/**
 * The center's working-day calendar and settings (R10, R11), fetched once and
 * compiled once, so the board's countdowns run the same calendar code as the
 * server's deadline engine.
 */
@Injectable({ providedIn: 'root' })
export class CalendarStore {
  private readonly api = inject(ApiService);
  private loading: Promise<void> | null = null;

  readonly settings = signal<CalendarSettings>(DEFAULT_CALENDAR_SETTINGS);
  readonly calendar = signal<WorkingCalendar | null>(null);

  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.api.calendar()).then(
      (res) => {
        this.settings.set(res.settings);
        this.calendar.set(buildCalendar(res.calendar));
      },
      (error: unknown) => {
        this.loading = null; // let the next caller try again
        throw error;
      },
    );
    return this.loading;
  }

  /** After logout the next user may belong to a center with other settings. */
  reset(): void {
    this.loading = null;
    this.calendar.set(null);
  }
}
