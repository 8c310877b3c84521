import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  DispositionRequest,
  FollowUpRequest,
  InquiryDetail,
  InquiryHistoryVerification,
  InquiryStatistics,
  InquiryView,
  RegisterInquiryRequest,
  ResponderCard,
  TransferTarget,
} from '@hub/shared';

const base = '/api/inquiries';
const at = (id: string, path = '') => `${base}/${encodeURIComponent(id)}${path}`;

/** The first-inquiry register's REST calls (R23, R24); shapes from @hub/shared contracts. */
@Injectable({ providedIn: 'root' })
export class InquiriesApi {
  private readonly http = inject(HttpClient);

  register(body: RegisterInquiryRequest): Observable<InquiryView> {
    return this.http.post<InquiryView>(base, body);
  }
  list(): Observable<InquiryView[]> {
    return this.http.get<InquiryView[]>(base);
  }
  detail(id: string): Observable<InquiryDetail> {
    return this.http.get<InquiryDetail>(at(id));
  }
  responder(): Observable<ResponderCard> {
    return this.http.get<ResponderCard>(`${base}/responder`);
  }
  transferTargets(): Observable<TransferTarget[]> {
    return this.http.get<TransferTarget[]>(`${base}/transfer-targets`);
  }
  dispose(id: string, body: DispositionRequest): Observable<InquiryView> {
    return this.http.post<InquiryView>(at(id, '/disposition'), body);
  }
  acknowledge(id: string): Observable<InquiryView> {
    return this.http.post<InquiryView>(at(id, '/acknowledgement'), null);
  }
  remind(id: string, note: string): Observable<InquiryView> {
    return this.http.post<InquiryView>(at(id, '/reminder'), { note });
  }
  followUp(id: string, body: FollowUpRequest): Observable<InquiryView> {
    return this.http.post<InquiryView>(at(id, '/follow-up'), body);
  }
  linkProject(id: string, projectId: string): Observable<InquiryView> {
    return this.http.post<InquiryView>(at(id, '/project'), { projectId });
  }
  verify(id: string): Observable<InquiryHistoryVerification> {
    return this.http.get<InquiryHistoryVerification>(at(id, '/history/verification'));
  }
  statistics(from: string, to: string): Observable<InquiryStatistics> {
    return this.http.get<InquiryStatistics>(`${base}/statistics`, { params: new HttpParams().set('from', from).set('to', to) });
  }
  /** The CSV export is a plain download link (the browser saves it with its filename). */
  statisticsCsvUrl(from: string, to: string): string {
    return `${base}/statistics/csv?${new HttpParams().set('from', from).set('to', to).toString()}`;
  }
}
