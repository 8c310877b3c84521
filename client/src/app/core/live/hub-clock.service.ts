import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * The hub's clock as seen from the browser. The server (database) clock is the
 * one that decides deadlines and may differ from this machine's — tests even move
 * it forward — so countdowns use Date.now() + offset, with the offset taken from a
 * board snapshot's serverNow.
 */
@Injectable({ providedIn: 'root' })
export class HubClock {
  private offsetMs = 0;
  /** Hub time in epoch milliseconds, ticking once a second. */
  readonly now = signal(Date.now());

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now() + this.offsetMs), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /**
   * Align with the server: `serverNow` was read somewhere between the request
   * leaving (sentAt) and the answer arriving (receivedAt); assume the middle.
   */
  sync(serverNow: string, sentAt: number, receivedAt: number): void {
    const server = Date.parse(serverNow);
    if (Number.isNaN(server)) return;
    this.offsetMs = server - (sentAt + receivedAt) / 2;
    this.now.set(Date.now() + this.offsetMs);
  }

  /**
   * A card entry is stamped with the hub clock when it commits, so the hub is at least
   * that late now: move forward when an entry proves we are behind (never backwards).
   */
  observe(stampedAt: string): void {
    const stamped = Date.parse(stampedAt);
    if (Number.isNaN(stamped) || stamped <= Date.now() + this.offsetMs) return;
    this.offsetMs = stamped - Date.now();
    this.now.set(stamped);
  }
}
