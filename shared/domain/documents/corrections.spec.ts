import { NOTICE_KINDS } from '../../contracts/paper-trail';
import { calendarLastYear, correctionError, type DeemedItem } from './corrections';

const now = new Date('2026-03-02T02:00:00.000Z');
const context = { now, timeZone: 'Asia/Shanghai', lastKnownYear: 2027 };
const notice = { kind: 'timeout_implied_consent' as const, number: '绿通默许〔2026〕12号', supersededBy: null };
const deemed: DeemedItem = { status: 'deemed_consent', noticeNumber: '绿通默许〔2026〕12号', standingPermit: null };
const future = new Date('2026-03-06T16:00:00.000Z');

describe('corrections and revocation (R17)', () => {
  it('R17: a leader revokes a standing deemed consent with a reason and a future due instant', () => {
    expect(correctionError(notice, { reason: '签到记录有误', newDueAt: future }, deemed, context)).toBeNull();
  });

  it.each`
    case                        | request                                                        | item                                                    | field
    ${'no reason'}              | ${{ reason: ' ', newDueAt: future }}                           | ${deemed}                                               | ${'reason'}
    ${'no due instant'}         | ${{ reason: 'x', newDueAt: null }}                             | ${deemed}                                               | ${'newDueAt'}
    ${'a past due instant'}     | ${{ reason: 'x', newDueAt: now }}                              | ${deemed}                                               | ${'newDueAt'}
    ${'beyond the known years'} | ${{ reason: 'x', newDueAt: new Date('2028-01-03T02:00:00Z') }} | ${deemed}                                               | ${'newDueAt'}
    ${'no longer deemed'}       | ${{ reason: 'x', newDueAt: future }}                           | ${{ ...deemed, status: 'in_review' }}                   | ${'notice'}
    ${'another notice stands'}  | ${{ reason: 'x', newDueAt: future }}                           | ${{ ...deemed, noticeNumber: '绿通默许〔2026〕13号' }}  | ${'notice'}
    ${'a permit rests on it'}   | ${{ reason: 'x', newDueAt: future }}                           | ${{ ...deemed, standingPermit: '绿通许可〔2026〕2号' }} | ${'notice'}
  `('R17: revocation refused — $case names $field', ({ request, item, field }) => {
    expect(correctionError(notice, request, item, context)).toMatchObject({ rule: 'R17', field });
  });

  it('R17: a document is corrected once', () => {
    expect(
      correctionError({ ...notice, supersededBy: '绿通更正〔2026〕1号' }, { reason: 'x', newDueAt: future }, deemed, context),
    ).toMatchObject({ field: 'notice', conflict: true });
  });

  // Every kind there is (a new kind is covered as soon as it is listed), but the deemed consent's own.
  it.each(NOTICE_KINDS.filter((kind) => kind !== 'timeout_implied_consent'))(
    'R17: a %s is corrected with a reason and no due instant, once',
    (kind) => {
      const doc = { kind, number: 'X〔2026〕1号', supersededBy: null };
      expect(correctionError(doc, { reason: '项目名称有误', newDueAt: null }, null, context)).toBeNull();
      expect(correctionError(doc, { reason: '项目名称有误', newDueAt: future }, null, context)).toMatchObject({ field: 'newDueAt' });
      expect(
        correctionError({ ...doc, supersededBy: '绿通更正〔2026〕1号' }, { reason: '再次更正', newDueAt: null }, null, context),
      ).toMatchObject({ rule: 'R17', field: 'notice', conflict: true });
    },
  );

  it('R11 R17: the calendar knows published years and every provisional year it can compute', () => {
    expect(calendarLastYear({ years: [{ year: 2026, status: 'published' }] })).toBe(2099);
    expect(calendarLastYear({ years: [{ year: 2101, status: 'published' }] })).toBe(2101);
  });
});
