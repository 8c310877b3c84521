import { Pipe, PipeTransform, inject } from '@angular/core';
import type { Money } from '@hub/shared';
import { HubFormat } from './hub-format.service';

// Impure: the output depends on the language and zone signals, not only on the input.

/** `{{ item.acceptedAt | hubTime }}`: an instant in the center's zone. */
@Pipe({ name: 'hubTime', pure: false })
export class HubTimePipe implements PipeTransform {
  private readonly format = inject(HubFormat);
  transform(value: string | number | null | undefined, withSeconds = false): string {
    return this.format.instant(value, withSeconds);
  }
}

/** `{{ item.dueAt | hubDue }}`: a due instant, end of day shown as 24:00. */
@Pipe({ name: 'hubDue', pure: false })
export class HubDuePipe implements PipeTransform {
  private readonly format = inject(HubFormat);
  transform(value: string | null | undefined): string {
    return this.format.due(value);
  }
}

/** `{{ date | hubDate }}`: a civil date 'YYYY-MM-DD' with its weekday. */
@Pipe({ name: 'hubDate', pure: false })
export class HubDatePipe implements PipeTransform {
  private readonly format = inject(HubFormat);
  transform(value: string): string {
    return this.format.civilDate(value);
  }
}

/** `{{ project.totalInvestment | money }}`: 万元 / 亿元 in the current language, so not pure. */
@Pipe({ name: 'money', pure: false })
export class MoneyPipe implements PipeTransform {
  private readonly format = inject(HubFormat);
  transform(value: Money): string {
    return this.format.money(value);
  }
}
