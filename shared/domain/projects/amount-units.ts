/**
 * Amounts as the center types them: in 元, 万元 or 亿元 (R6 counts the total investment). Stored
 * exactly as before — a decimal string in whole currency units with at most two decimals — so the
 * conversion only moves the decimal point on the digits; no number ever becomes a float.
 */
export const AMOUNT_UNITS = ['one', 'wan', 'yi'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

const UNIT_DIGITS: Record<AmountUnit, number> = { one: 0, wan: 4, yi: 8 };

/** Digits with an optional decimal part, thousands separators (",", "，") allowed: "3,800.5". */
const TYPED_AMOUNT = /^\d{1,3}([,，]\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/;

/**
 * The typed amount in whole currency units ("4.2" 亿 → "420000000"), or null when it is not a
 * plain decimal number or is finer than a cent once converted ("0.000001" 万元 is 0.01 元: kept;
 * "0.0000001" 万元 is not).
 */
export function amountFromUnit(typed: string, unit: AmountUnit): string | null {
  const plain = typed.trim();
  if (!TYPED_AMOUNT.test(plain)) return null;
  const [whole, fraction = ''] = plain.replace(/[,，]/g, '').split('.');
  const shift = UNIT_DIGITS[unit];
  const movedWhole = (whole + fraction.slice(0, shift).padEnd(shift, '0')).replace(/^0+(?=\d)/, '');
  const movedFraction = fraction.slice(shift).replace(/0+$/, '');
  if (movedFraction.length > 2) return null;
  return movedFraction ? `${movedWhole}.${movedFraction}` : movedWhole;
}
