import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import type { Department, Preconditions } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { AdmissionFormComponent } from './admission-form.component';

const DEPARTMENTS = [{ id: 'd1', code: 'DRC', name: '发展和改革局', nameEn: 'Development and Reform' }] as Department[];
const UNMET: Preconditions = { environmentalCompliance: true, feesAndTaxesPaid: false, safetyAndStability: true };

function render(preconditions: Preconditions) {
  const api = { admitProject: jest.fn(() => of({ id: 'p1' })), refuseAdmission: jest.fn(() => of({ id: 'p1' })) };
  TestBed.configureTestingModule({ providers: [{ provide: ApiService, useValue: api }] });
  const fixture = TestBed.createComponent(AdmissionFormComponent);
  fixture.componentRef.setInput('projectId', 'p1');
  fixture.componentRef.setInput('departments', DEPARTMENTS);
  fixture.componentRef.setInput('preconditions', preconditions);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const type = (id: string, value: string) => {
    const field = q<HTMLTextAreaElement>(id)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { api, el, q, type, settle };
}

describe('AdmissionFormComponent (R3)', () => {
  beforeEach(() => localStorage.clear());

  it('R3: shows each precondition; with one not met, admitting needs the override reason, which is sent', async () => {
    const { api, q, type, settle } = render(UNMET);
    expect(q('admit-precondition-feesAndTaxesPaid')!.getAttribute('data-met')).toBe('false');
    expect(q('admit-precondition-environmentalCompliance')!.getAttribute('data-met')).toBe('true');
    const select = q<HTMLSelectElement>('admit-lead')!;
    select.value = 'DRC';
    select.dispatchEvent(new Event('change'));
    q('admit-submit')!.click();
    await settle();
    expect(api.admitProject).not.toHaveBeenCalled();
    expect(q('admit-override-reason')!.getAttribute('aria-invalid')).toBe('true');

    type('admit-override-reason', ' 市政府批示特事特办 ');
    q('admit-submit')!.click();
    await settle();
    expect(api.admitProject).toHaveBeenCalledWith('p1', {
      leadDepartmentId: 'd1',
      participatingDepartmentIds: [],
      overrideReason: '市政府批示特事特办',
    });
  });

  it('R3: with every precondition met there is no override to give', () => {
    const { q } = render({ environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true });
    expect(q('admit-override-reason')).toBeNull();
  });

  it('R3: refusing needs a reason and a confirmation stating that it is final; editing takes the confirmation back', async () => {
    const { api, q, type, settle } = render(UNMET);
    q('refusal-submit')!.click();
    await settle();
    expect(q('refusal-consequence')).toBeNull();

    type('admit-refusal-reason', '欠缴税费');
    q('refusal-submit')!.click();
    await settle();
    expect(q('refusal-consequence')!.textContent).toContain('不能撤回');
    expect(api.refuseAdmission).not.toHaveBeenCalled();

    type('admit-refusal-reason', '欠缴税费，未达准入条件');
    await settle();
    expect(q('refusal-consequence')).toBeNull();
    q('refusal-submit')!.click();
    await settle();
    q('refusal-confirm')!.click();
    await settle();
    expect(api.refuseAdmission).toHaveBeenCalledWith('p1', { reason: '欠缴税费，未达准入条件' });
  });
});
