import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AddMaterialRequest,
  AssignTrackerRequest,
  BoardProject,
  CorrectNoticeRequest,
  DocumentLanguage,
  IssuedReceipt,
  IssueOneTimeNotificationRequest,
  IssueReceiptRequest,
  MaterialRulingRequest,
  MaterialView,
  NoticeSummary,
  NoticeView,
  ProjectMaterialsView,
  ProjectStatusLookup,
  PublicProjectStatus,
  RecordForwardingRequest,
  RecordPickupRequest,
  StaffMember,
} from '@hub/shared';

const id = encodeURIComponent;

/** The paper trail's REST calls (R1, R6–R9, R17); shapes from @hub/shared contracts. */
@Injectable({ providedIn: 'root' })
export class PaperTrailApi {
  private readonly http = inject(HttpClient);

  materials(projectId: string): Observable<ProjectMaterialsView> {
    return this.http.get<ProjectMaterialsView>(`/api/projects/${id(projectId)}/materials`);
  }
  addMaterial(itemId: string, body: AddMaterialRequest): Observable<MaterialView> {
    return this.http.post<MaterialView>(`/api/items/${id(itemId)}/materials`, body);
  }
  recordReceived(materialId: string, received: number): Observable<MaterialView> {
    return this.http.post<MaterialView>(`/api/materials/${id(materialId)}/received`, { received });
  }
  ruleMaterial(materialId: string, body: MaterialRulingRequest): Observable<MaterialView> {
    return this.http.post<MaterialView>(`/api/materials/${id(materialId)}/ruling`, body);
  }

  notices(projectId: string): Observable<NoticeSummary[]> {
    return this.http.get<NoticeSummary[]>(`/api/projects/${id(projectId)}/notices`);
  }
  notice(noticeId: string): Observable<NoticeView> {
    return this.http.get<NoticeView>(`/api/notices/${id(noticeId)}`);
  }
  /** R17: a leader corrects a document (a deemed consent's notice: revokes it) by a correction notice. */
  correctNotice(noticeId: string, body: CorrectNoticeRequest): Observable<NoticeView> {
    return this.http.post<NoticeView>(`/api/notices/${id(noticeId)}/corrections`, body);
  }
  issueOneTimeNotification(projectId: string, body: IssueOneTimeNotificationRequest): Observable<NoticeSummary> {
    return this.http.post<NoticeSummary>(`/api/projects/${id(projectId)}/one-time-notification`, body);
  }
  issueReceipt(projectId: string, body: IssueReceiptRequest): Observable<IssuedReceipt> {
    return this.http.post<IssuedReceipt>(`/api/projects/${id(projectId)}/receipts`, body);
  }
  recordPickup(receiptId: string, body: RecordPickupRequest): Observable<NoticeSummary> {
    return this.http.post<NoticeSummary>(`/api/receipts/${id(receiptId)}/pickup`, body);
  }
  issuePermit(itemId: string): Observable<NoticeSummary> {
    return this.http.post<NoticeSummary>(`/api/items/${id(itemId)}/permit`, null);
  }
  reissueAccessCode(projectId: string): Observable<{ projectCode: string; accessCode: string }> {
    return this.http.post<{ projectCode: string; accessCode: string }>(`/api/projects/${id(projectId)}/access-code`, null);
  }

  trackers(): Observable<StaffMember[]> {
    return this.http.get<StaffMember[]>('/api/mega-trackers');
  }
  assignTracker(projectId: string, body: AssignTrackerRequest): Observable<BoardProject> {
    return this.http.post<BoardProject>(`/api/projects/${id(projectId)}/mega-tracker`, body);
  }
  recordForwarding(projectId: string, body: RecordForwardingRequest): Observable<BoardProject> {
    return this.http.post<BoardProject>(`/api/projects/${id(projectId)}/forwarding`, body);
  }

  projectStatus(body: ProjectStatusLookup): Observable<PublicProjectStatus> {
    return this.http.post<PublicProjectStatus>('/api/public/project-status', body);
  }
}

/** Where a document's PDF downloads from (a plain link: the browser saves it under its number). */
/** R17: the PDF in the reader's language (Chinese as issued, or English). */
export const pdfUrl = (noticeId: string, lang: DocumentLanguage = 'zh') =>
  `/api/notices/${id(noticeId)}/pdf${lang === 'zh' ? '' : `?lang=${lang}`}`;
