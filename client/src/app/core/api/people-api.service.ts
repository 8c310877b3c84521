import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ChangePasswordRequest,
  CreateUserRequest,
  DepartmentAdminView,
  DeputiesOverview,
  DeputyView,
  NameDeputyRequest,
  OneTimePasswordResult,
  PeopleImportPreview,
  PeopleImportResult,
  SaveDepartmentRequest,
  SessionUser,
  UpdateUserContactRequest,
  UserView,
} from '@hub/shared';

const id = (value: string) => encodeURIComponent(value);

/** R1: departments, people, deputies and passwords; shapes from @hub/shared contracts. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  departments(): Observable<DepartmentAdminView[]> {
    return this.http.get<DepartmentAdminView[]>('/api/admin/departments');
  }
  createDepartment(body: SaveDepartmentRequest): Observable<DepartmentAdminView> {
    return this.http.post<DepartmentAdminView>('/api/admin/departments', body);
  }
  updateDepartment(departmentId: string, body: SaveDepartmentRequest): Observable<DepartmentAdminView> {
    return this.http.patch<DepartmentAdminView>(`/api/admin/departments/${id(departmentId)}`, body);
  }
  deactivateDepartment(departmentId: string): Observable<DepartmentAdminView> {
    return this.http.post<DepartmentAdminView>(`/api/admin/departments/${id(departmentId)}/deactivation`, null);
  }

  users(): Observable<UserView[]> {
    return this.http.get<UserView[]>('/api/admin/users');
  }
  createUser(body: CreateUserRequest): Observable<OneTimePasswordResult> {
    return this.http.post<OneTimePasswordResult>('/api/admin/users', body);
  }
  resetPassword(userId: string): Observable<OneTimePasswordResult> {
    return this.http.post<OneTimePasswordResult>(`/api/admin/users/${id(userId)}/password-reset`, null);
  }
  deactivateUser(userId: string): Observable<UserView> {
    return this.http.post<UserView>(`/api/admin/users/${id(userId)}/deactivation`, null);
  }
  reactivateUser(userId: string): Observable<UserView> {
    return this.http.post<UserView>(`/api/admin/users/${id(userId)}/reactivation`, null);
  }
  /** R27: a person's e-mail and mobile, set by the admin. */
  updateContact(userId: string, body: UpdateUserContactRequest): Observable<UserView> {
    return this.http.patch<UserView>(`/api/admin/users/${id(userId)}/contact`, body);
  }
  previewImport(content: string): Observable<PeopleImportPreview> {
    return this.http.post<PeopleImportPreview>('/api/admin/people-import/preview', { content });
  }
  import(content: string): Observable<PeopleImportResult> {
    return this.http.post<PeopleImportResult>('/api/admin/people-import', { content });
  }

  deputies(): Observable<DeputiesOverview> {
    return this.http.get<DeputiesOverview>('/api/deputies');
  }
  nameDeputy(body: NameDeputyRequest): Observable<DeputyView> {
    return this.http.post<DeputyView>('/api/deputies', body);
  }

  endDeputy(deputyId: string): Observable<DeputyView> {
    return this.http.post<DeputyView>(`/api/deputies/${id(deputyId)}/end`, null);
  }

  changePassword(body: ChangePasswordRequest): Observable<SessionUser> {
    return this.http.post<SessionUser>('/api/auth/password', body);
  }
  setup(token: string, newPassword: string): Observable<void> {
    return this.http.post<void>('/api/setup', { token, newPassword });
  }
}
