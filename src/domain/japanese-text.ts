/**
 * Text normalization shared by the readers, the store's matching and the search.
 * Pure functions, no I/O.
 */

/** NFKC (full-width digits and letters become half-width), collapsed white space, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** A key for comparing titles: NFKC, no white space, no brackets' shape differences. */
export function comparisonKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u3000]+/gu, "")
    .replace(/[「」『』"']/gu, "");
}

/** Full-width digits to ASCII digits, leaving everything else as it is. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Similarity of two strings from 0 to 1 by their character bigrams (Dice coefficient).
 * Works for Japanese, where words are not separated by spaces.
 * @example similarity("花畑地区文化ホール等の整備", "花畑地区文化ホールの整備") // ≈ 0.87
 */
export function similarity(a: string, b: string): number {
  const ka = comparisonKey(a);
  const kb = comparisonKey(b);
  if (ka === kb) return 1;
  if (ka.length < 2 || kb.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < ka.length - 1; i++) {
    const g = ka.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < kb.length - 1; i++) {
    const g = kb.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (ka.length - 1 + kb.length - 1);
}
