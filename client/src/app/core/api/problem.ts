import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@hub/shared';

/** What a failed call means to a form: field messages plus one message for the rest. */
export interface FailedCall {
  status: number;
  /** Server message per field path, e.g. { 'owner.name': '…' }. */
  fields: Record<string, string>;
  /** Title/detail of the problem, or null when the server sent none (e.g. network down). */
  message: string | null;
}

/** Reads an RFC 9457 problem out of any HttpClient error; tolerates non-problem bodies. */
export function readProblem(error: unknown): FailedCall {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, fields: {}, message: null };
  }
  const body = parseBody(error.error);
  const fields: Record<string, string> = {};
  for (const e of body?.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue;
    // Several messages on one field: keep them all, one sentence after another.
    fields[e.field] = fields[e.field] ? `${fields[e.field]}；${e.message}` : e.message;
  }
  const message = body ? (body.detail ?? body.title ?? null) : null;
  return { status: error.status, fields, message };
}

function parseBody(raw: unknown): Partial<ProblemDetails> | null {
  if (raw && typeof raw === 'object') return raw as Partial<ProblemDetails>;
  if (typeof raw === 'string' && raw.startsWith('{')) {
    try {
      return JSON.parse(raw) as Partial<ProblemDetails>;
    } catch {
      return null;
    }
  }
  return null;
}
