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
}

export interface LoginRequest {
  username: string;
  password: string;
}
