/**
 * An amount in yuan (a decimal string, as stored) told in the unit the center counts in: 亿元 from
 * one hundred million, 万元 below it. Exact: the decimal point moves, nothing becomes a float;
 * trailing zeros go ("4.2 亿元", "3,800 万元", "0.05 万元").
 */
export function inChineseUnits(amount: string): { value: string; unit: 'yi' | 'wan' } {
  const [whole = '0', fraction = ''] = amount.replace(/^\+/, '').split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  const unit = digits.length > 8 ? 'yi' : 'wan';
  const shift = unit === 'yi' ? 8 : 4;
  const padded = digits.padStart(shift + 1, '0');
  const head = padded.slice(0, padded.length - shift).replace(/^0+(?=\d)/, '');
  const tail = (padded.slice(padded.length - shift) + fraction).replace(/0+$/, '');
  const grouped = head.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { value: tail ? `${grouped}.${tail}` : grouped, unit };
}
