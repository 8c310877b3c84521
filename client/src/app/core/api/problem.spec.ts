import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { PROBLEM_WORDS } from '@hub/shared';
import { I18nService } from '../i18n';
import { problemMessages, readProblem } from './problem';

describe('readProblem (issue 14: server errors in the user language)', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
  });

  const refusal = new HttpErrorResponse({
    status: 400,
    error: {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      code: 'request.invalid',
      detail: 'Some fields are not valid',
      errors: [
        { field: 'owner.contactPhone', code: 'phone.invalid', message: 'contactPhone must be a phone number' },
        { field: 'owner.contactPhone', code: 'phone.invalid', message: 'contactPhone must be a phone number' },
        { field: 'owner.name', code: 'field.required', message: 'name should not be empty' },
        { field: 'owner.name', code: 'field.too_long', message: 'name must be shorter' },
      ],
    },
  });

  it('R26: each field gets the words of its code in Chinese, never the English message, each message once', () => {
    expect(readProblem(refusal, i18n)).toEqual({
      status: 400,
      code: 'request.invalid',
      fields: { 'owner.contactPhone': PROBLEM_WORDS['phone.invalid'].zh, 'owner.name': '必填；内容过长' },
      message: PROBLEM_WORDS['request.invalid'].zh,
    });
  });

  it('the same problem reads in English on an English screen', () => {
    i18n.toggle();
    expect(readProblem(refusal, i18n).fields['owner.contactPhone']).toBe(PROBLEM_WORDS['phone.invalid'].en);
  });

  it('R10: a refusal by the item state machine says its code (item.not_pending), not the server detail', () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: JSON.stringify({
        title: 'Conflict',
        status: 409,
        code: 'item.not_pending',
        detail: 'An item in state "in_review" cannot take event "accept"',
      }),
    });
    expect(readProblem(error, i18n)).toEqual({ status: 409, code: 'item.not_pending', fields: {}, message: '该事项不在待受理状态' });
  });

  it('R8: the words name the data the user acts on (the missing materials), from the field error params', () => {
    const missing = '宗地图（主件，缺 1 份）';
    const error = new HttpErrorResponse({
      status: 409,
      error: {
        title: 'Conflict',
        status: 409,
        code: 'materials.incomplete',
        rule: 'R8',
        errors: [
          { field: 'materials', code: 'materials.incomplete', message: 'No permit while materials are missing', params: { missing } },
        ],
      },
    });
    const problem = readProblem(error, i18n);
    expect(problem.fields).toEqual({ materials: `材料尚未收齐：${missing}` });
    expect(problemMessages(problem)).toEqual([`材料尚未收齐：${missing}`]);
  });

  it('a code this client does not know falls back to its status words (problem) and "not valid" (field)', () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: {
        title: 'Conflict',
        status: 409,
        code: 'newer.thing',
        detail: 'English only',
        errors: [{ field: 'x', code: 'newer.field', message: 'English' }],
      },
    });
    const problem = readProblem(error, i18n);
    expect(problem.message).toBe(PROBLEM_WORDS['request.conflict'].zh);
    expect(problem.fields).toEqual({ x: PROBLEM_WORDS['field.invalid'].zh });
    expect(JSON.stringify(problem)).not.toMatch(/English/);
  });

  it('a single-field problem listed in one place says its message once', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        title: 'Invalid request',
        status: 400,
        code: 'phone.invalid',
        errors: [{ field: 'phone', code: 'phone.invalid', message: 'x' }],
      },
    });
    expect(problemMessages(readProblem(error, i18n))).toEqual([PROBLEM_WORDS['phone.invalid'].zh]);
  });

  it('a network failure or a non-problem body yields no message to show as the server’s', () => {
    expect(readProblem(new Error('offline'), i18n)).toEqual({ status: 0, code: null, fields: {}, message: null });
    expect(readProblem(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }), i18n)).toEqual({
      status: 502,
      code: null,
      fields: {},
      message: null,
    });
  });
});
