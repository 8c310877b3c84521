import fc from 'fast-check';
import { formatNoticeNumber, parseNoticeNumber, serialProblems } from './notice-number';

describe('formatNoticeNumber', () => {
  it('R17: numbers read prefix〔year〕serial号', () => {
    expect(formatNoticeNumber('绿通默许', 2026, 12)).toBe('绿通默许〔2026〕12号');
    expect(formatNoticeNumber('绿通收件', 2025, 1)).toBe('绿通收件〔2025〕1号');
  });

  it.each([
    ['绿通默许', 2026, 0],
    ['绿通默许', 2026, -1],
    ['绿通默许', 2026, 1.5],
    ['绿通默许', 26, 1],
    ['', 2026, 1],
    ['绿通 默许', 2026, 1],
  ])('R17: (%p, %p, %p) is refused: serials start at 1, years have four digits', (prefix, year, serial) => {
    expect(() => formatNoticeNumber(prefix, year, serial)).toThrow(RangeError);
  });

  it('R17: format and parse are inverse, and distinct serials never share a number (property)', () => {
    const prefix = fc.constantFrom('绿通默许', '绿通延时', '绿通告知', '绿通通报', '绿通许可', '绿通收件', '绿通取件');
    fc.assert(
      fc.property(
        prefix,
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (p, year, a, b) => {
          expect(parseNoticeNumber(formatNoticeNumber(p, year, a))).toEqual({ prefix: p, year, serial: a });
          expect(formatNoticeNumber(p, year, a) === formatNoticeNumber(p, year, b)).toBe(a === b);
        },
      ),
    );
  });

  it('R17: a malformed number does not parse', () => {
    for (const bad of ['绿通默许〔2026〕0号', '绿通默许〔26〕1号', '绿通默许[2026]1号', '〔2026〕1号', '绿通默许〔2026〕01号']) {
      expect(parseNoticeNumber(bad)).toBeNull();
    }
  });
});

describe('serialProblems', () => {
  it('R17: 1..n in any order is gapless', () => {
    expect(serialProblems([3, 1, 2])).toEqual([]);
    expect(serialProblems([])).toEqual([]);
  });

  it('R17: a gap and a duplicate are both named', () => {
    expect(serialProblems([1, 3, 3])).toEqual(['serial 3 issued twice', 'serial 2 missing']);
  });

  it('R17: any permutation of 1..n passes; removing or repeating one fails (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }).chain((n) =>
          fc.tuple(
            fc.shuffledSubarray(
              [...Array(n).keys()].map((i) => i + 1),
              { minLength: n, maxLength: n },
            ),
            fc.integer({ min: 0, max: n - 2 }),
          ),
        ),
        ([serials, k]) => {
          expect(serialProblems(serials)).toEqual([]);
          expect(serialProblems(serials.filter((s) => s !== k + 1))).not.toEqual([]);
          expect(serialProblems([...serials, serials[k]!])).not.toEqual([]);
        },
      ),
    );
  });
});
