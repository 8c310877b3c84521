import { amountFromUnit } from './amount-units';
import { MONEY_AMOUNT_PATTERN, parseMoneyAmount } from './mega-project';

describe('amountFromUnit', () => {
  it.each`
    typed                  | unit     | stored
    ${'4.2'}               | ${'yi'}  | ${'420000000'}
    ${'10'}                | ${'yi'}  | ${'1000000000'}
    ${'10.0000000001'}     | ${'yi'}  | ${'1000000000.01'}
    ${'3800'}              | ${'wan'} | ${'38000000'}
    ${'3,800'}             | ${'wan'} | ${'38000000'}
    ${'3，800.5'}          | ${'wan'} | ${'38005000'}
    ${'0.05'}              | ${'wan'} | ${'500'}
    ${'0.000001'}          | ${'wan'} | ${'0.01'}
    ${'9999.999999'}       | ${'wan'} | ${'99999999.99'}
    ${'1250000000.00'}     | ${'one'} | ${'1250000000'}
    ${'0.5'}               | ${'one'} | ${'0.5'}
    ${'007'}               | ${'wan'} | ${'70000'}
    ${' 12 '}              | ${'wan'} | ${'120000'}
    ${'90071992547.40993'} | ${'wan'} | ${'900719925474099.3'}
    ${'0.1'}               | ${'yi'}  | ${'10000000'}
    ${'0'}                 | ${'yi'}  | ${'0'}
  `('R6: $typed in $unit is stored as $stored, exactly', ({ typed, unit, stored }) => {
    const amount = amountFromUnit(typed, unit);
    expect(amount).toBe(stored);
    expect(MONEY_AMOUNT_PATTERN.test(amount as string)).toBe(true);
  });

  it('R6: 4.35 亿元 is exactly 435,000,000 yuan (as floats, 4.35 × 1e8 is 434999999.99999994)', () => {
    expect(parseMoneyAmount(amountFromUnit('4.35', 'yi') as string)).toBe(43_500_000_000n);
  });

  it.each`
    typed              | unit
    ${''}              | ${'wan'}
    ${'abc'}           | ${'wan'}
    ${'-5'}            | ${'wan'}
    ${'1e5'}           | ${'wan'}
    ${'1.2.3'}         | ${'wan'}
    ${'1.'}            | ${'wan'}
    ${'.5'}            | ${'wan'}
    ${'12,34'}         | ${'wan'}
    ${'0.0000001'}     | ${'wan'}
    ${'1.001'}         | ${'one'}
    ${'0.00000000001'} | ${'yi'}
  `('R6: "$typed" in $unit is not an amount', ({ typed, unit }) => {
    expect(amountFromUnit(typed, unit)).toBeNull();
  });
});
