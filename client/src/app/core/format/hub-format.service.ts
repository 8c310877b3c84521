import { Injectable, inject } from '@angular/core';
import { civilDateOf, civilDateParts, type CivilDate, type Money } from '@hub/shared';
import { CalendarStore } from '../calendar/calendar.store';
import { I18nService } from '../i18n/i18n.service';
import { inChineseUnits } from './money-units';

type FormatKind = 'dateTime' | 'dateTimeSeconds' | 'time' | 'civilDate';

/**
 * Every time is shown in the center's zone (settings.timeZone, Asia/Shanghai),
 * never the browser's, in the current language. Formatters are cached per
 * locale and zone because building them is slow and the board re-renders each second.
 */
@Injectable({ providedIn: 'root' })
export class HubFormat {
  private readonly i18n = inject(I18nService);
  private readonly calendar = inject(CalendarStore);
  private readonly cache = new Map<string, Intl.DateTimeFormat>();

  /** An instant (ISO string or epoch ms) as date and time, e.g. 2026/11/28 14:05. */
  instant(value: string | number | null | undefined, withSeconds = false): string {
    if (value === null || value === undefined) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    return this.formatter(withSeconds ? 'dateTimeSeconds' : 'dateTime').format(date);
  }

  /**
   * A due instant. With the default end of day 24:00 the instant is the next
   * day's 00:00; reading that as "29th 00:00" misleads, so it shows as "28th 24:00".
   */
  due(value: string | null | undefined): string {
    if (!value) return '';
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) return '';
    const zone = this.calendar.settings().timeZone;
    const atMidnight = this.formatter('time').format(at) === '00:00';
    if (!atMidnight) return this.instant(value);
    const lastDay = civilDateOf(new Date(at.getTime() - 1), zone);
    return `${this.civilDate(lastDay)} 24:00`;
  }

  /** A civil date 'YYYY-MM-DD' with its weekday, e.g. 11月28日周五 / Fri 28 Nov. */
  civilDate(date: CivilDate): string {
    const { year, month, day } = civilDateParts(date);
    // A civil date has no zone: format it as the UTC midnight it names.
    return this.formatter('civilDate').format(new Date(Date.UTC(year, month - 1, day)));
  }

  /** Money from its decimal string, grouped by thousands without ever becoming a float. */
  money(money: Money): string {
    // The center counts yuan in 万元 / 亿元 (issue 14); stored exactly as before, only told differently.
    if (money.currency === 'CNY') {
      const { value, unit } = inChineseUnits(money.amount);
      return this.i18n.t(unit === 'yi' ? 'money.yi' : 'money.wan', { n: value });
    }
    const [units, fraction] = money.amount.split('.');
    const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${money.currency} ${grouped}${fraction ? '.' + fraction.padEnd(2, '0') : '.00'}`;
  }

  private formatter(kind: FormatKind): Intl.DateTimeFormat {
    const locale = this.i18n.locale();
    const timeZone = kind === 'civilDate' ? 'UTC' : this.calendar.settings().timeZone;
    const key = `${kind}|${locale}|${timeZone}`;
    let formatter = this.cache.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { timeZone, ...OPTIONS[kind] });
      this.cache.set(key, formatter);
    }
    return formatter;
  }
}

const OPTIONS: Record<FormatKind, Intl.DateTimeFormatOptions> = {
  dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTimeSeconds: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  civilDate: { month: 'short', day: 'numeric', weekday: 'short' },
};
