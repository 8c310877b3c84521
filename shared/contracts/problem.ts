/** RFC 9457 problem details, as every error response carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The rule that refused the request (e.g. "R12"), where a rule refused it. */
  rule?: string;
  /** Field names at fault with their messages (validation errors). */
  errors?: { field: string; message: string }[];
}
