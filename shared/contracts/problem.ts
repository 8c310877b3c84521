/** RFC 9457 problem details, as every error response carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  /**
   * What went wrong, as a stable machine code (a ProblemCode, e.g. "phone.invalid"): the client
   * shows its words in the user's language. A client meeting a code it does not know falls back
   * to the words of the status.
   */
  code: string;
  /** In English, for logs and other clients; the screen shows the code's words instead. */
  detail?: string;
  instance?: string;
  /** The rule that refused the request (e.g. "R12"), where a rule refused it. */
  rule?: string;
  /** Field names at fault with their codes, English messages and the data their words name (params). */
  errors?: { field: string; code: string; message: string; params?: Record<string, string> }[];
}
