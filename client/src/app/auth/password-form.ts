import { passwordProblems } from '@hub/shared';
import type { TranslationKey } from '../core/i18n';

/** R1: the same password rules as the server, in the user's language, before the round trip. */
export function newPasswordError(username: string, password: string, repeat: string): TranslationKey | null {
  const problem = passwordProblems(username, password)[0];
  if (problem) return problem.message.includes('username') ? 'password.notUsername' : 'password.tooShort';
  return password === repeat ? null : 'password.mismatch';
}
