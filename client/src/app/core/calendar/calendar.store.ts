import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { firstValueFrom, merge } from 'rxjs';
import { DEFAULT_CALENDAR_SETTINGS, buildCalendar, type CalendarResponse, type CalendarSettings, type WorkingCalendar } from '@hub/shared';
import { ApiService } from '../api/api.service';
import { LiveBoardService } from '../live/live-board.service';

/**
 * The center's working-day calendar and settings (R10, R11), fetched once and
 * compiled once, so the board's countdowns run the same calendar code as the
 * server's deadline engine. Read again when an admin changes it (R11) and after a
 * reconnect (the push may have been missed), so amber and countdowns follow at once.
 */
@Injectable({ providedIn: 'root' })
export class CalendarStore {
  private readonly api = inject(ApiService);
  private loading: Promise<void> | null = null;

  readonly settings = signal<CalendarSettings>(DEFAULT_CALENDAR_SETTINGS);
  readonly calendar = signal<WorkingCalendar | null>(null);

  constructor() {
    const live = inject(LiveBoardService);
    const subscription = merge(live.calendarChanges$, live.reconnected$).subscribe(() => {
      // Only once loaded (signed in); a failed reload keeps the calendar we have.
      if (this.calendar()) void this.reload().catch(() => undefined);
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.api.calendar()).then(
      (res) => this.apply(res),
      (error: unknown) => {
        this.loading = null; // let the next caller try again
        throw error;
      },
    );
    return this.loading;
  }

  /** Fetches again and swaps in place (no empty moment on the board). */
  async reload(): Promise<void> {
    this.apply(await firstValueFrom(this.api.calendar()));
  }

  private apply(res: CalendarResponse): void {
    this.settings.set(res.settings);
    this.calendar.set(buildCalendar(res.calendar));
  }

  /** After logout the next user may belong to a center with other settings. */
  reset(): void {
    this.loading = null;
    this.calendar.set(null);
  }
}
