import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  inquiryRoles,
  isInquiryClosed,
  isInquiryOverdue,
  mayReadInquiry,
  type InquiryChangedEvent,
  type InquiryParties,
  type InquiryView,
} from '@hub/shared';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { InquiriesApi } from './inquiries-api.service';

type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

/** The parts of an inquiry the shared authority rules look at. */
export const partiesOf = (inquiry: InquiryView): InquiryParties => ({
  ownerId: inquiry.responder.id,
  status: inquiry.status,
  handler: inquiry.handler && { userId: inquiry.handler.userId, departmentId: inquiry.handler.departmentId },
});

/**
 * The inquiries this user may read, kept live (R23/R24): a list from GET /api/inquiries, then every
 * inquiry:changed pushed to the user's rooms. Pushes are not replayed, so a reconnect reloads.
 * Overdue flags are computed each hub second with the shared rule, so they turn even between pushes.
 */
@Injectable({ providedIn: 'root' })
export class InquiryDeskStore {
  private readonly api = inject(InquiriesApi);
  private readonly live = inject(LiveBoardService);
  private readonly session = inject(SessionStore);
  private readonly clock = inject(HubClock);

  private readonly list = signal<InquiryView[]>([]);
  /** Highest history seq applied per inquiry: a late, older push never overwrites a newer state. */
  private seqs = new Map<string, number>();
  private loading: Promise<void> | null = null;
  /** Whose desk this is: set when a load starts. */
  private owner: string | null = null;

  readonly state = signal<LoadState>('idle');
  readonly inquiries = this.list.asReadonly();
  /** The latest change pushed to this user, for the desk's live announcements. */
  readonly lastChange = signal<InquiryChangedEvent | null>(null);

  private readonly now = computed(() => new Date(this.clock.now()));
  readonly open = computed(() => this.list().filter((i) => !isInquiryClosed(i.status)));
  readonly overdue = computed(() => this.open().filter((i) => this.isOverdue(i)));
  readonly escalated = computed(() => this.open().filter((i) => i.status === 'escalated'));
  /** Open inquiries this user owns or holds: their own desk. */
  readonly mine = computed(() => {
    const user = this.session.user();
    return user ? this.open().filter((i) => inquiryRoles(user, partiesOf(i)).some((r) => r !== 'leader')) : [];
  });
  readonly toAcknowledge = computed(() => {
    const user = this.session.user();
    return user ? this.open().filter((i) => inquiryRoles(user, partiesOf(i)).includes('pending_transferee')) : [];
  });

  constructor() {
    this.live.inquiryChanges$.subscribe((event) => this.apply(event));
    // Socket.IO delivers at most once: after a reconnect, what this desk missed comes from a reload.
    effect(() => {
      if (this.live.status() === 'live' && untracked(() => this.state() === 'loaded')) untracked(() => void this.reload());
    });
    // Another person signing in on this browser must not see the previous person's desk.
    effect(() => {
      const id = this.session.user()?.id ?? null;
      if (this.owner !== null && id !== this.owner) untracked(() => this.reset());
    });
  }

  /** R24, by the shared rule on the hub clock — or because the hub already flagged it (its clock is the one that counts). */
  isOverdue(inquiry: InquiryView): boolean {
    return !isInquiryClosed(inquiry.status) && (inquiry.overdueFlaggedAt !== null || isInquiryOverdue(inquiry, this.now()));
  }

  /** Loads once per session; later calls wait for the same answer. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.reload();
    return this.loading;
  }

  async reload(): Promise<void> {
    const user = this.session.user();
    if (!user) return;
    this.owner = user.id;
    if (this.state() !== 'loaded') this.state.set('loading');
    try {
      const list = await firstValueFrom(this.api.list());
      if (this.owner !== user.id) return;
      this.seqs = new Map();
      this.list.set(list);
      this.state.set('loaded');
    } catch {
      this.loading = null;
      this.state.set('error');
    }
  }

  /** A change made here (the answer of a POST) or pushed: the newest state wins. */
  upsert(inquiry: InquiryView): void {
    const user = this.session.user();
    const readable = user !== null && mayReadInquiry(user, partiesOf(inquiry));
    this.list.update((list) => {
      const rest = list.filter((i) => i.id !== inquiry.id);
      return readable
        ? [inquiry, ...rest].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt) || b.number.localeCompare(a.number))
        : rest;
    });
  }

  private apply(event: InquiryChangedEvent): void {
    const seq = this.seqs.get(event.inquiry.id) ?? 0;
    if (event.entry.seq <= seq) return;
    this.seqs.set(event.inquiry.id, event.entry.seq);
    this.clock.observe(event.entry.at); // stamped by the hub clock: we are at least that late
    this.upsert(event.inquiry);
    this.lastChange.set(event);
  }

  private reset(): void {
    this.loading = null;
    this.owner = null;
    this.seqs = new Map();
    this.list.set([]);
    this.lastChange.set(null);
    this.state.set('idle');
  }
}
