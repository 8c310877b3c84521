/** PostgreSQL said one input's data is at fault (class 22 data exception, 23 integrity violation). */
function isInputFault(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return /^2[23]/.test(e?.driverError?.code ?? e?.code ?? '');
}

interface Waiting<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: what arrives while a batch is being written waits and is written with the next
 * batch, in its order of arrival, so many share one transaction, one lock and one durable commit
 * (issue 12). A lone arrival is written at once. When a batch fails on one input's data, each of
 * its inputs is written alone, so only that input is refused; any other failure (the database
 * gone) refuses the whole batch at once rather than input by input.
 */
export class GroupCommit<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private writing = false;

  constructor(
    /** Writes the inputs in one transaction; returns one output per input, in their order. */
    private readonly writeAll: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 100,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) await this.write(this.waiting.splice(0, this.maxBatch));
    this.writing = false;
  }

  private async write(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outs = await this.writeAll(batch.map((w) => w.input));
      batch.forEach((w, n) => w.resolve(outs[n]!));
    } catch (error) {
      if (batch.length > 1 && isInputFault(error)) {
        for (const one of batch) await this.write([one]);
      } else {
        for (const w of batch) w.reject(error);
      }
    }
  }
}
