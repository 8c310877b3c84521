import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { PublicProjectStatus } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, itemStatusKey, lifeKey } from '../core/i18n';
import { PaperTrailApi } from '../notices/paper-trail.api';
import { LangSwitchComponent } from '../ui/lang-switch.component';

/**
 * R1: the applicant's page (业主查询). No login: the project code and the access code printed on
 * the receipt open that one project's progress per department, and nothing else.
 */
@Component({
  selector: 'hub-status-page',
  imports: [TranslatePipe, HubTimePipe, HubDuePipe, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="status-page" id="main">
      <div class="login-lang"><hub-lang-switch /></div>
      <p class="login-app">{{ 'app.name' | t }}</p>
      <h1>{{ 'status.title' | t }}</h1>
      <p class="muted">{{ 'status.intro' | t }}</p>
      <form class="card status-form" (submit)="lookup($event)" novalidate>
        <div class="field">
          <label for="status-code">{{ 'status.projectCode' | t }}</label>
          <input
            id="status-code"
            data-testid="status-code"
            autocomplete="off"
            spellcheck="false"
            [value]="projectCode()"
            (input)="projectCode.set(value($event))"
            placeholder="GC-2026-0001 / 2024-330106-48-01-012345"
          />
        </div>
        <div class="field">
          <label for="status-access">{{ 'status.accessCode' | t }}</label>
          <input
            id="status-access"
            data-testid="status-access"
            autocomplete="off"
            spellcheck="false"
            [value]="accessCode()"
            (input)="accessCode.set(value($event))"
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button-primary" data-testid="status-submit" [disabled]="busy()">{{ 'status.submit' | t }}</button>
        </div>
      </form>
      <div aria-live="polite">
        @if (error(); as e) {
          <p class="alert alert-error" role="alert" data-testid="status-error">{{ e }}</p>
        }
      </div>
      @if (status(); as s) {
        <section class="card" data-testid="status-result" aria-labelledby="status-project">
          <h2 id="status-project" data-testid="status-project-name">{{ s.name }}</h2>
          <dl class="facts">
            <div>
              <dt>{{ 'project.code' | t }}</dt>
              <dd>{{ s.code }}</dd>
            </div>
            <div>
              <dt>{{ 'project.owner' | t }}</dt>
              <dd>{{ s.ownerName }}</dd>
            </div>
            @if (s.nationalCode) {
              <div>
                <dt>{{ 'life.nationalCode' | t }}</dt>
                <dd data-testid="status-national-code">{{ s.nationalCode }}</dd>
              </div>
            }
            <div>
              <dt>{{ 'project.status' | t }}</dt>
              <dd data-testid="status-life" [attr.data-life]="s.life">{{ lifeKey(s.life) | t }}</dd>
            </div>
            <!-- R4a: the applicant sees when it withdrew, when it was completed (a refusal: below, R3). -->
            @if (s.withdrawnOn; as on) {
              <div>
                <dt>{{ 'life.withdrawnOn' | t }}</dt>
                <dd data-testid="status-withdrawn-on">{{ on }}</dd>
              </div>
            }
            @if (s.completedAt; as at) {
              <div>
                <dt>{{ 'life.completedAt' | t }}</dt>
                <dd data-testid="status-completed-at">{{ at | hubTime }}</dd>
              </div>
            }
            <div>
              <dt>{{ 'status.contact' | t }}</dt>
              <dd data-testid="status-contact">{{ s.windowContact ?? '—' }}</dd>
            </div>
          </dl>
          @if (s.admissionRefusal; as r) {
            <p class="alert alert-error" role="status" data-testid="status-admission-refused">
              {{ 'status.admissionRefused' | t: { reason: r.reason } }}
            </p>
          }
          <div class="table-scroll">
            <table data-testid="status-departments">
              <caption>
                {{
                  'status.progress' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'items.department' | t }}</th>
                  <th scope="col">{{ 'items.status' | t }}</th>
                  <th scope="col">{{ 'items.acceptedAt' | t }}</th>
                  <th scope="col">{{ 'items.dueAt' | t }}</th>
                  <th scope="col">{{ 'items.decidedAt' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (d of s.departments; track d.name) {
                  <tr [attr.data-testid]="'status-dept-' + d.name" [attr.data-status]="d.status">
                    <th scope="row">
                      {{ i18n.name(d) }}
                      <span class="muted small">{{ (d.lead ? 'board.lead' : 'board.participant') | t }}</span>
                    </th>
                    <td [attr.data-label]="'items.status' | t">
                      {{ itemStatusKey(d.status) | t }}
                      @if (d.noticeNumber) {
                        <div class="small">{{ d.noticeNumber }}</div>
                      }
                    </td>
                    <td [attr.data-label]="'items.acceptedAt' | t">{{ d.acceptedAt | hubTime }}</td>
                    <td [attr.data-label]="'items.dueAt' | t">{{ d.dueAt | hubDue }}</td>
                    <td [attr.data-label]="'items.decidedAt' | t">{{ d.decidedAt | hubTime }}</td>
                  </tr>
                } @empty {
                  <tr>
                    <td colspan="5">{{ 'status.noDepartments' | t }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <h3>{{ 'status.received' | t }}</h3>
          <ul data-testid="status-received">
            @for (m of s.received; track $index) {
              <li>{{ 'status.receivedLine' | t: { department: m.department, name: m.name, copies: m.copies, files: m.files } }}</li>
            } @empty {
              <li class="muted">{{ 'status.receivedNone' | t }}</li>
            }
          </ul>
          <h3>{{ 'status.toSupplement' | t }}</h3>
          @if (s.toSupplement.length === 0) {
            <p class="muted">{{ 'status.nothingMissing' | t }}</p>
          } @else {
            <ul data-testid="status-supplement">
              @for (m of s.toSupplement; track $index) {
                <li>{{ m.department }} · {{ m.name }} · {{ 'status.copiesMissing' | t: { n: m.copiesMissing } }}</li>
              }
            </ul>
          }
          <h3>{{ 'status.documents' | t }}</h3>
          <ul data-testid="status-documents">
            @for (d of s.documents; track d.number) {
              <li>{{ d.title }} {{ d.number }} · {{ d.issuedAt | hubTime }}</li>
            } @empty {
              <li class="muted">{{ 'documents.none' | t }}</li>
            }
          </ul>
        </section>
      }
    </main>
  `,
  styles: `
    .status-page {
      max-width: 60rem;
      margin: 0 auto;
      padding: 1.5rem 1rem 3rem;
    }
    .status-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: flex-end;
    }
    /* On a phone (390 px) each department is a card: its name, then each fact with its label. */
    @media (max-width: 600px) {
      .status-page {
        padding: 1rem 0.75rem 2rem;
      }
      .status-form .field,
      .status-form input {
        width: 100%;
      }
      table,
      tbody,
      tr,
      th,
      td {
        display: block;
        width: auto;
      }
      /* Without this the caption of a table laid out as blocks shrinks to one character a line. */
      caption {
        display: block;
        text-align: left;
      }
      thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      tbody tr {
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        margin: 0 0 0.75rem;
      }
      tbody th,
      tbody td {
        border: 0;
        padding: 0.2rem 0;
        text-align: left;
      }
      td[data-label]::before {
        content: attr(data-label) '：';
        color: var(--muted, #555);
        margin-right: 0.25rem;
      }
      td[data-label]:empty::after {
        content: '—';
      }
      .facts {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class StatusPage {
  private readonly api = inject(PaperTrailApi);
  protected readonly i18n = inject(I18nService);

  /** R27: the link in the applicant's messages carries the project code (?code=…); the access code stays theirs to type. */
  protected readonly projectCode = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('code') ?? '');
  protected readonly accessCode = signal('');
  protected readonly status = signal<PublicProjectStatus | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly itemStatusKey = itemStatusKey;
  protected readonly lifeKey = lifeKey;

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async lookup(event: Event): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    this.status.set(null);
    try {
      this.status.set(
        await firstValueFrom(this.api.projectStatus({ projectCode: this.projectCode().trim(), accessCode: this.accessCode().trim() })),
      );
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.error.set(
        problem.status === 404
          ? this.i18n.t('status.notFound')
          : problem.status === 429
            ? this.i18n.t('status.tooMany')
            : problem.status === 400
              ? this.i18n.t('status.badInput')
              : this.i18n.t('common.networkError'),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
