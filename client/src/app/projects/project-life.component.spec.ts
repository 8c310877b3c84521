import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { ProjectView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { SessionStore } from '../core/session/session.store';
import { ProjectLifeComponent } from './project-life.component';

const PROJECT = {
  id: 'p1',
  code: 'GC-2026-0001',
  name: '滨江数据中心二期',
  life: 'in_channel',
  status: 'in_channel',
  nationalCode: '2026-330106-48-01-000001',
  withdrawal: null,
  completion: null,
  items: [],
} as unknown as ProjectView;

function render(project: ProjectView, may: boolean) {
  const withdrawProject = jest.fn(() => of({ ...project, life: 'withdrawn' }));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: ApiService, useValue: { withdrawProject, setNationalCode: jest.fn() } },
      { provide: SessionStore, useValue: { can: () => may } },
    ],
  });
  const fixture = TestBed.createComponent(ProjectLifeComponent);
  fixture.componentRef.setInput('project', project);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const type = (id: string, value: string) => {
    const input = q(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const click = async (id: string) => {
    q(id)!.click();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { el, q, type, click, withdrawProject };
}

describe('ProjectLifeComponent', () => {
  beforeEach(() => localStorage.clear());

  it('R4a: the withdrawal starts with nothing filled in and sends nothing before the consequence is confirmed', async () => {
    const { q, type, click, withdrawProject } = render(PROJECT, true);
    expect((q('withdraw-reason') as HTMLTextAreaElement).value).toBe('');
    expect((q('withdraw-requested-on') as HTMLInputElement).value).toBe('');
    await click('withdraw-submit');
    expect(q('withdraw-consequence')).toBeNull();
    expect(withdrawProject).not.toHaveBeenCalled();

    type('withdraw-reason', '业主申请撤回');
    type('withdraw-requested-on', '2026-11-27');
    await click('withdraw-submit');
    expect(q('withdraw-consequence')?.textContent).toContain('不再产生任何超时默许');
    expect(withdrawProject).not.toHaveBeenCalled();

    type('withdraw-reason', '业主调整投资计划'); // a change takes the confirmation back
    expect(q('withdraw-consequence')).toBeNull();
    await click('withdraw-submit');
    await click('withdraw-confirm');
    expect(withdrawProject).toHaveBeenCalledTimes(1);
    expect(withdrawProject).toHaveBeenCalledWith('p1', { reason: '业主调整投资计划', requestedOn: '2026-11-27' });
  });

  it('R1/R4a: only who may withdraw sees the form, and only while the project can still be withdrawn', () => {
    expect(render(PROJECT, false).q('withdraw-form')).toBeNull();
    TestBed.resetTestingModule();
    expect(render({ ...PROJECT, life: 'completed' }, true).q('withdraw-form')).toBeNull();
    TestBed.resetTestingModule();
    const withdrawn = render(
      {
        ...PROJECT,
        life: 'withdrawn',
        withdrawal: { reason: '撤回', requestedOn: '2026-11-27', recordedBy: '李窗口', recordedAt: '2026-11-27T02:00:00.000Z' },
      },
      true,
    );
    expect(withdrawn.q('withdraw-form')).toBeNull();
    expect(withdrawn.q('project-life-state')?.textContent?.trim()).toBe('已撤回');
    expect(withdrawn.q('project-withdrawal')?.textContent).toBe('撤回');
  });
});
