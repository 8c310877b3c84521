import { DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { applyCardEntry, type BoardRowProject, type CardEntry, type PositionedBoard } from '@hub/shared';
import { loadable, type LoadingSource } from '../../ui/load-state';
import { LiveBoardService } from './live-board.service';

/** Entries about projects off the page come in bursts (an admission, a closing meeting): ask again once. */
const RELOAD_SETTLE_MS = 300;

/**
 * A few projects read from the server as of a stream position — a filtered page of the board (GET
 * /api/board/rows, filtered, sorted and paged in SQL) for the liaison's desk, the leader's inbox
 * projects — and kept live by the card stream (R25), instead of the whole board. An entry the page
 * can place moves it; one about a project off the page, or a gap in the stream, asks the server again.
 */
export class BoardRowsFeed<P extends BoardRowProject = BoardRowProject> implements LoadingSource {
  private readonly live = inject(LiveBoardService);
  private readonly page = loadable<PositionedBoard<P>>(() => this.fetch());
  /** Entries that came while a page was on its way: applied to it on arrival, in order. */
  private held: CardEntry[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  readonly phase = this.page.phase;
  readonly error = this.page.error;
  readonly rows = this.page.value;
  readonly projects = computed(() => this.page.value()?.projects ?? []);

  /**
   * fetch: asks the server for the projects (each time they are needed); mayJoin: whether an entry
   * about a project off the page may bring it in (so that the page is asked for again). Construct
   * in an injection context.
   */
  constructor(
    private readonly fetch: () => Promise<PositionedBoard<P>>,
    private readonly mayJoin: (entry: CardEntry) => boolean,
  ) {
    this.live.entries$.pipe(takeUntilDestroyed()).subscribe((entry) => this.receive(entry));
    inject(DestroyRef).onDestroy(() => this.reloadTimer && clearTimeout(this.reloadTimer));
  }

  /** The stream first (only its position: entries after the page's position then arrive), then the page. */
  async load(): Promise<void> {
    await this.live.start().catch(() => undefined); // a dead stream shows as "reconnecting" in the shell
    await this.page.load();
    const held = this.held;
    this.held = [];
    for (const entry of held) this.receive(entry);
  }

  private receive(entry: CardEntry): void {
    const page = this.page.value();
    if (!page || this.page.phase() === 'loading') {
      this.held.push(entry);
      return;
    }
    const { board, outcome } = applyCardEntry(page, entry, { onlyKnown: true });
    if (outcome === 'gap') {
      this.held.push(entry);
      void this.load();
    } else if (outcome === 'applied') {
      this.page.update(() => board);
      if (!page.projects.some((p) => p.id === entry.projectId) && this.mayJoin(entry)) this.reloadSoon();
    }
  }

  private reloadSoon(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.load();
    }, RELOAD_SETTLE_MS);
  }
}
