import { backoffDelay, SweepLoop, type SweepLoopOptions } from '../src/database/sweep-loop';

/** The pure loop on fake timers: every wait is a timer the test advances, none is slept. */
describe('SweepLoop: the one background sweep loop (R14, R26)', () => {
  const backoff = { firstMs: 100, maxMs: 1000 };
  const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A loop whose passes are scripted: each pass takes the next outcome (ms to wait, or an error). */
  function scripted(outcomes: (number | Error)[], options: Partial<SweepLoopOptions> = {}) {
    const started: number[] = [];
    const errors: unknown[] = [];
    const loop = new SweepLoop({
      work: async () => {
        started.push(Date.now());
        const outcome = outcomes.shift() ?? 60_000;
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      intervalMs: 5000,
      onError: (error) => errors.push(error),
      backoff,
      random: () => 0.5,
      ...options,
    });
    return { loop, started, errors };
  }

  it('R26: the back-off doubles from the first wait to the cap, each drawn between half and all of it', () => {
    const whole = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, backoff, () => 0.999_999));
    expect(whole).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, backoff, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(1000, backoff, () => 0.5)).toBe(750);
  });

  it('R26: failed passes back off with growing waits, and one success brings back the planned timing', async () => {
    const t0 = Date.now();
    const { loop, started, errors } = scripted([lost, lost, lost, 300, 300]);
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(1);
    expect(loop.failing).toBe(1);
    // random 0.5: each wait is three quarters of 100, 200, 400 ms.
    await jest.advanceTimersByTimeAsync(75);
    await jest.advanceTimersByTimeAsync(150);
    await jest.advanceTimersByTimeAsync(300);
    expect(started.map((t) => t - t0)).toEqual([0, 75, 225, 525]);
    expect(loop.failing).toBe(0);
    await jest.advanceTimersByTimeAsync(300); // the work asked for 300 ms: no back-off left
    expect(started.map((t) => t - t0)).toEqual([0, 75, 225, 525, 825]);
    expect(errors).toEqual([]); // a lost database is the Database's to log, once per outage
    await loop.stop();
  });

  it('R26: an error that is not a lost database is reported, once per attempt, and also backs off', async () => {
    const bug = new Error('column "x" does not exist');
    const { loop, started, errors } = scripted([bug, bug]);
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(74);
    expect(started).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(2);
    expect(errors).toEqual([bug, bug]);
    await loop.stop();
  });

  it('R14: single flight: wakes during a pass run one more pass right after it, never two at once', async () => {
    let inFlight = 0;
    let most = 0;
    let passes = 0;
    const release: (() => void)[] = [];
    const loop = new SweepLoop({
      work: async () => {
        passes++;
        most = Math.max(most, ++inFlight);
        await new Promise<void>((r) => release.push(r));
        inFlight--;
        return 60_000;
      },
      intervalMs: 60_000,
      onError: () => undefined,
    });
    loop.wake();
    loop.wake();
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    release.shift()!();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(2); // the wakes during the first pass folded into one
    release.shift()!();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(2);
    expect(most).toBe(1);
    await loop.stop();
  });

  it('R14: the next pass comes when the work says, never later than the backstop interval', async () => {
    const t0 = Date.now();
    const { loop, started } = scripted([Infinity, 40]);
    loop.wake();
    await jest.advanceTimersByTimeAsync(5000);
    await jest.advanceTimersByTimeAsync(40);
    expect(started.map((t) => t - t0)).toEqual([0, 5000, 5040]);
    await loop.stop();
  });

  it('R14: the database answering again cuts a back-off short', async () => {
    const listeners: (() => void)[] = [];
    const { loop, started } = scripted([lost, lost, lost, lost, 60_000], {
      recovered: (l) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
    });
    loop.wake();
    await jest.advanceTimersByTimeAsync(75 + 150 + 300);
    expect(started).toHaveLength(4); // now waiting 600 ms
    listeners.forEach((l) => l());
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(5);
    listeners.forEach((l) => l()); // a healthy loop is not woken by it
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(5);
    await loop.stop();
    expect(listeners).toHaveLength(0);
  });

  it('R26: stop waits for the pass under way and nothing runs after it', async () => {
    let release!: () => void;
    let passes = 0;
    const loop = new SweepLoop({
      work: async () => {
        passes++;
        await new Promise<void>((r) => (release = r));
        return 10;
      },
      intervalMs: 10,
      onError: () => undefined,
    });
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    loop.wake();
    await jest.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
