import { GroupCommit } from '../src/common/group-commit';

/** A writer that records each batch it was given and finishes it when told. */
function writer(fail?: (inputs: number[]) => unknown) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const writeAll = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(inputs);
      pending.push(() => {
        const error = fail?.(inputs);
        if (error) reject(error);
        else resolve(inputs.map((n) => `#${n}`));
      });
    });
  /** Finishes the oldest unfinished batch, then lets the group commit go on. */
  const finish = async () => {
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, writeAll, finish };
}

const settled = (promises: Promise<string>[]) => Promise.allSettled(promises);

describe('group commit: what arrives together is written together, in order (issue 12)', () => {
  it('R25: a lone arrival is written at once; what arrives meanwhile is written next as one batch, in order of arrival', async () => {
    const w = writer();
    const group = new GroupCommit(w.writeAll);
    const first = group.submit(1);
    const rest = [2, 3, 4].map((n) => group.submit(n));
    expect(w.batches).toEqual([[1]]);
    await w.finish();
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    await w.finish();
    expect(await first).toBe('#1');
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4']);
  });

  it('R25: a batch holds at most its limit; the rest wait for the next', async () => {
    const w = writer();
    const group = new GroupCommit(w.writeAll, 2);
    const all = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    for (let n = 0; n < 3; n++) await w.finish();
    expect(w.batches).toEqual([[1], [2, 3], [4, 5]]);
    expect(await Promise.all(all)).toEqual(['#1', '#2', '#3', '#4', '#5']);
  });

  it("R4a: a batch failing on one input's data is written input by input, so only that input is refused", async () => {
    const taken = Object.assign(new Error('duplicate key'), { code: '23505' });
    const w = writer((inputs) => (inputs.includes(3) ? taken : undefined));
    const group = new GroupCommit(w.writeAll);
    const outcomes = settled([1, 2, 3, 4].map((n) => group.submit(n)));
    for (let n = 0; n < 5; n++) await w.finish();
    expect(w.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    const [, , refused, ...rest] = await outcomes;
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((refused as PromiseRejectedResult).reason).toBe(taken);
    expect(rest).toEqual([{ status: 'fulfilled', value: '#4' }]);
  });

  it('R26: any other failure (the database gone) refuses the whole batch at once, not input by input', async () => {
    const gone = Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });
    const w = writer((inputs) => (inputs.length > 1 ? gone : undefined));
    const group = new GroupCommit(w.writeAll);
    const outcomes = settled([1, 2, 3].map((n) => group.submit(n)));
    await w.finish();
    await w.finish();
    expect(w.batches).toEqual([[1], [2, 3]]);
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    // The group commit goes on after a failure.
    const later = group.submit(9);
    await w.finish();
    expect(await later).toBe('#9');
  });
});
