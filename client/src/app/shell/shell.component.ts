import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
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
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, LangSwitchComponent, ShortcutDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">{{ 'app.skip' | t }}</a>
    <header class="topbar">
      <a class="brand" routerLink="/board">{{ 'app.name' | t }}</a>
      <nav class="topnav" [attr.aria-label]="'nav.main' | t">
        <a routerLink="/board" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-board">{{
          'nav.board' | t
        }}</a>
        <a routerLink="/meetings" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-meetings">{{
          'nav.meetings' | t
        }}</a>
        @if (canRegister()) {
          <a
            routerLink="/projects/new"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            data-testid="nav-register"
            >{{ 'nav.register' | t }}</a
          >
        }
        @if (canReadInquiries()) {
          <a routerLink="/inquiries" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page" data-testid="nav-inquiries">{{
            'nav.inquiries' | t
          }}</a>
        }
        @if (canRegisterInquiry()) {
          <!-- R23: Alt+N opens a new inquiry from anywhere, for keyboard-only registration. -->
          <a routerLink="/inquiries/new" routerLinkActive="active" ariaCurrentWhenActive="page" hubShortcut="Alt+N" data-testid="nav-new-inquiry">{{
            'nav.newInquiry' | t
          }}</a>
        }
      </nav>
      <div class="topbar-end">
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

  protected readonly canRegister = computed(() => this.session.can('project.register'));
  protected readonly canReadInquiries = computed(() => this.session.can('inquiry.read'));
  protected readonly canRegisterInquiry = computed(() => this.session.can('inquiry.register'));
  protected readonly roleLabel = computed(() => roleKey(this.session.user()?.role ?? 'window'));

  constructor() {
    // Reference data first; failures surface on the pages that need it (they retry on load).
    this.calendar.load().catch(() => undefined);
    this.departments.load().catch(() => undefined);
    this.live.start().catch(() => undefined);
    inject(DestroyRef).onDestroy(() => {
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
