import { HttpErrorResponse } from '@angular/common/http';
import { isProblemCode, statusProblemCode, type ProblemCode, type ProblemDetails } from '@hub/shared';
import type { I18nService, TranslationKey } from '../i18n';

/** What a failed call means to a form, in the user's language (issue 14): never the server's English. */
export interface FailedCall {
  status: number;
  /** The problem's stable code, or null when the server sent no problem. */
  code: string | null;
  /** Words per field path, e.g. { 'owner.contactPhone': '联系电话格式不正确…' }; each message once. */
  fields: Record<string, string>;
  /** The problem as a whole, or null when the server sent none (e.g. network down). */
  message: string | null;
}

type Translator = Pick<I18nService, 't'>;

/** The dictionary key of a code's words (the browser's own checks name the same codes as the server). */
export const problemKey = (code: ProblemCode): TranslationKey => `problem.${code}`;

/** The words of a code the hub knows (its placeholders filled from params), or null (a newer server's code, or none). */
export function problemWords(code: unknown, i18n: Translator, params?: Record<string, string>): string | null {
  return isProblemCode(code) ? i18n.t(problemKey(code), params) : null;
}

/**
 * Reads an RFC 9457 problem out of any HttpClient error; tolerates non-problem bodies. Codes map to
 * the dictionaries; an unknown code falls back to the words of its status (a problem) or "this value
 * is not valid" (a field) — the English `detail` and `message` are never shown.
 */
export function readProblem(error: unknown, i18n: Translator): FailedCall {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, code: null, fields: {}, message: null };
  }
  const body = parseBody(error.error);
  if (!body) return { status: error.status, code: null, fields: {}, message: null };
  const fields: Record<string, string> = {};
  for (const e of body.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue;
    const words = problemWords(e.code, i18n, e.params) ?? i18n.t('problem.field.invalid');
    const known = fields[e.field];
    // Several problems on one field: each said once, one sentence after another.
    fields[e.field] = !known ? words : known.split('；').includes(words) ? known : `${known}；${words}`;
  }
  const status = typeof body.status === 'number' ? body.status : error.status;
  const params = body.errors?.find((e) => e?.code === body.code)?.params;
  const message = problemWords(body.code, i18n, params) ?? i18n.t(`problem.${statusProblemCode(status)}`);
  return { status: error.status, code: typeof body.code === 'string' ? body.code : null, fields, message };
}

/** The problem and its fields as one list to show in one place, each message once. */
export function problemMessages(problem: FailedCall): string[] {
  return [...new Set([problem.message, ...Object.values(problem.fields)].filter((m): m is string => !!m))];
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
