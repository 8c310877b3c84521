import { isMegaProject, moneyAmountProblem, MONEY_AMOUNT_PATTERN, parseMoneyAmount } from './mega-project';

describe('isMegaProject', () => {
  it.each`
    amount                   | currency | mega
    ${'1000000000'}          | ${'CNY'} | ${false}
    ${'1000000000.00'}       | ${'CNY'} | ${false}
    ${'1000000000.01'}       | ${'CNY'} | ${true}
    ${'1000000000.1'}        | ${'CNY'} | ${true}
    ${'999999999.99'}        | ${'CNY'} | ${false}
    ${'1250000000.00'}       | ${'CNY'} | ${true}
    ${'100000000'}           | ${'USD'} | ${false}
    ${'100000000.01'}        | ${'USD'} | ${true}
    ${'500000000'}           | ${'USD'} | ${true}
    ${'500000000'}           | ${'CNY'} | ${false}
    ${'0'}                   | ${'CNY'} | ${false}
    ${'9007199254740993.01'} | ${'CNY'} | ${true}
  `('R6: $amount $currency is mega: $mega', ({ amount, currency, mega }) => {
    expect(isMegaProject({ amount, currency })).toBe(mega);
  });
});

describe('parseMoneyAmount', () => {
  it.each`
    amount                   | cents
    ${'0'}                   | ${0n}
    ${'0.5'}                 | ${50n}
    ${'1000000000.01'}       | ${100000000001n}
    ${'9007199254740993.07'} | ${900719925474099307n}
  `('R6: $amount is $cents cents, exactly', ({ amount, cents }) => {
    expect(parseMoneyAmount(amount)).toBe(cents);
  });

  it.each(['', ' 1', '1 ', '-1', '+1', '01', '1.', '.5', '1.001', '1e9', '1,000', 'abc', '1.0.0', 'NaN'])(
    'R6/R26: the malformed amount %p is refused',
    (amount) => {
      expect(MONEY_AMOUNT_PATTERN.test(amount)).toBe(false);
      expect(() => parseMoneyAmount(amount)).toThrow('Not a money amount');
    },
  );
});

describe('moneyAmountProblem (issue 14: the same code in the browser and on the server)', () => {
  it('R6: names what is wrong with an amount, one code at a time', () => {
    expect(moneyAmountProblem('1250000000.00')).toBeNull();
    expect(moneyAmountProblem('0')).toBe('amount.not_positive');
    expect(moneyAmountProblem('0.00')).toBe('amount.not_positive');
    expect(moneyAmountProblem('1.234')).toBe('amount.invalid');
    expect(moneyAmountProblem('-5')).toBe('amount.invalid');
    expect(moneyAmountProblem('1'.repeat(22))).toBe('amount.out_of_range');
  });
});
