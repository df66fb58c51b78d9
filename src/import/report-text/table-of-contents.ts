import { romanNumber, splitCells } from "./line-classifier.ts";

/** A section of the report as its table of contents lists it: a pillar, or an area of one. */
export interface TocSection {
  pillar: { number: number; label: string; title: string };
  area: { number: number; label: string; title: string } | null;
}

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー";
const WRAP_SPACE = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, "gu");

/** Spaces that PDF extraction left where a title wrapped between two Japanese characters. */
export function unwrapTitle(title: string): string {
  return title.replace(WRAP_SPACE, "").trim();
}

/**
 * Read table-of-contents lines (`I. 題名`, `1. 分野名\t3`, page numbers optional) into the
 * sections whose categories restart at ①: each area of a pillar that has areas, otherwise the
 * pillar itself. Lines that are not entries are returned as `unread`.
 */
export function readTableOfContents(lines: Array<{ line: number; text: string }>) {
  const pillars: Array<{
    number: number;
    label: string;
    title: string;
    areas: TocSection["area"][];
  }> = [];
  const unread: Array<{ line: number; text: string }> = [];
  for (const { line, text } of lines) {
    const cells = splitCells(text);
    const first = cells[0] ?? "";
    const pillar = /^([IVX]+|[ＩＶＸ]+|[Ⅰ-Ⅻ])[.．]?\s+(\S.*?)$/u.exec(first);
    const area = /^([0-9０-９]{1,2})[.．]\s*(\S.*?)$/u.exec(first);
    if (pillar) {
      const label = (pillar[1] ?? "").normalize("NFKC");
      pillars.push({
        number: romanNumber(label),
        label,
        title: unwrapTitle(pillar[2] ?? ""),
        areas: [],
      });
    } else if (area && pillars.length > 0) {
      const number = Number((area[1] ?? "").normalize("NFKC"));
      pillars
        .at(-1)
        ?.areas.push({ number, label: String(number), title: unwrapTitle(area[2] ?? "") });
    } else if (first !== "") {
      unread.push({ line, text });
    }
  }
  const sections: TocSection[] = [];
  for (const { areas, ...pillar } of pillars) {
    if (areas.length === 0) sections.push({ pillar, area: null });
    for (const area of areas) sections.push({ pillar, area });
  }
  return { sections, unread };
}
