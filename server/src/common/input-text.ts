import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldProblem } from '@hub/shared';
import { badRequest } from './problem';

/** Deeper than any request the hub takes; far below what would overflow the stack in validation. */
export const MAX_INPUT_DEPTH = 32;

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string is not text PostgreSQL can store as it was sent (R26), or null. */
function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (a lone surrogate is not a character)';
  return null;
}

/** A key as it appears in a field path: control characters escaped so the path stays readable. */
const printable = (key: string) =>
  [...key]
    .map((c) => (c.length === 1 && (c < ' ' || LONE_SURROGATE.test(c)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
    .join('');

/**
 * R26: the first field of a decoded request (body, query or path parameter) that no handler can
 * take: nested deeper than MAX_INPUT_DEPTH, or a key or string with a NUL character or a lone
 * surrogate. Walks at most MAX_INPUT_DEPTH levels, so it never overflows the stack itself.
 */
export function inputProblem(value: unknown, path: string, depth = 0): FieldProblem | null {
  const field = path || 'body';
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field, code: 'field.unreadable', message: `${field} ${message}` } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_INPUT_DEPTH)
    return { field, code: 'field.too_deep', message: `${field} is nested deeper than ${MAX_INPUT_DEPTH} levels` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${printable(key)}` : printable(key);
    const keyMessage = textProblem(key);
    if (keyMessage) return { field: childPath, code: 'field.unreadable', message: `the field name ${keyMessage}` };
    const problem = inputProblem(child, childPath, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * The one place every route's input passes before validation (R26): runs first among the global
 * pipes, on the body, the query and each path parameter, and refuses with 400 naming the field.
 */
@Injectable()
export class InputTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = inputProblem(value, metadata.data ?? '');
    if (problem) throw badRequest(problem.field, problem.message, problem.code);
    return value;
  }
}
