import { passwordProblems } from '@hub/shared';
import type { TranslationKey } from '../core/i18n';
import { problemKey } from '../core/api/problem';

/** R1: the same password rules as the server, with the same words (its codes), before the round trip. */
export function newPasswordError(username: string, password: string, repeat: string): TranslationKey | null {
  const problem = passwordProblems(username, password)[0];
  if (problem) return problemKey(problem.code);
  return password === repeat ? null : 'password.mismatch';
}
