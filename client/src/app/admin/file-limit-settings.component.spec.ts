import { TestBed } from '@angular/core/testing';
import { of, Subject } from 'rxjs';
import type { MaterialFilesSettings } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { FileLimitSettingsComponent } from './file-limit-settings.component';

const MB = 1024 * 1024;

function render() {
  const loaded = new Subject<MaterialFilesSettings>();
  const api = { filesSettings: jest.fn(() => loaded), updateFilesSettings: jest.fn((s: MaterialFilesSettings) => of(s)) };
  TestBed.configureTestingModule({ providers: [{ provide: LeadersApi, useValue: api }] });
  const fixture = TestBed.createComponent(FileLimitSettingsComponent);
  const saved = jest.fn();
  fixture.componentInstance.saved.subscribe(saved);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const settle = async () => {
    fixture.detectChanges();
    // The answer passes through the page's Loadable (a few promise steps) before it shows.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = async (value: string) => {
    const input = q<HTMLInputElement>('file-limit-mb')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  return { api, loaded, saved, q, settle, type };
}

describe('FileLimitSettingsComponent (R28 setting)', () => {
  beforeEach(() => localStorage.clear());

  it('R28: shows loading until the limit arrives, then the limit in MB', async () => {
    const { loaded, q, settle } = render();
    expect(q('file-limit-loading')).not.toBeNull();
    expect(q('file-limit-mb')).toBeNull();
    loaded.next({ maxBytes: 50 * MB });
    await settle();
    expect(q('file-limit-loading')).toBeNull();
    expect(q<HTMLInputElement>('file-limit-mb')!.value).toBe('50');
  });

  it('R28: a limit outside 1–2048 whole MB is refused at its field before the round trip; a good one is saved in bytes and announced', async () => {
    const { api, loaded, saved, q, settle, type } = render();
    loaded.next({ maxBytes: 50 * MB });
    await settle();
    for (const bad of ['0', '2049', '1.5', '']) {
      await type(bad);
      q('file-limit-save')!.click();
      await settle();
      expect(q('file-limit-mb')!.getAttribute('aria-invalid')).toBe('true');
    }
    expect(api.updateFilesSettings).not.toHaveBeenCalled();

    await type('20');
    q('file-limit-save')!.click();
    await settle();
    expect(api.updateFilesSettings).toHaveBeenCalledWith({ maxBytes: 20 * MB });
    expect(q('file-limit-mb')!.getAttribute('aria-invalid')).toBe('false');
    expect(saved).toHaveBeenCalledTimes(1);
    expect(q('file-limit-message')!.textContent).toContain('设置已保存');
  });
});
