import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AlertsStore } from '../alerts/alerts.store';
import { InvitationBannerComponent } from '../desk/invitation-banner.component';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { TranslatePipe, roleKey } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { LangSwitchComponent } from '../ui/lang-switch.component';
import { ShortcutDirective } from '../ui/shortcut.directive';

/**
 * The signed-in frame: top bar, navigation, live indicator. It owns the live
 * connection: it opens when the shell appears and closes when it goes (logout,
 * expired session), so no socket outlives its session.
 */
@Component({
  selector: 'hub-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, LangSwitchComponent, ShortcutDirective, InvitationBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .nav-count {
      display: inline-block;
      min-width: 1.4em;
      margin-left: 0.3em;
      padding: 0 0.4em;
      border-radius: 999px;
      background: var(--s-due-soon-bg);
      color: var(--s-due-soon-fg);
      font-weight: 700;
      text-align: center;
    }
  `,
  template: `
    <a class="skip-link" href="#main">{{ 'app.skip' | t }}</a>
    <header class="topbar">
      <a class="brand" routerLink="/board">{{ 'app.name' | t }}</a>
      <nav class="topnav" [attr.aria-label]="'nav.main' | t">
        @if (hasDesk()) {
          <a routerLink="/desk" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-desk">{{ 'nav.desk' | t }}</a>
        }
        @if (hasInbox()) {
          <a routerLink="/inbox" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-inbox">{{ 'nav.inbox' | t }}</a>
        }
        <a routerLink="/board" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-board">{{ 'nav.board' | t }}</a>
        <a routerLink="/meetings" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-meetings">{{
          'nav.meetings' | t
        }}</a>
        @if (canRegister()) {
          <a routerLink="/projects/new" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-register">{{
            'nav.register' | t
          }}</a>
        }
        @if (canReadInquiries()) {
          <a
            routerLink="/inquiries"
            routerLinkActive="active"
            [routerLinkActiveOptions]="{ exact: true }"
            ariaCurrentWhenActive="page"
            data-testid="nav-inquiries"
            >{{ 'nav.inquiries' | t }}</a
          >
        }
        @if (canReadAlerts()) {
          <a routerLink="/alerts" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-alerts"
            >{{ 'nav.alerts' | t }}
            @if (alerts.unread() > 0) {
              <span class="nav-count" data-testid="nav-alerts-unread"
                >{{ alerts.unread() }}<span class="visually-hidden">{{ 'nav.unread' | t }}</span></span
              >
            }
          </a>
        }
        @if (canReadAccountability()) {
          <a routerLink="/accountability" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-accountability">{{
            'nav.accountability' | t
          }}</a>
        }
        @if (canManagePeople()) {
          <a routerLink="/admin/departments" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-departments">{{
            'nav.departments' | t
          }}</a>
          <a routerLink="/admin/people" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-people">{{
            'nav.people' | t
          }}</a>
        }
        @if (canNameDeputy()) {
          <a routerLink="/deputies" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-deputies">{{
            'nav.deputies' | t
          }}</a>
        }
        @if (canEditCalendar()) {
          <a routerLink="/admin/calendar" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-calendar">{{
            'nav.calendar' | t
          }}</a>
          <a routerLink="/admin/settings" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-settings">{{
            'nav.settings' | t
          }}</a>
          <a routerLink="/admin/messages" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-messages">{{
            'notify.nav.messages' | t
          }}</a>
        }
        <a routerLink="/notifications" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-notifications">{{
          'notify.nav.mine' | t
        }}</a>
        <a routerLink="/wall" data-testid="nav-wall">{{ 'nav.wall' | t }}</a>
        @if (canRegisterInquiry()) {
          <!-- R23: Alt+N opens a new inquiry from anywhere, for keyboard-only registration. -->
          <a
            routerLink="/inquiries/new"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            hubShortcut="Alt+N"
            data-testid="nav-new-inquiry"
            >{{ 'nav.newInquiry' | t }}</a
          >
        }
      </nav>
      <div class="topbar-end">
        <!-- Issue 14: a project by its code, owner, contact or phone, from any page (the board filters in SQL). -->
        <form class="global-search" role="search" (submit)="search($event, query.value); query.value = ''">
          <label for="global-search" class="visually-hidden">{{ 'nav.search' | t }}</label>
          <input
            #query
            id="global-search"
            type="search"
            data-testid="global-search"
            autocomplete="off"
            [attr.placeholder]="'nav.search' | t"
            [attr.title]="'boardFilter.searchHint' | t"
          />
        </form>
        <p
          class="live-status"
          [class.is-live]="live.status() === 'live'"
          data-testid="live-status"
          role="status"
          aria-live="polite"
          [attr.data-state]="live.status()"
          [attr.title]="'live.label' | t"
        >
          <span class="live-dot" aria-hidden="true"></span>
          {{ (live.status() === 'live' ? 'live.live' : 'live.reconnecting') | t }}
        </p>
        @if (session.user(); as user) {
          <p class="whoami" data-testid="current-user">
            <span class="whoami-name">{{ user.displayName }}</span>
            <span class="whoami-role">{{ roleLabel() | t }}</span>
          </p>
        }
        <hub-lang-switch />
        <button type="button" class="button-quiet" data-testid="logout" (click)="logout()">
          {{ 'nav.logout' | t }}
        </button>
      </div>
    </header>
    <main id="main" tabindex="-1" class="page">
      @if (hasDesk()) {
        <hub-invitation-banner />
      }
      <router-outlet />
    </main>
  `,
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly live = inject(LiveBoardService);
  private readonly calendar = inject(CalendarStore);
  private readonly departments = inject(DepartmentsStore);
  private readonly router = inject(Router);

  /** The board filtered by the text typed (code, owner, contact name or phone). */
  protected search(event: Event, text: string): void {
    event.preventDefault();
    const q = text.trim();
    if (q) void this.router.navigate(['/board'], { queryParams: { q } });
  }

  protected readonly hasDesk = computed(() => this.session.canSomewhere('item.decide'));
  protected readonly hasInbox = computed(() => this.session.can('explanation.rule'));
  protected readonly canRegister = computed(() => this.session.can('project.register'));
  protected readonly canReadInquiries = computed(() => this.session.can('inquiry.read'));
  protected readonly canRegisterInquiry = computed(() => this.session.can('inquiry.register'));
  protected readonly canReadAlerts = computed(() => this.session.can('alerts.read'));
  protected readonly canReadAccountability = computed(() => this.session.can('accountability.read'));
  protected readonly canEditCalendar = computed(() => this.session.can('calendar.edit'));
  protected readonly canManagePeople = computed(() => this.session.can('people.manage'));
  protected readonly canNameDeputy = computed(() => this.session.canSomewhere('deputy.name'));
  protected readonly alerts = inject(AlertsStore);
  protected readonly roleLabel = computed(() => roleKey(this.session.user()?.role ?? 'window'));

  constructor() {
    // Reference data first; failures surface on the pages that need it (they retry on load).
    this.calendar.load().catch(() => undefined);
    this.departments.load().catch(() => undefined);
    this.live.start().catch(() => undefined);
    if (this.canReadAlerts()) this.alerts.start();
    inject(DestroyRef).onDestroy(() => {
      this.alerts.stop();
      this.live.stop();
      this.calendar.reset();
      this.departments.reset();
    });
  }

  protected async logout(): Promise<void> {
    try {
      await this.session.logout();
    } catch {
      // Even if the server is unreachable the local session is gone (SessionStore.forget).
    }
    await this.router.navigateByUrl('/login');
  }
}
