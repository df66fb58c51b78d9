/**
 * 全国地方公共団体コード: five digits and a check digit, kept as a zero-padded string.
 */

/**
 * The check digit of a five-digit local government code (JIS X 0401/0402 rule:
 * weights 6,5,4,3,2; 11 minus the remainder mod 11, last digit).
 * @example checkDigit("43100") // 1, so Kumamoto City is 431001
 */
export function checkDigit(fiveDigits: string): number {
  const weights = [6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(fiveDigits[i]) * (weights[i] ?? 0);
  return (11 - (sum % 11)) % 10;
}

/** Whether a code is six ASCII digits whose last is the right check digit. */
export function isOrganizationCode(code: string): boolean {
  if (!/^\d{6}$/u.test(code)) return false;
  return checkDigit(code.slice(0, 5)) === Number(code[5]);
}
