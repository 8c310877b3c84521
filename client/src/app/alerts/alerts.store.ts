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
  private loads = 0;
  private pushedWhileLoading: AlertView[] = [];

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

  /**
   * Reads the inbox. A warning pushed while the read is in flight may be missing from its answer
   * (read before the warning committed): it is kept, not dropped, and still counted unread. Only
   * the newest read's answer is applied.
   */
  async load(): Promise<void> {
    const seq = ++this.loads;
    this.pushedWhileLoading = [];
    const inbox = await firstValueFrom(this.api.alerts());
    if (seq !== this.loads) return;
    const missed = this.pushedWhileLoading.filter((p) => !inbox.alerts.some((a) => a.id === p.id));
    this.alerts.set([...missed, ...inbox.alerts]);
    this.unread.set(inbox.unread + missed.filter((a) => a.readAt === null).length);
  }

  async markRead(id: string): Promise<void> {
    const read = await firstValueFrom(this.api.markAlertRead(id));
    const was = this.alerts().find((a) => a.id === id);
    this.alerts.update((list) => list.map((a) => (a.id === id ? read : a)));
    if (was && was.readAt === null) this.unread.update((n) => Math.max(0, n - 1));
  }

  private receive(alert: AlertView): void {
    this.pushedWhileLoading.push(alert);
    if (this.alerts().some((a) => a.id === alert.id)) return;
    this.alerts.update((list) => [alert, ...list]);
    this.unread.update((n) => n + 1);
    this.latest.set(alert);
  }
}
