import { SharedReads } from './board-query.service';

describe('SharedReads (the board reads the stream head once for the requests arriving together)', () => {
  it('R25: a request arriving while a read is under way takes the next read, never the one under way, and the requests waiting share it', async () => {
    let value = 0;
    const releases: (() => void)[] = [];
    const reads = new SharedReads(() => new Promise<number>((resolve) => releases.push(() => resolve(++value))));
    const first = reads.read();
    const later = [reads.read(), reads.read(), reads.read()];
    expect(releases).toHaveLength(1);
    releases[0]!();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2);
    releases[1]!();
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
  });

  it('a failed read fails its own requests only; the waiting ones get a new read', async () => {
    let calls = 0;
    const reads = new SharedReads(async () => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return calls;
    });
    const first = reads.read();
    const waiting = reads.read();
    await expect(first).rejects.toThrow('connection lost');
    expect(await waiting).toBe(2);
  });
});
