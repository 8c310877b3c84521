import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { ApiService } from '../core/api/api.service';
import { InquiriesApi } from '../inquiries/inquiries-api.service';
import { RegisterProjectPage } from './register-project.page';

function render() {
  const api = { registerProject: jest.fn(() => of({ id: 'p1' })) };
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: ApiService, useValue: api }, { provide: InquiriesApi, useValue: {} }],
  });
  const fixture = TestBed.createComponent(RegisterProjectPage);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const type = (id: string, value: string) => {
    const field = q<HTMLInputElement>(id)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const choose = (id: string, value: string) => {
    const select = q<HTMLSelectElement>(id)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };
  const fieldError = (field: string) => el.querySelector(`[data-field="${field}"]`)?.textContent?.trim() ?? null;
  const fillRest = () => {
    type('project-name', '智能装备产业园');
    type('owner-name', '某某科技有限公司');
    type('owner-legal-rep', '王法人');
    type('owner-contact-name', '李联系');
    type('owner-contact-phone', '0571-8888 6666');
    choose('project-category', 'city_key');
  };
  const submit = async () => {
    q('project-submit')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { api, q, type, choose, fieldError, fillRest, submit };
}

describe('RegisterProjectPage amounts and checks (R6)', () => {
  beforeEach(() => localStorage.clear());

  it('R6: an amount typed in 亿元 is sent in whole yuan, exactly, and flags a mega project', async () => {
    const { api, q, type, choose, fillRest, submit } = render();
    fillRest();
    choose('investment-unit', 'yi');
    type('investment-amount', '12.35');
    expect(q('investment-in-units')!.textContent).toContain('1235000000');
    expect(q('mega-notice')).not.toBeNull();
    await submit();
    expect(api.registerProject).toHaveBeenCalledWith(
      expect.objectContaining({ totalInvestment: { amount: '1235000000', currency: 'CNY' } }),
    );
  });

  it('R6: 万元 is the default unit; changing the unit re-checks the amount already typed', () => {
    const { q, type, choose, fieldError } = render();
    expect(q<HTMLSelectElement>('investment-unit')!.value).toBe('wan');
    type('investment-amount', '0.000001'); // 0.01 元: fine in 万元
    q('investment-amount')!.dispatchEvent(new Event('blur'));
    choose('investment-unit', 'one'); // 0.000001 元 is finer than a cent
    expect(fieldError('totalInvestment.amount')).toBe('金额格式不正确：只填数字，如 4.2 或 3800；换算成元后最多两位小数');
  });

  it('R6: the browser refuses what the server refuses, in the same words: zero, too large, a bad phone', async () => {
    const { api, type, fieldError, fillRest, submit } = render();
    fillRest();
    type('owner-contact-phone', '电话号码');
    type('investment-amount', '0');
    await submit();
    expect(api.registerProject).not.toHaveBeenCalled();
    expect(fieldError('totalInvestment.amount')).toBe('金额必须大于零');
    expect(fieldError('owner.contactPhone')).toBe('联系电话格式不正确：5–30 位数字，可含 + - ( ) 和空格');
    type('investment-amount', '1' + '0'.repeat(20));
    expect(fieldError('totalInvestment.amount')).toBe('金额过大（须小于 10^18）');
  });
});
