/**
 * E-mail addresses as Shinchoku accepts them: a plain `local@domain.tld`, no display name, no
 * spaces or brackets, at most 254 characters. Not the full RFC 5322 grammar: an address a city
 * hall gives its staff fits, and nothing that could add a header or a second recipient does.
 */
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/u;

/** @example isMailAddress("hoiku@city.kumamoto.lg.jp") // true */
export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/**
 * An address as typed into a form, made plain: full-width letters and ＠ to half-width (NFKC),
 * spaces around it dropped. Empty stays empty.
 * @example normalizeMailAddress(" ｈｏｉｋｕ＠city.example.jp ") // "hoiku@city.example.jp"
 */
export function normalizeMailAddress(value: string): string {
  return value.normalize("NFKC").trim();
}
