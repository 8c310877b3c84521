import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { HubTimePipe } from '../core/format/format.pipes';
import { TranslatePipe } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { channelKey, NotificationsApi, outboxStateKey } from './notifications-api.service';

/** R27: the admin sees the newest messages and whether each went out, is being retried, or was given up. */
@Component({
  selector: 'hub-messages-page',
  imports: [TranslatePipe, HubTimePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../admin/admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'notify.messages.title' | t }}</h1>
      <button type="button" class="button-quiet" (click)="messagesLoad.load()" data-testid="messages-reload">
        {{ 'notify.messages.reload' | t }}
      </button>
    </div>
    <p class="muted small">{{ 'notify.messages.intro' | t }}</p>
    <hub-load-state [of]="messagesLoad" testId="messages" />
    @if (messagesLoad.value() === null) {
      <!-- nothing yet: the load state speaks -->
    } @else if (messages().length === 0) {
      <p class="muted" data-testid="messages-empty">{{ 'notify.messages.none' | t }}</p>
    } @else {
      <table data-testid="messages">
        <caption class="visually-hidden">
          {{
            'notify.messages.title' | t
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'notify.messages.created' | t }}</th>
            <th scope="col">{{ 'notify.messages.recipient' | t }}</th>
            <th scope="col">{{ 'notify.messages.channel' | t }}</th>
            <th scope="col">{{ 'notify.messages.subject' | t }}</th>
            <th scope="col">{{ 'notify.messages.state' | t }}</th>
            <th scope="col">{{ 'notify.messages.attempts' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (m of messages(); track m.id) {
            <tr data-testid="message" [attr.data-state]="m.state">
              <td>
                <time [attr.datetime]="m.createdAt">{{ m.createdAt | hubTime: true }}</time>
              </td>
              <th scope="row">
                {{ m.recipientName ?? ('notify.messages.applicant' | t) }}<br /><span class="muted small">{{ m.address }}</span>
              </th>
              <td>{{ channelKey(m.channel) | t }}</td>
              <td>{{ m.subject }}</td>
              <td>
                <span
                  class="badge"
                  [class.status-overdue]="m.state === 'failed'"
                  [class.status-held]="m.state === 'pending' || m.state === 'sending'"
                  >{{ outboxStateKey(m.state) | t }}</span
                >
                @if (m.sentAt) {
                  <br /><time class="muted small" [attr.datetime]="m.sentAt">{{ m.sentAt | hubTime: true }}</time>
                }
                @if (m.lastError) {
                  <br /><span class="muted small">{{ m.lastError }}</span>
                }
              </td>
              <td>{{ m.attempts }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class MessagesPage {
  private readonly api = inject(NotificationsApi);
  /** Issue 14: a visible load and, failing, a retry, as on every page. */
  protected readonly messagesLoad = loadable(() => firstValueFrom(this.api.messages()));
  protected readonly messages = computed(() => this.messagesLoad.value() ?? []);
  protected readonly channelKey = channelKey;
  protected readonly outboxStateKey = outboxStateKey;

  constructor() {
    void this.messagesLoad.load();
  }
}
