import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom, type Subscription } from 'rxjs';
import type { AlertView } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { LiveBoardService } from '../core/live/live-board.service';

/**
 * R14a: the signed-in user's inbox of early warnings, kept live. Alerts are pushed to their
 * recipient only (not on the card stream), so the inbox reads itself again after a reconnect.
 */
@Injectable({ providedIn: 'root' })
export class AlertsStore {
  private readonly api = inject(LeadersApi);
  private readonly live = inject(LiveBoardService);
  private subscription: Subscription | null = null;

  readonly alerts = signal<AlertView[]>([]);
  readonly unread = signal(0);
  /** The newest pushed alert, for a polite announcement. */
  readonly latest = signal<AlertView | null>(null);

  /** Started by the shell for those who have an inbox; stopped at logout. */
  start(): void {
    if (this.subscription) return;
    this.subscription = this.live.alerts$.subscribe((alert) => this.receive(alert));
    this.subscription.add(this.live.reconnected$.subscribe(() => void this.load().catch(() => undefined)));
    void this.load().catch(() => undefined);
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.alerts.set([]);
    this.unread.set(0);
    this.latest.set(null);
  }

  async load(): Promise<void> {
    const inbox = await firstValueFrom(this.api.alerts());
    this.alerts.set(inbox.alerts);
    this.unread.set(inbox.unread);
  }

  async markRead(id: string): Promise<void> {
    const read = await firstValueFrom(this.api.markAlertRead(id));
    const was = this.alerts().find((a) => a.id === id);
    this.alerts.update((list) => list.map((a) => (a.id === id ? read : a)));
    if (was && was.readAt === null) this.unread.update((n) => Math.max(0, n - 1));
  }

  private receive(alert: AlertView): void {
    if (this.alerts().some((a) => a.id === alert.id)) return;
    this.alerts.update((list) => [alert, ...list]);
    this.unread.update((n) => n + 1);
    this.latest.set(alert);
  }
}
