import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { accountabilityColumns, type AccountabilityItemsBehind } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { DepartmentsStore } from '../core/departments/departments.store';
import { I18nService, TranslatePipe, itemStatusKey } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';

/**
 * Issue 14 (R21): the items behind one figure of the accountability record — the page a figure on
 * /accountability links to (?from&to&figure&department; no department: the totals row).
 */
@Component({
  selector: 'hub-accountability-items-page',
  imports: [RouterLink, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="breadcrumb">
      <a routerLink="/accountability" data-testid="acc-items-back">← {{ 'acc.title' | t }}</a>
    </p>
    <div class="page-head">
      <h1 data-testid="acc-items-title">
        {{ 'acc.items.title' | t: { figure: figureName(), department: departmentName(), from: from(), to: to() } }}
      </h1>
    </div>
    <hub-load-state [of]="items" testId="acc-items" />
    @if (items.value(); as behind) {
      @if (behind.items.length === 0) {
        <p class="muted" data-testid="acc-items-empty">{{ 'acc.items.none' | t }}</p>
      } @else {
        <div class="card table-scroll">
          <table data-testid="acc-items">
            <caption class="visually-hidden">
              {{
                'acc.items.title' | t: { figure: figureName(), department: departmentName(), from: from(), to: to() }
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'acc.items.project' | t }}</th>
                <th scope="col">{{ 'acc.department' | t }}</th>
                <th scope="col">{{ 'acc.items.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (item of behind.items; track item.itemId) {
                <tr data-testid="acc-item" [attr.data-item-id]="item.itemId">
                  <th scope="row">
                    <a [routerLink]="['/projects', item.projectId]">{{ item.projectCode }} {{ item.projectName }}</a>
                  </th>
                  <td>{{ departmentLabel(item.departmentId) }}</td>
                  <td>{{ statusKey(item.status) | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
})
export class AccountabilityItemsPage {
  private readonly api = inject(LeadersApi);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);

  /** Query parameters. */
  readonly from = input('');
  readonly to = input('');
  readonly figure = input('');
  readonly department = input<string | undefined>();

  protected readonly statusKey = itemStatusKey;
  protected readonly items = loadable<AccountabilityItemsBehind>(() =>
    firstValueFrom(this.api.accountabilityItems(this.from(), this.to(), this.figure(), this.department() ?? null)),
  );
  /** The column's own words, as the record's table heads it. */
  protected readonly figureName = computed(() => {
    const cause = this.figure().startsWith('deemed.') ? [this.figure().slice('deemed.'.length)] : [];
    const column = accountabilityColumns(cause).find((c) => c.key === this.figure());
    return column ? (this.i18n.lang() === 'zh' ? column.zh : column.en) : this.figure();
  });
  protected readonly departmentName = computed(() => {
    const id = this.department();
    return id ? this.departmentLabel(id) : this.i18n.t('acc.total');
  });

  constructor() {
    this.departments.load().catch(() => undefined);
    effect(() => {
      this.from();
      this.to();
      this.figure();
      this.department();
      untracked(() => void this.items.load());
    });
  }

  protected departmentLabel(id: string): string {
    const d = this.departments.byId().get(id);
    return d ? this.i18n.name(d) : id;
  }
}
