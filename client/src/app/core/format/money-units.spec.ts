import { inChineseUnits } from './money-units';

describe('inChineseUnits', () => {
  it.each([
    ['420000000.00', '4.2', 'yi'],
    ['1000000000', '10', 'yi'],
    ['123456789012.34', '1,234.5678901234', 'yi'],
    ['38000000.00', '3,800', 'wan'],
    ['500.00', '0.05', 'wan'],
    ['100000000', '1', 'yi'],
    ['99999999.99', '9,999.999999', 'wan'],
    ['0', '0', 'wan'],
  ])('R6: %s yuan reads as %s (%s), exactly as stored', (amount, value, unit) => {
    expect(inChineseUnits(amount)).toEqual({ value, unit });
  });
});
