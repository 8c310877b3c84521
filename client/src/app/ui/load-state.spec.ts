import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { loadable, LoadStateComponent, type Loadable } from './load-state';

/** A call the test answers by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

@Component({
  selector: 'hub-test-page',
  imports: [LoadStateComponent],
  template: `<hub-load-state [of]="source" testId="page" />
    @if (source.value(); as v) {
      <p data-testid="content">{{ v }}</p>
    }`,
})
class TestPage {
  calls: ReturnType<typeof deferred<string>>[] = [];
  readonly source: Loadable<string> = loadable(() => {
    const call = deferred<string>();
    this.calls.push(call);
    return call.promise;
  });
}

describe('the shared loading state (issue 14)', () => {
  beforeEach(() => localStorage.clear());

  function render() {
    const fixture = TestBed.createComponent(TestPage);
    const page = fixture.componentInstance;
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const settle = async () => {
      await Promise.resolve();
      await Promise.resolve();
      fixture.detectChanges();
    };
    fixture.detectChanges();
    return { fixture, page, el, q, settle };
  }

  it('says "加载中…" (role status, aria-busy) while loading, then shows the content only', async () => {
    const { page, el, q, settle, fixture } = render();
    void page.source.load();
    fixture.detectChanges();
    expect(q('page-loading')!.textContent).toContain('加载中…');
    expect(q('page-loading')!.getAttribute('role')).toBe('status');
    expect(el.querySelector('hub-load-state')!.getAttribute('aria-busy')).toBe('true');
    page.calls[0]!.resolve('十个项目');
    await settle();
    expect(q('page-loading')).toBeNull();
    expect(el.querySelector('hub-load-state')!.getAttribute('aria-busy')).toBe('false');
    expect(q('content')!.textContent).toBe('十个项目');
  });

  it('says why it failed in the user words, and "重试" asks again', async () => {
    const { page, q, settle, fixture } = render();
    void page.source.load();
    page.calls[0]!.reject(new HttpErrorResponse({ status: 0 }));
    await settle();
    expect(q('page-load-error')!.getAttribute('role')).toBe('alert');
    expect(q('page-load-error')!.textContent).toContain('无法连接服务器，请稍后重试');
    q('page-retry')!.click();
    fixture.detectChanges();
    expect(page.calls).toHaveLength(2);
    expect(q('page-loading')).not.toBeNull();
    page.calls[1]!.resolve('好了');
    await settle();
    expect(q('page-load-error')).toBeNull();
    expect(q('content')!.textContent).toBe('好了');
  });

  it('keeps what it showed while it loads again, and drops the answer to an older call', async () => {
    const { page, q, settle } = render();
    void page.source.load();
    page.calls[0]!.resolve('第一次');
    await settle();
    void page.source.load();
    void page.source.load();
    await settle();
    expect(q('content')!.textContent).toBe('第一次');
    page.calls[2]!.resolve('第三次');
    page.calls[1]!.resolve('第二次'); // late: an older question
    await settle();
    expect(q('content')!.textContent).toBe('第三次');
    expect(page.source.phase()).toBe('loaded');
  });
});
