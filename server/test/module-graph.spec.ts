import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Issue 15: the capability import graph of server/src may only get better. Each two-way pair left
 * is named (and justified) in the README's "How it fits together"; a new one fails here.
 */
const NAMED_PAIRS = ['approvals ⇄ projects', 'card ⇄ projects'];

describe('the server module graph (issue 15)', () => {
  it('has no two-way capability pair but those the README names', () => {
    const script = join(__dirname, '../scripts/module-graph.mjs');
    const { pairs } = JSON.parse(execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8' })) as { pairs: string[] };
    expect(pairs.filter((pair) => !NAMED_PAIRS.includes(pair))).toEqual([]);
  });
});
