import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AccountabilityItemsBehind,
  AccountabilityReport,
  AlertInbox,
  AlertView,
  CalendarChangeResult,
  CalendarResponse,
  CardEntry,
  CirculationStanding,
  ConfigurationChange,
  HubSettings,
  ImportCalendarRequest,
  IssueCirculationRequest,
  LeaderInboxProjects,
  MaterialFilesSettings,
  NoticeSummary,
  SetCalendarDayRequest,
  UpdateSettingsRequest,
} from '@hub/shared';

const period = (from: string, to: string) => new HttpParams().set('from', from).set('to', to);

/** The leaders' view REST calls (R11, R14a, R21, R22, the wall); shapes from @hub/shared contracts. */
@Injectable({ providedIn: 'root' })
export class LeadersApi {
  private readonly http = inject(HttpClient);

  // R14a
  alerts(): Observable<AlertInbox> {
    return this.http.get<AlertInbox>('/api/alerts');
  }
  /** Issue 14: the projects the leader's inbox is about, as of a stream position. */
  leaderInboxProjects(): Observable<LeaderInboxProjects> {
    return this.http.get<LeaderInboxProjects>('/api/alerts/leader-projects');
  }
  markAlertRead(id: string): Observable<AlertView> {
    return this.http.post<AlertView>(`/api/alerts/${encodeURIComponent(id)}/read`, null);
  }

  // R21, R22
  accountability(from: string, to: string): Observable<AccountabilityReport> {
    return this.http.get<AccountabilityReport>('/api/accountability', { params: period(from, to) });
  }
  /** Issue 14: the items behind one figure; department null for the totals. */
  accountabilityItems(from: string, to: string, figure: string, department: string | null): Observable<AccountabilityItemsBehind> {
    const params = period(from, to).set('figure', figure);
    return this.http.get<AccountabilityItemsBehind>('/api/accountability/items', {
      params: department ? params.set('department', department) : params,
    });
  }
  /** Exports are plain download links: the browser saves them under the server's file name. */
  accountabilityExportUrl(format: 'csv' | 'xlsx', from: string, to: string): string {
    return `/api/accountability/${format}?${period(from, to).toString()}`;
  }
  circulation(year: number, quarter: number): Observable<CirculationStanding> {
    return this.http.get<CirculationStanding>('/api/circulation', { params: new HttpParams().set('year', year).set('quarter', quarter) });
  }
  issueCirculation(body: IssueCirculationRequest): Observable<NoticeSummary> {
    return this.http.post<NoticeSummary>('/api/circulation-reports', body);
  }

  // R11 and settings
  calendar(): Observable<CalendarResponse> {
    return this.http.get<CalendarResponse>('/api/calendar');
  }
  setCalendarDay(date: string, body: SetCalendarDayRequest): Observable<CalendarChangeResult> {
    return this.http.put<CalendarChangeResult>(`/api/calendar/days/${encodeURIComponent(date)}`, body);
  }
  clearCalendarDay(date: string): Observable<CalendarChangeResult> {
    return this.http.delete<CalendarChangeResult>(`/api/calendar/days/${encodeURIComponent(date)}`);
  }
  publishYear(year: number): Observable<CalendarChangeResult> {
    return this.http.post<CalendarChangeResult>(`/api/calendar/years/${year}/publication`, null);
  }
  importCalendar(body: ImportCalendarRequest): Observable<CalendarChangeResult> {
    return this.http.post<CalendarChangeResult>('/api/calendar/imports', body);
  }
  settings(): Observable<HubSettings> {
    return this.http.get<HubSettings>('/api/settings');
  }
  updateSettings(body: UpdateSettingsRequest): Observable<HubSettings> {
    return this.http.put<HubSettings>('/api/settings', body);
  }
  /** R28 (setting): the largest material file accepted. */
  filesSettings(): Observable<MaterialFilesSettings> {
    return this.http.get<MaterialFilesSettings>('/api/settings/files');
  }
  updateFilesSettings(body: MaterialFilesSettings): Observable<MaterialFilesSettings> {
    return this.http.put<MaterialFilesSettings>('/api/settings/files', body);
  }
  configurationChanges(): Observable<ConfigurationChange[]> {
    return this.http.get<ConfigurationChange[]>('/api/settings/changes');
  }

  // the wall
  ticker(): Observable<CardEntry[]> {
    return this.http.get<CardEntry[]>('/api/wall/ticker');
  }
}
