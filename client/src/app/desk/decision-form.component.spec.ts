import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import type { ApprovalItemView, DecisionRequest } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { DecisionFormComponent } from './decision-form.component';

const ITEM = { id: 'i1', departmentId: 'd1', status: 'in_review' } as ApprovalItemView;

function render() {
  const calls: DecisionRequest[] = [];
  TestBed.configureTestingModule({
    providers: [
      {
        provide: ApiService,
        useValue: { decideItem: (_id: string, body: DecisionRequest) => (calls.push(body), of({ ...ITEM, status: body.outcome })) },
      },
    ],
  });
  const fixture = TestBed.createComponent(DecisionFormComponent);
  fixture.componentRef.setInput('item', ITEM);
  fixture.componentRef.setInput('code', 'DRC');
  const decided: ApprovalItemView[] = [];
  fixture.componentInstance.decided.subscribe((i) => decided.push(i));
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const act = async (fn: () => void) => {
    fn();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { el, q, act, calls, decided };
}

describe('DecisionFormComponent', () => {
  beforeEach(() => localStorage.clear());

  it('R10: nothing is preselected, and without a choice nothing is sent', async () => {
    const { el, q, act, calls } = render();
    expect(q<HTMLInputElement>('decision-approve-DRC')!.checked).toBe(false);
    expect(q<HTMLInputElement>('decision-reject-DRC')!.checked).toBe(false);
    await act(() => q('decision-submit-DRC')!.click());
    expect(el.querySelector('[data-field="outcome"]')?.textContent).toContain('请选择准予或不予许可');
    expect(calls).toEqual([]);
  });

  it('R18: a refusal without its legal basis never leaves the browser', async () => {
    const { el, q, act, calls } = render();
    await act(() => q('decision-reject-DRC')!.dispatchEvent(new Event('change')));
    await act(() => q('decision-submit-DRC')!.click());
    expect(el.querySelector('[data-field="basis"]')).not.toBeNull();
    expect(q('decision-consequence-DRC')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('R10 R17: the consequence in law is stated before anything binding is sent; confirming sends exactly the choice', async () => {
    const { q, act, calls, decided } = render();
    await act(() => q('decision-approve-DRC')!.dispatchEvent(new Event('change')));
    await act(() => q('decision-submit-DRC')!.click());
    expect(q('decision-consequence-DRC')!.textContent).toContain('不能撤回');
    expect(calls).toEqual([]);
    await act(() => q('decision-confirm-DRC')!.click());
    expect(calls).toEqual([{ outcome: 'approved' }]);
    expect(decided.map((i) => i.status)).toEqual(['approved']);
  });

  it('R18: changing the answer takes back the confirmation; a refusal carries its basis', async () => {
    const { q, act, calls } = render();
    await act(() => q('decision-approve-DRC')!.dispatchEvent(new Event('change')));
    await act(() => q('decision-submit-DRC')!.click());
    await act(() => q('decision-reject-DRC')!.dispatchEvent(new Event('change')));
    expect(q('decision-consequence-DRC')).toBeNull();
    const basis = q<HTMLTextAreaElement>('decision-basis-DRC')!;
    await act(() => {
      basis.value = '《土地管理法》第四十四条';
      basis.dispatchEvent(new Event('input'));
    });
    await act(() => q('decision-submit-DRC')!.click());
    expect(q('decision-consequence-DRC')!.textContent).toContain('《土地管理法》第四十四条');
    await act(() => q('decision-confirm-DRC')!.click());
    expect(calls).toEqual([{ outcome: 'rejected', basis: '《土地管理法》第四十四条' }]);
  });
});
