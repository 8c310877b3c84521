import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue 15: a rule in `shared/domain` is the one implementation both sides run, so every rule it
 * exports is used by production code (server, client or another rule). These are the exports only
 * their own specs use, flagged: each is to be used where its rule is applied or removed. A new
 * one fails here.
 */
const UNUSED_BY_PRODUCTION = [
  'accountability/circulation.ts isQuarter',
  'calendar/calendar-admin.ts isWeekend',
  'calendar/deadline.ts dueInstantWithStops',
  'documents/notice-number.ts parseNoticeNumber',
  'documents/notice-number.ts serialProblems',
  'meetings/meeting-rules.ts boundedOpinionHistory',
  'meetings/meeting-rules.ts earliestBindingStart',
  'meetings/meeting-rules.ts wouldBeDeemed',
];

const ROOT = join(__dirname, '../..');
const DOMAIN = join(ROOT, 'shared/domain');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('shared/domain exports (issue 15)', () => {
  it('are used by production code, but for those flagged', () => {
    const production = ['server/src', 'client/src', 'shared'].flatMap((dir) => sources(join(ROOT, dir)));
    const texts = new Map(production.map((path) => [path, readFileSync(path, 'utf8')]));
    const unused: string[] = [];
    for (const file of sources(DOMAIN).filter((path) => !path.endsWith('index.ts'))) {
      const own = texts.get(file)!;
      for (const [, name] of own.matchAll(/^export (?:async )?(?:function|const|class|let) (\w+)/gm)) {
        const word = new RegExp(`\\b${name}\\b`);
        const usedInOwnFile = own.split(word).length > 2;
        const usedElsewhere = [...texts].some(([path, text]) => path !== file && word.test(text));
        if (!usedInOwnFile && !usedElsewhere) unused.push(`${relative(DOMAIN, file)} ${name}`);
      }
    }
    expect(unused.sort()).toEqual([...UNUSED_BY_PRODUCTION].sort());
  });
});
