/**
 * Item numbers as people type them: `56-58, 60`, `５６〜５８、６０`, `No.56–58`. Full-width and
 * half-width digits, every kind of dash and wave dash, commas, 、 and spaces are accepted alike.
 */

/** The most numbers one list may name (a plan has a few hundred items). */
const MAX_NUMBERS = 2000;
const RANGE = /^(\d{1,5})(?:[-‐‑‒–—―−ー~〜](\d{1,5}))?$/u;

/**
 * The item numbers of a list, ascending and each once; null when the text is not such a list
 * (empty, a letter, a range that runs backwards, item 0).
 * @example parseItemNumbers("56-58, 60") // [56, 57, 58, 60]
 * @example parseItemNumbers("５６〜５８、６０") // [56, 57, 58, 60]
 * @example parseItemNumbers("58-56") // null
 */
export function parseItemNumbers(text: string): number[] | null {
  const parts = text
    .normalize("NFKC")
    .replace(/no\.?/giu, "")
    .split(/[,、，;；\s]+/u)
    .filter((p) => p !== "");
  if (parts.length === 0) return null;
  const numbers = new Set<number>();
  for (const part of parts) {
    const m = RANGE.exec(part);
    if (!m) return null;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (first < 1 || last < first || last - first >= MAX_NUMBERS) return null;
    for (let n = first; n <= last; n++) numbers.add(n);
    if (numbers.size > MAX_NUMBERS) return null;
  }
  return [...numbers].sort((a, b) => a - b);
}

/**
 * Item numbers written back as short ranges.
 * @example formatItemNumbers([56, 57, 58, 60]) // "56–58, 60"
 */
export function formatItemNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(", ");
}
