import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  opinionError,
  itemUndecided,
  opposedInRoom,
  OPINION_KINDS,
  type Department,
  type MeetingOpinion,
  type MeetingOnline,
  type MeetingView,
  type OpinionKind,
  type RollEntry,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, closeOutcomeKey, meetingKindKey, meetingStatusKey, opinionKey, rollStateKey } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { RectificationsComponent } from '../inspections/rectifications.component';
import { LoadStateComponent, loadingSourceOf } from '../ui/load-state';

type LoadState = 'loading' | 'loaded' | 'not_found' | 'error';

/**
 * R19: the live co-review room. Who is present, expected and absent (durable attendance, from the
 * server) with who is online now (live, best effort); opinions as they are given (R18); the
 * convener's controls (open, mark present in person, conclusion, close → R15); for a site
 * inspection, findings and rectifications (R20). Every change arrives pushed as `meeting:room`;
 * a newer card entry of this project than the view makes the page ask again (missed pushes).
 */
@Component({
  selector: 'hub-meeting-room-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, RectificationsComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hub-load-state [of]="loading" testId="room" />
    @switch (state()) {
      @case ('not_found') {
        <p class="card">
          {{ 'project.notFound' | t }} <a routerLink="/meetings">{{ 'room.back' | t }}</a>
        </p>
      }
      @case ('loaded') {
        @if (view(); as m) {
          <div class="page-head">
            <div>
              <p class="breadcrumb">
                <a routerLink="/meetings">{{ 'room.back' | t }}</a> ·
                <a [routerLink]="['/projects', m.projectId]">{{ m.projectCode }} {{ m.projectName }}</a>
              </p>
              <h1 data-testid="room-title">
                <span class="meeting-kind">{{ kindKey(m.kind) | t }}</span> {{ m.title }}
              </h1>
            </div>
            <p class="project-status-pill" data-testid="room-status" [attr.data-status]="m.status">{{ statusKey(m.status) | t }}</p>
          </div>

          <div class="card">
            <dl class="facts">
              <div>
                <dt>{{ 'meetings.when' | t }}</dt>
                <dd>{{ m.startsAt | hubTime }} – {{ m.endsAt | hubTime }}</dd>
              </div>
              <div>
                <dt>{{ 'meetings.where' | t }}</dt>
                <dd>{{ m.online ? ('meetings.online' | t) : '' }} {{ m.place ?? '' }}</dd>
              </div>
              <div>
                <dt>{{ 'room.convenedBy' | t }}</dt>
                <dd>{{ m.convenedBy.displayName }}</dd>
              </div>
              @if (m.agenda) {
                <div>
                  <dt>{{ 'room.agenda' | t }}</dt>
                  <dd class="pre">{{ m.agenda }}</dd>
                </div>
              }
              @if (m.conclusion) {
                <div>
                  <dt>{{ 'room.conclusion' | t }}</dt>
                  <dd data-testid="room-conclusion">{{ m.conclusion }}</dd>
                </div>
              }
              @if (m.findings) {
                <div>
                  <dt>{{ 'room.findings' | t }}</dt>
                  <dd>{{ m.findings }}</dd>
                </div>
              }
            </dl>
            <div aria-live="polite">
              @switch (m.status) {
                @case ('scheduled') {
                  <p class="alert">{{ 'room.notOpen' | t }}</p>
                }
                @case ('closed') {
                  <p class="alert" data-testid="room-closed">{{ 'room.closedNotice' | t }}</p>
                }
                @case ('lapsed') {
                  <p class="alert">{{ 'room.lapsedNotice' | t }}</p>
                }
              }
            </div>
            @if (canManage() && m.status === 'scheduled') {
              <button type="button" class="button-primary" data-testid="room-open" [disabled]="busy()" (click)="open()">
                {{ 'room.open' | t }}
              </button>
            }
            @if (actionError(); as e) {
              <p class="field-error" role="alert" data-testid="room-error">{{ e }}</p>
            }
          </div>

          <div class="detail-grid">
            <section class="card roll" aria-labelledby="roll-title">
              <h2 id="roll-title">{{ 'room.present' | t }} / {{ 'room.expected' | t }} / {{ 'room.absent' | t }}</h2>
              <p class="muted small" aria-live="polite" data-testid="room-online">
                {{ 'room.online.count' | t: { n: online().departmentIds.length, o: online().observers } }}
              </p>
              @for (group of groups(); track group.key) {
                <h3>{{ group.label | t }} ({{ group.entries.length }})</h3>
                <ul [attr.data-testid]="'roll-' + group.key" aria-live="polite" class="roll-list">
                  @for (r of group.entries; track r.departmentId) {
                    <li
                      [attr.data-testid]="'roll-' + code(r.departmentId)"
                      [attr.data-state]="r.state"
                      [attr.data-online]="isOnline(r.departmentId)"
                    >
                      <span class="live-dot" [class.is-live]="isOnline(r.departmentId)" aria-hidden="true"></span>
                      {{ name(r.departmentId) }}
                      <span class="visually-hidden">{{ (isOnline(r.departmentId) ? 'room.online' : 'room.offline') | t }}</span>
                      @if (r.state === 'excused' || r.state === 'held' || r.state === 'late') {
                        <span class="muted small">{{ rollKey(r.state) | t }}</span>
                      }
                      @if (r.presentAt) {
                        <span class="muted small">{{ r.presentAt | hubTime }}</span>
                      }
                      @if (m.status === 'closed' && r.outcome) {
                        <span
                          class="small"
                          [class.room-outcome-deemed]="r.outcome === 'deemed'"
                          [attr.data-testid]="'outcome-' + code(r.departmentId)"
                          [attr.data-outcome]="r.outcome"
                        >
                          · {{ outcomeKey(r.outcome) | t }}
                        </span>
                      }
                      @if (r.noticeNumber) {
                        <a class="small" [attr.data-testid]="'notice-' + code(r.departmentId)" [routerLink]="['/projects', m.projectId]">{{
                          r.noticeNumber
                        }}</a>
                      }
                      @if (r.lateExcuse) {
                        <span class="muted small">{{ 'room.lateExcused' | t: { reason: r.lateExcuse } }}</span>
                      }
                      @if (!r.noticeGiven) {
                        <span class="muted small" [attr.data-testid]="'notice-short-' + code(r.departmentId)">{{
                          'room.noticeShort' | t
                        }}</span>
                      }
                      @if (canManage() && m.status === 'open' && r.state === 'expected') {
                        <button
                          type="button"
                          class="button-quiet"
                          [attr.data-testid]="'mark-present-' + code(r.departmentId)"
                          [disabled]="busy()"
                          (click)="markPresent(r.departmentId)"
                        >
                          {{ 'room.markPresent' | t }}
                        </button>
                      }
                    </li>
                  }
                </ul>
              }
            </section>

            <section class="card" aria-labelledby="opinions-title">
              <h2 id="opinions-title">{{ 'room.opinions' | t }}</h2>
              <ul class="opinion-list" aria-live="polite" data-testid="opinions">
                @for (o of m.opinions; track o.departmentId) {
                  <li [attr.data-testid]="'opinion-' + code(o.departmentId)" [attr.data-kind]="o.kind">
                    <strong>{{ name(o.departmentId) }}</strong>：{{ opinionLabel(o.kind) | t }}
                    @if (o.conditions) {
                      — {{ o.conditions }}
                    }
                    @if (o.basis) {
                      — {{ o.basis }}
                    }
                    @if (o.version > 1) {
                      <span class="muted small">{{ 'room.version' | t: { v: o.version } }}</span>
                    }
                    @if (opposed().includes(o.departmentId)) {
                      <!-- R18: not the item's decision: shown until the department decides its item. -->
                      <div class="small held-note" [attr.data-testid]="'opposed-' + code(o.departmentId)">
                        {{ 'opposed.room' | t: { dept: name(o.departmentId) } }}
                      </div>
                    }
                    @if (earlierVersions(m, o.departmentId); as earlier) {
                      @if (earlier.length > 0) {
                        <details class="small" [attr.data-testid]="'opinion-history-' + code(o.departmentId)">
                          <summary>{{ 'opposed.history' | t: { n: earlier.length, total: o.version } }}</summary>
                          <ol>
                            @for (h of earlier; track h.version) {
                              <li>
                                {{ 'room.version' | t: { v: h.version } }}：{{ opinionLabel(h.kind) | t }}
                                @if (h.conditions) {
                                  — {{ h.conditions }}
                                }
                                @if (h.basis) {
                                  — {{ h.basis }}
                                }
                              </li>
                            }
                          </ol>
                        </details>
                      }
                    }
                  </li>
                } @empty {
                  <li class="muted">{{ 'room.noOpinions' | t }}</li>
                }
              </ul>
              @if (canOpine()) {
                <form (submit)="giveOpinion($event)" novalidate data-testid="opinion-form" aria-labelledby="your-opinion">
                  <h3 id="your-opinion">{{ 'room.yourOpinion' | t }}</h3>
                  <div class="field">
                    <label for="opinion-kind">{{ 'room.opinionKind' | t }}</label>
                    <select id="opinion-kind" data-testid="opinion-kind" (change)="pickOpinion($any($event.target).value)">
                      <!-- R18: nothing preselected — a department states its opinion itself (issue 14). -->
                      <option value="" [selected]="opinionKind() === null">{{ 'items.choose' | t }}</option>
                      @for (k of opinionKinds; track k) {
                        <option [value]="k" [selected]="k === opinionKind()">{{ opinionLabel(k) | t }}</option>
                      }
                    </select>
                  </div>
                  @if (opinionKind() === 'agree_with_conditions') {
                    <div class="field">
                      <label for="opinion-conditions">{{ 'room.conditions' | t }}</label>
                      <textarea
                        id="opinion-conditions"
                        rows="2"
                        data-testid="opinion-conditions"
                        [value]="conditions()"
                        (input)="conditions.set($any($event.target).value)"
                      ></textarea>
                    </div>
                  }
                  @if (opinionKind() === 'disagree') {
                    <div class="field">
                      <label for="opinion-basis">{{ 'room.basis' | t }}</label>
                      <textarea
                        id="opinion-basis"
                        rows="2"
                        data-testid="opinion-basis"
                        [value]="basis()"
                        (input)="basis.set($any($event.target).value)"
                      ></textarea>
                    </div>
                  }
                  @if (opinionProblem(); as e) {
                    <p class="field-error" data-testid="field-error">{{ e }}</p>
                  }
                  <button type="submit" class="button-primary" data-testid="opinion-submit" [disabled]="busy()">
                    {{ 'room.give' | t }}
                  </button>
                </form>
              }
            </section>
          </div>

          @if (m.kind === 'site_inspection') {
            <div class="card">
              <hub-rectifications [meeting]="m" [departments]="departments.byId()" [canManage]="canManage()" (changed)="apply($event)" />
            </div>
          }

          @if (m.status === 'open' && canManage() && !canClose()) {
            <!-- R15a: the lead liaison runs the meeting and proposes its close; the window or a leader closes. -->
            <div class="card" data-testid="propose-close">
              <p class="muted">{{ 'room.proposeOnly' | t }}</p>
              @if (m.closeProposedAt) {
                <p class="alert" data-testid="close-proposed">{{ 'room.proposed' | t: { time: (m.closeProposedAt | hubTime) } }}</p>
              } @else {
                <button
                  type="button"
                  class="button-secondary"
                  data-testid="room-propose-close"
                  [disabled]="busy()"
                  (click)="proposeClose()"
                >
                  {{ 'room.propose' | t }}
                </button>
              }
            </div>
          }

          @if (canClose() && m.status === 'open') {
            <form class="card" (submit)="review($event)" novalidate data-testid="close-form">
              @if (m.closeProposedAt) {
                <p class="alert" data-testid="close-proposed">{{ 'room.proposed' | t: { time: (m.closeProposedAt | hubTime) } }}</p>
              }
              <p class="muted small" data-testid="closable-from">
                {{ 'room.closableFrom' | t: { n: m.graceMinutes, time: (m.closableFrom | hubTime) } }}
              </p>
              <div class="field">
                <label for="room-conclusion">{{ 'room.conclusion' | t }}</label>
                <textarea
                  id="room-conclusion"
                  rows="3"
                  data-testid="room-conclusion-input"
                  [value]="conclusion()"
                  (input)="conclusion.set($any($event.target).value); preview.set(null)"
                ></textarea>
              </div>
              @if (m.kind === 'site_inspection') {
                <div class="field">
                  <label for="room-findings">{{ 'room.findings' | t }}</label>
                  <textarea
                    id="room-findings"
                    rows="3"
                    data-testid="room-findings-input"
                    [value]="findings()"
                    (input)="findings.set($any($event.target).value)"
                  ></textarea>
                </div>
              }
              <!-- R15a: each late arrival is counted absent unless the closer excuses it with a reason; no answer is preselected. -->
              @for (r of lateEntries(); track r.departmentId) {
                <fieldset class="field" [attr.data-testid]="'late-' + code(r.departmentId)">
                  <legend>{{ 'room.lateExcuse.question' | t: { dept: name(r.departmentId) } }}</legend>
                  <label>
                    <input
                      type="radio"
                      [name]="'late-' + r.departmentId"
                      value="absent"
                      [checked]="lateChoice(r.departmentId) === 'absent'"
                      (change)="chooseLate(r.departmentId, 'absent')"
                      [attr.data-testid]="'late-absent-' + code(r.departmentId)"
                    />
                    {{ 'room.lateExcuse.absent' | t }}
                  </label>
                  <label>
                    <input
                      type="radio"
                      [name]="'late-' + r.departmentId"
                      value="excuse"
                      [checked]="lateChoice(r.departmentId) === 'excuse'"
                      (change)="chooseLate(r.departmentId, 'excuse')"
                      [attr.data-testid]="'late-excuse-' + code(r.departmentId)"
                    />
                    {{ 'room.lateExcuse.excuse' | t }}
                  </label>
                  @if (lateChoice(r.departmentId) === 'excuse') {
                    <label [for]="'late-reason-' + r.departmentId">{{ 'room.lateExcuse.reason' | t }}</label>
                    <input
                      type="text"
                      [id]="'late-reason-' + r.departmentId"
                      [value]="lateReason(r.departmentId)"
                      (input)="setLateReason(r.departmentId, $any($event.target).value)"
                      [attr.data-testid]="'late-reason-' + code(r.departmentId)"
                    />
                  }
                </fieldset>
              }
              @if (preview(); as p) {
                <div class="alert alert-error" role="alertdialog" aria-live="assertive" data-testid="close-confirm">
                  <p data-testid="close-consequence">
                    @if (p.deemed.length) {
                      {{ 'room.confirm.deemed' | t: { list: p.deemed } }}
                    } @else {
                      {{ 'room.confirm.none' | t }}
                    }
                  </p>
                  <button type="button" class="button-danger" data-testid="room-close-confirm" [disabled]="busy()" (click)="close()">
                    {{ (busy() ? 'room.closing' : 'room.confirm.go') | t }}
                  </button>
                  <button type="button" class="button-quiet" data-testid="room-close-cancel" (click)="preview.set(null)">
                    {{ 'room.confirm.cancel' | t }}
                  </button>
                </div>
              } @else {
                @if (!lateAnswered()) {
                  <p class="muted small">{{ 'room.chooseLate' | t }}</p>
                }
                <button
                  type="submit"
                  class="button-danger"
                  data-testid="room-close"
                  [disabled]="busy() || !conclusion().trim() || !lateAnswered()"
                >
                  {{ 'room.review' | t }}
                </button>
              }
            </form>
          }
        }
      }
    }
  `,
})
export class MeetingRoomPage {
  private readonly api = inject(ApiService);
  private readonly live = inject(LiveBoardService);
  private readonly session = inject(SessionStore);
  protected readonly departments = inject(DepartmentsStore);
  protected readonly i18n = inject(I18nService);

  /** Route parameter :id. */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly errorMessage = signal<string | null>(null);
  protected readonly loading = loadingSourceOf(this.state, this.errorMessage, () => this.load(this.id()));
  protected readonly view = signal<MeetingView | null>(null);
  protected readonly online = signal<MeetingOnline>({ meetingId: '', departmentIds: [], observers: 0 });
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  protected readonly opinionKind = signal<OpinionKind | null>(null);
  protected readonly conditions = signal('');
  protected readonly basis = signal('');
  protected readonly opinionProblem = signal<string | null>(null);
  protected readonly conclusion = signal('');
  protected readonly findings = signal('');
  /** R15a: the closer's explicit answer per late department (none preselected) and the reasons. */
  private readonly lateChoices = signal<ReadonlyMap<string, 'absent' | 'excuse'>>(new Map());
  private readonly lateReasons = signal<ReadonlyMap<string, string>>(new Map());
  /** The consequence the closer confirms: the departments the close will deem to consent. */
  protected readonly preview = signal<{ deemed: string } | null>(null);
  protected readonly outcomeKey = closeOutcomeKey;

  protected readonly kindKey = meetingKindKey;
  protected readonly statusKey = meetingStatusKey;
  protected readonly rollKey = rollStateKey;
  protected readonly opinionLabel = opinionKey;
  protected readonly opinionKinds = OPINION_KINDS;

  protected readonly canClose = computed(() => this.session.can('meeting.close'));
  /** R18: departments whose current opinion disagrees and whose item is not decided yet. */
  protected readonly opposed = computed(() => {
    const m = this.view();
    if (!m) return [];
    // The live board knows at once when a department decides; the room view until its next push.
    const project = this.live.projects().find((p) => p.id === m.projectId);
    const undecided = project ? project.items.filter((i) => itemUndecided(i.status)).map((i) => i.departmentId) : m.undecidedDepartmentIds;
    return opposedInRoom(m.opinions, undecided);
  });
  protected readonly lateEntries = computed(() => (this.view()?.roll ?? []).filter((r) => r.state === 'late'));
  protected readonly lateAnswered = computed(() =>
    this.lateEntries().every((r) => {
      const choice = this.lateChoices().get(r.departmentId);
      return choice === 'absent' || (choice === 'excuse' && (this.lateReasons().get(r.departmentId) ?? '').trim() !== '');
    }),
  );
  protected readonly canManage = computed(() => {
    const m = this.view();
    return m !== null && this.session.can('meeting.manage', { departmentId: m.convenerDepartmentId ?? undefined });
  });
  private readonly myDepartment = computed(() => this.session.user()?.departmentId ?? null);
  private readonly invited = computed(() => {
    const m = this.view();
    const mine = this.myDepartment();
    return m !== null && mine !== null && m.invitedDepartmentIds.includes(mine);
  });
  protected readonly canOpine = computed(
    () =>
      this.view()?.status === 'open' &&
      this.invited() &&
      this.session.can('meeting.opine', { departmentId: this.myDepartment() ?? undefined }),
  );

  protected readonly groups = computed(() => {
    const roll = this.view()?.roll ?? [];
    const of = (...states: RollEntry['state'][]) => roll.filter((r) => states.includes(r.state));
    return [
      { key: 'present', label: 'room.present' as const, entries: of('present') },
      { key: 'late', label: 'room.late' as const, entries: of('late') },
      { key: 'expected', label: 'room.expected' as const, entries: of('expected') },
      { key: 'absent', label: 'room.absent' as const, entries: of('absent') },
      { key: 'excused', label: 'room.excused' as const, entries: of('excused', 'held') },
    ].filter((g) => (g.key !== 'excused' && g.key !== 'late') || g.entries.length > 0);
  });

  /** Status for which this page last asked to join: once open, a liaison joins again to be recorded. */
  private joinedFor: string | null = null;

  constructor() {
    this.departments.load().catch(() => undefined);
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    // R19: an invited liaison in the room when the convener opens it is recorded present then.
    effect(() => {
      const m = this.view();
      if (!m || !this.invited()) return;
      const key = `${m.id}:${m.status}`;
      if (m.status === 'open' && this.joinedFor !== key) {
        this.joinedFor = key;
        untracked(() => void this.live.joinMeeting(m.id));
      }
    });
    this.live.meetingViews$.pipe(takeUntilDestroyed()).subscribe((v) => this.apply(v));
    this.live.meetingOnline$.pipe(takeUntilDestroyed()).subscribe((o) => {
      if (o.meetingId === this.id()) this.online.set(o);
    });
    // A push missed (reconnect, other instance slow): a newer card entry of this project says so.
    this.live.entries$.pipe(takeUntilDestroyed()).subscribe((entry) => {
      const m = this.view();
      if (m && entry.projectId === m.projectId && entry.position > m.asOf) void this.refresh(m.id);
    });
    inject(DestroyRef).onDestroy(() => this.live.leaveMeeting(this.id()));
  }

  /** Keeps the newest view: pushes from several instances may arrive out of order. */
  protected apply(next: MeetingView): void {
    if (next.id !== this.id()) return;
    const current = this.view();
    if (current && current.id === next.id && current.asOf > next.asOf) return;
    this.view.set(next);
    this.state.set('loaded');
  }

  private async load(id: string): Promise<void> {
    try {
      this.apply(await firstValueFrom(this.api.meeting(id)));
      const joined = await this.live.joinMeeting(id);
      if (!joined.ok && joined.error && joined.error !== 'offline') this.actionError.set(joined.error);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.state.set(problem.status === 404 ? 'not_found' : 'error');
      this.errorMessage.set(problem.message);
    }
  }

  private async refresh(id: string): Promise<void> {
    try {
      this.apply(await firstValueFrom(this.api.meeting(id)));
    } catch {
      // The next push or entry tries again.
    }
  }

  /** R18: the department's earlier versions the view carries (bounded: the last few before the current one). */
  protected earlierVersions(m: MeetingView, departmentId: string): MeetingOpinion[] {
    const current = m.opinions.find((o) => o.departmentId === departmentId)?.version ?? 0;
    return m.opinionHistory.filter((h) => h.departmentId === departmentId && h.version < current);
  }

  protected code(departmentId: string): string {
    return this.departments.byId().get(departmentId)?.code ?? departmentId;
  }
  protected name(departmentId: string): string {
    const d: Department | undefined = this.departments.byId().get(departmentId);
    return d ? this.i18n.name(d) : departmentId;
  }
  protected isOnline(departmentId: string): boolean {
    return this.online().departmentIds.includes(departmentId);
  }

  protected open(): void {
    void this.run(this.api.openMeeting(this.id()));
  }
  protected markPresent(departmentId: string): void {
    void this.run(this.api.markPresent(this.id(), { departmentId }));
  }

  protected pickOpinion(value: string): void {
    this.opinionKind.set((OPINION_KINDS as readonly string[]).includes(value) ? (value as OpinionKind) : null);
  }

  protected giveOpinion(event: Event): void {
    event.preventDefault();
    const kind = this.opinionKind();
    if (kind === null) {
      this.opinionProblem.set(this.i18n.t('room.opinionKind') + ' · ' + this.i18n.t('common.required'));
      return;
    }
    const opinion = { kind, conditions: this.conditions().trim(), basis: this.basis().trim() };
    // R18: the same rule the server applies.
    const problem = opinionError(opinion);
    this.opinionProblem.set(
      problem ? this.i18n.t(problem.field === 'basis' ? 'room.basis' : 'room.conditions') + ' · ' + this.i18n.t('common.required') : null,
    );
    if (problem) return;
    void this.run(
      this.api.giveOpinion(this.id(), {
        kind: opinion.kind,
        ...(opinion.kind === 'agree_with_conditions' ? { conditions: opinion.conditions } : {}),
        ...(opinion.kind === 'disagree' ? { basis: opinion.basis } : {}),
      }),
    );
  }

  protected proposeClose(): void {
    void this.run(this.api.proposeClose(this.id()));
  }

  protected lateChoice(departmentId: string): 'absent' | 'excuse' | undefined {
    return this.lateChoices().get(departmentId);
  }
  protected lateReason(departmentId: string): string {
    return this.lateReasons().get(departmentId) ?? '';
  }
  protected chooseLate(departmentId: string, choice: 'absent' | 'excuse'): void {
    this.lateChoices.update((m) => new Map(m).set(departmentId, choice));
    this.preview.set(null);
  }
  protected setLateReason(departmentId: string, reason: string): void {
    this.lateReasons.update((m) => new Map(m).set(departmentId, reason));
    this.preview.set(null);
  }

  private lateExcuses(): { departmentId: string; reason: string }[] {
    return this.lateEntries()
      .filter((r) => this.lateChoices().get(r.departmentId) === 'excuse')
      .map((r) => ({ departmentId: r.departmentId, reason: (this.lateReasons().get(r.departmentId) ?? '').trim() }));
  }

  /** R15a: asks the hub what this close would do, and shows it for confirmation (nothing changes yet). */
  protected review(event: Event): void {
    event.preventDefault();
    if (!this.conclusion().trim() || !this.lateAnswered() || this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    firstValueFrom(this.api.closingPreview(this.id(), { lateExcuses: this.lateExcuses() }))
      .then((p) => {
        const deemed = p.outcomes.filter((o) => o.outcome === 'deemed').map((o) => this.name(o.departmentId));
        this.preview.set({ deemed: deemed.join(this.i18n.lang() === 'zh' ? '、' : ', ') });
      })
      .catch((e) => {
        const problem = readProblem(e, this.i18n);
        this.actionError.set(Object.values(problem.fields)[0] ?? problem.message ?? this.i18n.t('common.networkError'));
      })
      .finally(() => this.busy.set(false));
  }

  protected close(): void {
    if (!this.conclusion().trim() || !this.preview()) return;
    const lateExcuses = this.lateExcuses();
    this.preview.set(null);
    void this.run(
      this.api.closeMeeting(this.id(), {
        conclusion: this.conclusion().trim(),
        ...(this.findings().trim() ? { findings: this.findings().trim() } : {}),
        ...(lateExcuses.length ? { lateExcuses } : {}),
      }),
    );
  }

  private async run(call: Observable<MeetingView>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      this.apply(await firstValueFrom(call));
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.actionError.set(Object.values(problem.fields)[0] ?? problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
