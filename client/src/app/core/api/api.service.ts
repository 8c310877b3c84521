import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AdmitProjectRequest,
  RefuseAdmissionRequest,
  NationalCodeRequest,
  WithdrawProjectRequest,
  ApprovalItemView,
  BoardHead,
  BoardQuery,
  BoardRows,
  BoardSnapshot,
  CalendarResponse,
  CardEntry,
  CardVerification,
  CloseMeetingRequest,
  ClosePreview,
  ConveneMeetingRequest,
  DeadlineExplanation,
  DecisionRequest,
  DelayItemRequest,
  EndSpecialProcedureRequest,
  SpecialProcedureView,
  StartSpecialProcedureRequest,
  Department,
  ExplanationView,
  ExtendItemRequest,
  FileExplanationRequest,
  LoginRequest,
  MarkPresentRequest,
  MeetingSummary,
  MeetingView,
  OpinionRequest,
  RectificationRequest,
  RuleExplanationRequest,
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
  /** R4a: the applicant's withdrawal, recorded by the window. */
  withdrawProject(id: string, body: WithdrawProjectRequest): Observable<ProjectView> {
    return this.http.post<ProjectView>(`/api/projects/${encodeURIComponent(id)}/withdrawal`, body);
  }
  /** R4a: the national project code, until admission. */
  setNationalCode(id: string, body: NationalCodeRequest): Observable<ProjectView> {
    return this.http.put<ProjectView>(`/api/projects/${encodeURIComponent(id)}/national-code`, body);
  }

  /** R3 Decision: a leader refuses admission, with a reason. */
  refuseAdmission(id: string, body: RefuseAdmissionRequest): Observable<ProjectView> {
    return this.http.post<ProjectView>(`/api/projects/${encodeURIComponent(id)}/admission-refusal`, body);
  }

  acceptItem(id: string): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/acceptance`, null);
  }
  decideItem(id: string, body: DecisionRequest): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/decision`, body);
  }

  /** R12: a leader extends. */
  extendItem(id: string, body: ExtendItemRequest): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/extension`, body);
  }
  /** R13: the window's Delayed Approval Notice. */
  delayItem(id: string, body: DelayItemRequest): Observable<ApprovalItemView> {
    return this.http.post<ApprovalItemView>(`/api/items/${encodeURIComponent(id)}/delay`, body);
  }
  /** R10a: the special procedures of an item; the window records one's start and its end. */
  specialProcedures(itemId: string): Observable<SpecialProcedureView[]> {
    return this.http.get<SpecialProcedureView[]>(`/api/items/${encodeURIComponent(itemId)}/special-procedures`);
  }
  startSpecialProcedure(itemId: string, body: StartSpecialProcedureRequest): Observable<SpecialProcedureView> {
    return this.http.post<SpecialProcedureView>(`/api/items/${encodeURIComponent(itemId)}/special-procedures`, body);
  }
  endSpecialProcedure(itemId: string, procedureId: string, body: EndSpecialProcedureRequest): Observable<SpecialProcedureView> {
    return this.http.post<SpecialProcedureView>(
      `/api/items/${encodeURIComponent(itemId)}/special-procedures/${encodeURIComponent(procedureId)}/end`,
      body,
    );
  }
  /** R16: a written explanation, and a leader's ruling on it. */
  fileExplanation(itemId: string, body: FileExplanationRequest): Observable<ExplanationView> {
    return this.http.post<ExplanationView>(`/api/items/${encodeURIComponent(itemId)}/explanations`, body);
  }
  ruleExplanation(id: string, body: RuleExplanationRequest): Observable<ExplanationView> {
    return this.http.post<ExplanationView>(`/api/explanations/${encodeURIComponent(id)}/ruling`, body);
  }

  /** R18–R20: meetings and site inspections. */
  meetings(projectId?: string): Observable<MeetingSummary[]> {
    const params = projectId ? new HttpParams().set('projectId', projectId) : undefined;
    return this.http.get<MeetingSummary[]>('/api/meetings', { params });
  }
  meeting(id: string): Observable<MeetingView> {
    return this.http.get<MeetingView>(`/api/meetings/${encodeURIComponent(id)}`);
  }
  conveneMeeting(projectId: string, body: ConveneMeetingRequest): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/projects/${encodeURIComponent(projectId)}/meetings`, body);
  }
  openMeeting(id: string): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/meetings/${encodeURIComponent(id)}/opening`, null);
  }
  markPresent(id: string, body: MarkPresentRequest): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/meetings/${encodeURIComponent(id)}/attendance`, body);
  }
  giveOpinion(id: string, body: OpinionRequest): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/meetings/${encodeURIComponent(id)}/opinions`, body);
  }
  closeMeeting(id: string, body: CloseMeetingRequest): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/meetings/${encodeURIComponent(id)}/closing`, body);
  }
  /** R15a: what a close now would do to each department (changes nothing). */
  closingPreview(id: string, body: Pick<CloseMeetingRequest, 'lateExcuses'>): Observable<ClosePreview> {
    return this.http.post<ClosePreview>(`/api/meetings/${encodeURIComponent(id)}/closing-preview`, body);
  }
  /** R15a: the lead liaison proposes the close; the window or a leader closes. */
  proposeClose(id: string): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/meetings/${encodeURIComponent(id)}/close-proposal`, null);
  }
  addRectification(id: string, body: RectificationRequest): Observable<MeetingView> {
    return this.http.post<MeetingView>(`/api/inspections/${encodeURIComponent(id)}/rectifications`, body);
  }
  completeRectification(id: string, rectificationId: string): Observable<MeetingView> {
    return this.http.post<MeetingView>(
      `/api/inspections/${encodeURIComponent(id)}/rectifications/${encodeURIComponent(rectificationId)}/done`,
      null,
    );
  }

  board(): Observable<BoardSnapshot> {
    return this.http.get<BoardSnapshot>('/api/board');
  }
  /** R25: the stream position and the hub clock, without the board. */
  boardHead(): Observable<BoardHead> {
    return this.http.get<BoardHead>('/api/board/head');
  }
  /** Issue 12: one page of the board, filtered and sorted by the server, with the counts of every filter. */
  boardRows(query: BoardQuery): Observable<BoardRows> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params = params.set(key, String(value));
    return this.http.get<BoardRows>('/api/board/rows', { params });
  }
  card(projectId: string): Observable<CardEntry[]> {
    return this.http.get<CardEntry[]>(`/api/projects/${encodeURIComponent(projectId)}/card`);
  }
  verifyCard(projectId: string): Observable<CardVerification> {
    return this.http.get<CardVerification>(`/api/projects/${encodeURIComponent(projectId)}/card/verification`);
  }
}
