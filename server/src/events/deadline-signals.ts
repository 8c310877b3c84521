import { Injectable } from '@nestjs/common';

/** Tells this instance's engine that due instants changed, so it re-plans its next wake-up. */
@Injectable()
export class DeadlineSignals {
  private readonly listeners: (() => void)[] = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  deadlinesChanged(): void {
    for (const listener of this.listeners) listener();
  }
}
