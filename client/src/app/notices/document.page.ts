import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { documentLayout, instantOfWallClock, type NoticeView } from '@hub/shared';
import { SessionStore } from '../core/session/session.store';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';
import { LangSwitchComponent } from '../ui/lang-switch.component';
import { DocumentSheetsComponent } from './document-sheets.component';
import { PaperTrailApi, pdfUrl } from './paper-trail.api';
import { loadable, LoadStateComponent } from '../ui/load-state';

/**
 * R17: one document, printable on A4 and downloadable as its PDF. Its own page, without the
 * hub's frame, so what prints is the document alone. A receipt opened right after issue carries
 * the applicant's access code in the navigation state: printed this once, never stored (R1).
 */
@Component({
  selector: 'hub-document-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, DocumentSheetsComponent, LangSwitchComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="doc-toolbar" role="toolbar" [attr.aria-label]="'doc.toolbar' | t">
      @if (notice(); as n) {
        @if (n.projectId) {
          <a [routerLink]="['/projects', n.projectId]" data-testid="document-back">{{ 'doc.back' | t }}</a>
        } @else {
          <!-- R22: a circulation report names a department, not a project. -->
          <a routerLink="/accountability" data-testid="document-back">{{ 'doc.backAccountability' | t }}</a>
        }
        <span class="doc-toolbar-title" data-testid="document-title">{{ n.content.title }} · {{ n.number }}</span>
        <span class="muted small">{{ 'doc.issuedAt' | t: { time: (n.issuedAt | hubTime) } }}</span>
        <span
          class="doc-integrity"
          data-testid="document-integrity"
          [attr.data-valid]="n.hashValid"
          [class.doc-integrity-broken]="!n.hashValid"
          >{{ (n.hashValid ? 'doc.intact' : 'doc.altered') | t }}</span
        >
        <span class="doc-toolbar-actions">
          <button type="button" class="button-primary" data-testid="document-print" (click)="print()">{{ 'doc.print' | t }}</button>
          <a class="button-secondary button-link-like" data-testid="document-pdf" [href]="pdf()" download>{{ 'doc.pdf' | t }}</a>
          <hub-lang-switch />
        </span>
      } @else {
        @if (noticeLoad.phase() === 'error') {
          <a routerLink="/board">{{ 'project.back' | t }}</a>
        }
        <hub-load-state [of]="noticeLoad" testId="document" />
      }
    </div>
    @if (notice(); as n) {
      @if (n.supersededBy; as by) {
        <p class="doc-once alert alert-error" role="status" data-testid="document-superseded">
          {{ 'doc.supersededBy' | t: { number: by.number } }} <a [routerLink]="['/documents', by.id]">{{ by.number }}</a>
        </p>
      } @else if (canCorrect()) {
        <!-- R17: a leader corrects by a numbered correction notice; for a deemed consent, revokes it. Confirmed, never one click. -->
        <details class="doc-once card doc-correct" data-testid="document-correct">
          <summary>{{ (revoking() ? 'doc.revoke' : 'doc.correct') | t }}</summary>
          <div class="field">
            <label for="correct-reason">{{ 'doc.reason' | t }}</label>
            <textarea
              id="correct-reason"
              rows="2"
              data-testid="correct-reason"
              [value]="reason()"
              (input)="reason.set($any($event.target).value); confirming.set(false)"
            ></textarea>
            @if (fields()['reason']; as e) {
              <p class="field-error">{{ e }}</p>
            }
          </div>
          @if (revoking()) {
            <div class="field">
              <label for="correct-due">{{ 'doc.newDueAt' | t }}</label>
              <input
                id="correct-due"
                type="datetime-local"
                data-testid="correct-due"
                [value]="newDue()"
                (input)="newDue.set($any($event.target).value); confirming.set(false)"
              />
              @if (fields()['newDueAt']; as e) {
                <p class="field-error">{{ e }}</p>
              }
            </div>
          }
          @if (correctError(); as e) {
            <p class="field-error" role="alert">{{ e }}</p>
          }
          @if (confirming()) {
            <p class="alert alert-error" role="alertdialog" data-testid="correct-consequence">
              @if (revoking()) {
                {{ 'doc.confirm.revoke' | t: { number: n.number, due: newDue().replace('T', ' ') } }}
              } @else {
                {{ 'doc.confirm.correct' | t: { number: n.number } }}
              }
            </p>
            <button type="button" class="button-danger" data-testid="correct-confirm" [disabled]="busy()" (click)="correct(n)">
              {{ 'doc.confirm.go' | t }}
            </button>
            <button type="button" class="button-quiet" (click)="confirming.set(false)">{{ 'doc.confirm.cancel' | t }}</button>
          } @else {
            <button
              type="button"
              class="button-secondary"
              data-testid="correct-review"
              [disabled]="!reason().trim() || (revoking() && !newDue())"
              (click)="confirming.set(true)"
            >
              {{ (revoking() ? 'doc.revoke' : 'doc.correct') | t }}
            </button>
          }
        </details>
      }
    }
    @if (accessCode()) {
      <p class="doc-once alert" role="status" data-testid="access-code-once">{{ 'doc.accessCodeOnce' | t }}</p>
    }
    <main class="doc-desk" id="main">
      @if (layout(); as l) {
        <hub-document-sheets [layout]="l" [lang]="i18n.lang() === 'en' ? 'en' : 'zh-CN'" />
      }
    </main>
  `,
  styles: `
    :host {
      display: block;
      background: #e9ecef;
      min-height: 100vh;
    }
    .doc-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: center;
      padding: 0.75rem 1.25rem;
      background: var(--surface);
      border-bottom: 1px solid var(--line);
    }
    .doc-toolbar-title {
      font-weight: 700;
    }
    .doc-toolbar-actions {
      display: flex;
      gap: 0.5rem;
      margin-left: auto;
      align-items: center;
    }
    .button-link-like {
      display: inline-block;
      padding: 0.45rem 0.9rem;
      border: 1px solid var(--brand);
      border-radius: var(--radius);
      text-decoration: none;
    }
    .doc-integrity {
      color: var(--brand);
    }
    .doc-integrity-broken {
      color: var(--danger);
      font-weight: 700;
    }
    .doc-once {
      margin: 0.75rem auto 0;
      max-width: 210mm;
    }
    .doc-desk {
      padding: 8mm 0;
    }
    .doc-correct {
      padding: 0.75rem 1rem;
    }
    @media print {
      :host {
        background: none;
      }
      .doc-toolbar,
      .doc-once,
      .doc-correct {
        display: none;
      }
      .doc-desk {
        padding: 0;
      }
    }
  `,
})
export class DocumentPage {
  private readonly api = inject(PaperTrailApi);
  private readonly document = inject(DOCUMENT);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  /** Route parameter :id. */
  readonly id = input.required<string>();

  protected readonly notice = signal<NoticeView | null>(null);
  protected readonly noticeLoad = loadable(async () => {
    const notice = await firstValueFrom(this.api.notice(this.id()));
    this.notice.set(notice);
    return notice;
  });
  /** R1: handed over by the receipt form right after issue; gone on reload. */
  protected readonly accessCode = signal<string | null>(readAccessCode(this.document));
  protected readonly layout = computed(() => {
    const notice = this.notice();
    return notice ? documentLayout(notice.content, { accessCode: this.accessCode() ?? undefined }, this.i18n.lang()) : null;
  });
  protected readonly pdf = computed(() => pdfUrl(this.id(), this.i18n.lang()));
  protected readonly canCorrect = computed(() => this.session.can('notice.correct'));
  /** R17: correcting a Timeout Implied Consent Notice revokes the deemed consent (a new due time). */
  protected readonly revoking = computed(() => this.notice()?.kind === 'timeout_implied_consent');
  protected readonly reason = signal('');
  protected readonly newDue = signal('');
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly fields = signal<Record<string, string>>({});
  protected readonly correctError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void (id && this.noticeLoad.load()));
    });
  }

  protected async correct(notice: NoticeView): Promise<void> {
    if (this.busy()) return;
    const due = this.revoking() ? instantOfWallClock(this.newDue(), notice.content.timeZone) : null;
    this.busy.set(true);
    this.fields.set({});
    this.correctError.set(null);
    try {
      const issued = await firstValueFrom(
        this.api.correctNotice(notice.id, { reason: this.reason().trim(), ...(due ? { newDueAt: due.toISOString() } : {}) }),
      );
      this.confirming.set(false);
      await this.router.navigate(['/documents', issued.id]);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.fields.set(problem.fields);
      this.correctError.set(problem.message);
      this.confirming.set(false);
    } finally {
      this.busy.set(false);
    }
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}

function readAccessCode(document: Document): string | null {
  const state: unknown = document.defaultView?.history.state;
  const code = state && typeof state === 'object' && 'accessCode' in state ? (state as { accessCode: unknown }).accessCode : null;
  return typeof code === 'string' ? code : null;
}
