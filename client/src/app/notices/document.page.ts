import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { documentLayout, type NoticeView } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { TranslatePipe } from '../core/i18n';
import { LangSwitchComponent } from '../ui/lang-switch.component';
import { DocumentSheetsComponent } from './document-sheets.component';
import { PaperTrailApi, pdfUrl } from './paper-trail.api';

/**
 * R17: one document, printable on A4 and downloadable as its PDF. Its own page, without the
 * hub's frame, so what prints is the document alone. A receipt opened right after issue carries
 * the applicant's access code in the navigation state: printed this once, never stored (R1).
 */
@Component({
  selector: 'hub-document-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, DocumentSheetsComponent, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="doc-toolbar" role="toolbar" [attr.aria-label]="'doc.toolbar' | t">
      @if (notice(); as n) {
        <a [routerLink]="['/projects', n.projectId]" data-testid="document-back">{{ 'doc.back' | t }}</a>
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
      } @else if (error(); as e) {
        <a routerLink="/board">{{ 'project.back' | t }}</a>
        <p class="alert alert-error" role="alert">{{ e }}</p>
      } @else {
        <p class="loading" role="status">{{ 'common.loading' | t }}</p>
      }
    </div>
    @if (accessCode()) {
      <p class="doc-once alert" role="status" data-testid="access-code-once">{{ 'doc.accessCodeOnce' | t }}</p>
    }
    <main class="doc-desk" id="main">
      @if (layout(); as l) {
        <hub-document-sheets [layout]="l" />
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
    @media print {
      :host {
        background: none;
      }
      .doc-toolbar,
      .doc-once {
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

  /** Route parameter :id. */
  readonly id = input.required<string>();

  protected readonly notice = signal<NoticeView | null>(null);
  protected readonly error = signal<string | null>(null);
  /** R1: handed over by the receipt form right after issue; gone on reload. */
  protected readonly accessCode = signal<string | null>(readAccessCode(this.document));
  protected readonly layout = computed(() => {
    const notice = this.notice();
    return notice ? documentLayout(notice.content, { accessCode: this.accessCode() ?? undefined }) : null;
  });
  protected readonly pdf = computed(() => pdfUrl(this.id()));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    try {
      this.notice.set(await firstValueFrom(this.api.notice(id)));
    } catch (e) {
      this.error.set(readProblem(e).message ?? 'Error');
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
