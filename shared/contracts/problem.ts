/** RFC 9457 problem details, as every error response carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field names at fault with their messages (validation errors). */
  errors?: { field: string; message: string }[];
  /** The rule that refused the request (e.g. "R15a"), when a rule did. */
  rule?: string;
}
