/**
 * HTML fragments left in extracted report text (`<ul><li>…</li></ul>`) turned into plain
 * text. The result is text, never markup: it is escaped wherever it is shown.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Decode the common named and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Tags removed (a `<br>` becomes a space), entities decoded, white space collapsed. */
export function htmlToText(fragment: string): string {
  return decodeEntities(fragment.replace(/<br\s*\/?>/giu, " ").replace(/<[^>]*>/gu, " "))
    .replace(/\s+/gu, " ")
    .trim();
}

/** The texts of the `<li>` elements of a fragment, or null when it has none. */
export function listItems(fragment: string): string[] | null {
  const items = [...fragment.matchAll(/<li\b[^>]*>([\s\S]*?)(?:<\/li>|(?=<li\b)|$)/giu)].map((m) =>
    htmlToText(m[1] ?? ""),
  );
  const nonEmpty = items.filter((t) => t !== "");
  return nonEmpty.length > 0 ? nonEmpty : null;
}
