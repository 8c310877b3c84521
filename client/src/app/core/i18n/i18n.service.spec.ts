import { TestBed } from '@angular/core/testing';
import { en, zh, type TranslationKey } from './dictionaries';
import { I18nService } from './i18n.service';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('I18nService', () => {
  beforeEach(() => localStorage.clear());

  it('Chinese first: a new visitor reads Chinese, and the page says so', () => {
    const i18n = TestBed.inject(I18nService);
    TestBed.tick();
    expect(i18n.lang()).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.t('login.title')).toBe('登录');
  });

  it('switching language is kept for the next visit and fills placeholders', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.toggle();
    TestBed.tick();
    expect(localStorage.getItem('hub.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en-GB');
    const key = (Object.keys(zh) as TranslationKey[]).find((k) => placeholders(zh[k]).length > 0)!;
    const params = Object.fromEntries(placeholders(en[key]).map((name) => [name, `«${name}»`]));
    expect(i18n.t(key, params)).not.toMatch(/\{\w+\}/);
  });

  it('every text exists in both languages, not empty, with the same placeholders', () => {
    const keys = Object.keys(zh) as TranslationKey[];
    const faults = keys.filter((k) => !zh[k].trim() || !en[k].trim() || placeholders(zh[k]).join() !== placeholders(en[k]).join());
    expect(faults).toEqual([]);
  });

  it('a department shows its English name in English, its Chinese name otherwise', () => {
    const i18n = TestBed.inject(I18nService);
    const department = { name: '发展和改革局', nameEn: 'Development and Reform Bureau' };
    expect(i18n.name(department)).toBe('发展和改革局');
    i18n.toggle();
    expect(i18n.name(department)).toBe('Development and Reform Bureau');
    expect(i18n.name({ name: '应急管理局', nameEn: '' })).toBe('应急管理局');
  });
});
