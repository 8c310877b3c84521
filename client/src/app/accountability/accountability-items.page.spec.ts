import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { AccountabilityItemsBehind } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { DepartmentsStore } from '../core/departments/departments.store';
import { AccountabilityItemsPage } from './accountability-items.page';

const BEHIND: AccountabilityItemsBehind = {
  from: '2026-10-01',
  to: '2026-12-31',
  figure: 'deemed.timeout',
  departmentId: 'd-nrp',
  items: [
    {
      itemId: 'i1',
      projectId: 'p1',
      projectCode: 'GC-2026-0006',
      projectName: '考核穿透核对项目',
      departmentId: 'd-nrp',
      status: 'deemed_consent',
    },
  ],
};

describe('AccountabilityItemsPage (R21, issue 14)', () => {
  beforeEach(() => localStorage.clear());

  it("R21: lists the items behind a figure, headed by the column's own words, the department and the period", async () => {
    const api = { accountabilityItems: jest.fn(() => of(BEHIND)) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: LeadersApi, useValue: api },
        {
          provide: DepartmentsStore,
          useValue: {
            load: () => Promise.resolve(),
            byId: () => new Map([['d-nrp', { id: 'd-nrp', code: 'NRP', name: '自然资源和规划局', nameEn: 'Natural Resources' }]]),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(AccountabilityItemsPage);
    fixture.componentRef.setInput('from', '2026-10-01');
    fixture.componentRef.setInput('to', '2026-12-31');
    fixture.componentRef.setInput('figure', 'deemed.timeout');
    fixture.componentRef.setInput('department', 'd-nrp');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(api.accountabilityItems).toHaveBeenCalledWith('2026-10-01', '2026-12-31', 'deemed.timeout', 'd-nrp');
    expect(el.querySelector('[data-testid="acc-items-title"]')!.textContent).toContain(
      '自然资源和规划局 · 默许·超时（2026-10-01 至 2026-12-31）',
    );
    const row = el.querySelector('[data-testid="acc-item"]')!;
    expect(row.textContent).toContain('GC-2026-0006 考核穿透核对项目');
    expect(row.querySelector('a')!.getAttribute('href')).toBe('/projects/p1');
  });
});
