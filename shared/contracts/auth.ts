/** R1: the roles the hub knows. */
export const ROLES = ['admin', 'leader', 'window', 'liaison', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

/** The person behind a session, as the server and the client both see it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Set for liaisons only (R1: a liaison acts for exactly one department). */
  departmentId: string | null;
  /** The user must choose a new password before anything else (first login, after a reset). */
  mustChangePassword?: boolean;
  /** R1: the liaisons this user stands in for right now (deputy periods in force). */
  deputyFor?: DeputyGrant[];
}

/** R1: a deputy period in force: the deputy acts with the principal's department scope, for the principal. */
export interface DeputyGrant {
  principalId: string;
  principalName: string;
  departmentId: string;
  endsAt: string;
}

/** The problem type of every call refused until the user has chosen a new password. */
export const PASSWORD_CHANGE_REQUIRED = 'urn:hub:problem:password-change-required';

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}
