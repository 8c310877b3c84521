import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Department } from '@hub/shared';
import { ApiService } from '../api/api.service';

/** The center's departments, fetched once per session; looked up by id everywhere. */
@Injectable({ providedIn: 'root' })
export class DepartmentsStore {
  private readonly api = inject(ApiService);
  private loading: Promise<void> | null = null;

  readonly all = signal<Department[]>([]);
  readonly byId = computed(() => new Map(this.all().map((d) => [d.id, d])));
  /** R1: the departments that take new work (a switched-off one keeps its name on old records). */
  readonly active = computed(() => this.all().filter((d) => d.active !== false));

  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.api.departments()).then(
      (list) => this.all.set(list),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  reset(): void {
    this.loading = null;
    this.all.set([]);
  }
}
