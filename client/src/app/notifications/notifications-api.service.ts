import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  MyNotifications,
  NotificationChannel,
  OutboxMessageView,
  OutboxState,
  SmtpSettings,
  SmtpSettingsView,
  UpdateMyNotificationsRequest,
} from '@hub/shared';

export const channelKey = (c: NotificationChannel) => `notify.channel.${c}` as const;
export const outboxStateKey = (s: OutboxState) => `notify.state.${s}` as const;

/** R27: my notifications, the admin's list of messages and SMTP server. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  mine(): Observable<MyNotifications> {
    return this.http.get<MyNotifications>('/api/notifications/mine');
  }
  saveMine(body: UpdateMyNotificationsRequest): Observable<MyNotifications> {
    return this.http.put<MyNotifications>('/api/notifications/mine', body);
  }
  messages(): Observable<OutboxMessageView[]> {
    return this.http.get<OutboxMessageView[]>('/api/admin/messages');
  }
  smtp(): Observable<SmtpSettingsView> {
    return this.http.get<SmtpSettingsView>('/api/settings/smtp');
  }
  saveSmtp(body: SmtpSettings): Observable<SmtpSettingsView> {
    return this.http.put<SmtpSettingsView>('/api/settings/smtp', body);
  }
}
