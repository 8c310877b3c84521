import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODES, PROBLEM_WORDS, isProblemCode, problemDictionary, statusProblemCode } from './problem-codes';
import { IllegalTransitionError } from '../approval/item-transitions';
import { ITEM_EVENTS } from '../approval/item-status';

const HAN = /\p{Script=Han}/u;

/** Every non-test source file of the domain. */
function domainSources(dir = join(__dirname, '..')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return domainSources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('problem codes (issue 14: server errors in the user language)', () => {
  it('every code has words in Chinese and in English, each in its own language', () => {
    for (const code of PROBLEM_CODES) {
      const { zh, en } = PROBLEM_WORDS[code];
      expect({ code, zh: zh.trim() !== '' && HAN.test(zh) }).toEqual({ code, zh: true });
      expect({ code, en: en.trim() !== '' && !HAN.test(en) }).toEqual({ code, en: true });
    }
  });

  it('no two codes say the same words, so a screen never shows one message for two problems', () => {
    for (const lang of ['zh', 'en'] as const) {
      const words = PROBLEM_CODES.map((code) => PROBLEM_WORDS[code][lang]);
      expect(words.filter((w, i) => words.indexOf(w) !== i)).toEqual([]);
    }
  });

  it('every code the domain writes is in the catalogue (missing-key check over the rule sources)', () => {
    // A code is written after `code` (`code: '…'`, a ternary of two) or as the code argument of a problem helper.
    const written = new Set<string>();
    for (const file of domainSources()) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const at = line.search(/\bcode\b|r10a\(|\bat\(/);
        if (at < 0) continue;
        for (const match of line.slice(at).matchAll(/'([a-z_]+\.[a-z_]+)'/g)) written.add(match[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(80);
    expect([...written].filter((code) => !isProblemCode(code))).toEqual([]);
  });

  it('R10/R14: every event the item state machine can refuse names a catalogued code', () => {
    for (const event of ITEM_EVENTS) expect(isProblemCode(new IllegalTransitionError('withdrawn', event).code)).toBe(true);
    expect(new IllegalTransitionError('in_review', 'accept').code).toBe('item.not_pending');
  });

  it('each status falls back to a catalogued generic problem', () => {
    expect([400, 401, 403, 404, 409, 413, 418, 429, 500, 503].map(statusProblemCode)).toEqual([
      'request.invalid',
      'request.unauthenticated',
      'request.forbidden',
      'request.not_found',
      'request.conflict',
      'request.too_large',
      'request.invalid',
      'request.too_many',
      'request.failed',
      'request.unavailable',
    ]);
  });

  it('the dictionaries hold every code under problem.<code>, and nothing else', () => {
    for (const lang of ['zh', 'en'] as const) {
      const dictionary: Record<string, string> = problemDictionary(lang);
      expect(Object.keys(dictionary).sort()).toEqual(PROBLEM_CODES.map((c) => `problem.${c}`).sort());
      expect(dictionary['problem.phone.invalid']).toBe(PROBLEM_WORDS['phone.invalid'][lang]);
    }
  });
});
