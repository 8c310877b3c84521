import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { ApiService } from '../api/api.service';
import { I18nService } from '../i18n/i18n.service';
import { LiveBoardService } from '../live/live-board.service';
import { HubFormat } from './hub-format.service';

describe('HubFormat', () => {
  let format: HubFormat;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        { provide: ApiService, useValue: {} },
        { provide: LiveBoardService, useValue: { calendarChanges$: new Subject<void>(), reconnected$: new Subject<void>() } },
      ],
    });
    format = TestBed.inject(HubFormat);
  });

  it('R10: a due instant at the end of the day reads as that day 24:00, in the center’s zone', () => {
    // 2026-11-30 00:00 in Asia/Shanghai is the end of 29 November there.
    const due = format.due('2026-11-29T16:00:00.000Z');
    expect(due).toMatch(/29/);
    expect(due).toMatch(/24:00$/);
    expect(due).not.toMatch(/30/);
  });

  it('R10: any other due instant is shown as it is, in the center’s zone, not the browser’s', () => {
    expect(format.due('2026-11-29T09:30:00.000Z')).toMatch(/17:30/);
  });

  it('bad or missing instants show as nothing rather than "Invalid Date"', () => {
    expect(format.due(null)).toBe('');
    expect(format.instant('not a date')).toBe('');
    expect(format.instant(undefined)).toBe('');
  });

  it('R6: yuan read in 亿元 / 万元, exactly; other currencies grouped, never floating point', () => {
    TestBed.inject(I18nService);
    expect(format.money({ amount: '1234567890123.45', currency: 'CNY' })).toBe('12,345.6789012345 亿元');
    expect(format.money({ amount: '38000000.00', currency: 'CNY' })).toBe('3,800 万元');
    expect(format.money({ amount: '1234567.5', currency: 'USD' })).toBe('USD 1,234,567.50');
  });
});
