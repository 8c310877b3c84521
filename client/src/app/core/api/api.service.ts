import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AdmitProjectRequest,
  ApprovalItemView,
  BoardSnapshot,
  CalendarResponse,
  CardEntry,
  CardVerification,
  DeadlineExplanation,
  DecisionRequest,
  Department,
  LoginRequest,
  ProjectView,
  RegisterProjectRequest,
  SessionUser,
} from '@hub/shared';

/** One typed door to the REST API; every shape comes from @hub/shared contracts. */
@Injectable({ providedIn: 'root' })
export class ApiService {
  private readonly http = inject(HttpClient);

  login(body: LoginRequest): Observable<SessionUser> {
    return this.http.post<SessionUser>('/api/auth/login', body);
  }
  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null);
  }
  me(): Observable<SessionUser> {
    return this.http.get<SessionUser>('/api/auth/me');
  }

  departments(): Observable<Department[]> {
    return this.http.get<Department[]>('/api/departments');
  }

  calendar(): Observable<CalendarResponse> {
    return this.http.get<CalendarResponse>('/api/calendar');
  }
  /** R11: an item's own deadline, under the rule it was accepted with. */
  explainItemDeadline(itemId: string): Observable<DeadlineExplanation> {
    return this.http.get<DeadlineExplanation>(`/api/items/${encodeURIComponent(itemId)}/deadline`);
  }

  registerProject(body: RegisterProjectRequest): Observable<ProjectView> {
    return this.http.post<ProjectView>('/api/projects', body);
  }
  project(id: string): Observable<ProjectView> {
    return this.http.get<ProjectView>(`/api/projects/${encodeURIComponent(id)}`);
  }
  admitProject(id: string, body: AdmitProjectRequest): Observable<ProjectView> {
    return this.http.post<ProjectView>(`/api/projects/${encodeURIComponent(id)}/admission`, body);
  }

  acceptItem(id: string): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/acceptance`, null);
  }
  decideItem(id: string, body: DecisionRequest): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/decision`, body);
  }

  board(): Observable<BoardSnapshot> {
    return this.http.get<BoardSnapshot>('/api/board');
  }
  card(projectId: string): Observable<CardEntry[]> {
    return this.http.get<CardEntry[]>(`/api/projects/${encodeURIComponent(projectId)}/card`);
  }
  verifyCard(projectId: string): Observable<CardVerification> {
    return this.http.get<CardVerification>(
      `/api/projects/${encodeURIComponent(projectId)}/card/verification`,
    );
  }
}
