import { HttpErrorResponse } from '@angular/common/http';
import { readProblem } from './problem';

describe('readProblem', () => {
  it('R26: each field the server names gets its message, several on one field joined', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        type: 'about:blank',
        title: 'Invalid input',
        status: 400,
        detail: '请检查标出的字段',
        errors: [
          { field: 'owner.phone', message: '电话格式不正确' },
          { field: 'owner.phone', message: '不能为空' },
          { field: 'name', message: '必填' },
        ],
      },
    });
    expect(readProblem(error)).toEqual({
      status: 400,
      fields: { 'owner.phone': '电话格式不正确；不能为空', name: '必填' },
      message: '请检查标出的字段',
    });
  });

  it('R26: a problem sent as text is still read', () => {
    const error = new HttpErrorResponse({ status: 409, error: JSON.stringify({ title: 'Already decided', status: 409 }) });
    expect(readProblem(error)).toEqual({ status: 409, fields: {}, message: 'Already decided' });
  });

  it('a network failure or a non-problem body yields no message to show as the server’s', () => {
    expect(readProblem(new Error('offline'))).toEqual({ status: 0, fields: {}, message: null });
    expect(readProblem(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }))).toEqual({
      status: 502,
      fields: {},
      message: null,
    });
  });
});
