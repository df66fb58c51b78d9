import { isTableHeader } from "./table-header.ts";

/**
 * What one row of an extracted report table is: a heading of the hierarchy, a measure row,
 * or page furniture. A row is its cells (tab-separated in report text; a PDF reader may give
 * them directly to {@link classifyCells}); PDF extraction shifts cells right when a merged cell
 * (a pillar label) stands to their left, so positions are found by content. Digits are read
 * after NFKC (`１２` is 12); the text kept is the text as printed.
 */

export type ClassifiedLine =
  | { kind: "blank" }
  | { kind: "toc-heading" }
  | { kind: "table-header"; cells: string[] }
  | { kind: "category"; number: number; label: string; title: string; before: string[] }
  | { kind: "item"; number: number; label: string; title: string; before: string[] }
  | { kind: "unnumbered-item"; label: string; title: string }
  | { kind: "pillar-label"; number: number; label: string; title: string }
  | { kind: "area-label"; number: number; title: string }
  | { kind: "contact"; text: string }
  | { kind: "row"; cells: string[] }
  | { kind: "text"; text: string };

const ITEM_LABEL = /^([ァ-ヶｦ-ﾝ])[.．｡]\s*(\S.*)$/u;
/** An item number, matched after NFKC: `12`, `１２`, `No.１２`. */
const ITEM_NUMBER = /^(?:No\.?\s*)?(\d{1,4})$/iu;
const PILLAR = /^([IVX]+|[Ⅰ-Ⅻ])(?:[.．]\s*|\s+)(\S.*)$/u;
const AREA = /^(\d{1,2})[.．]\s*(\S.*)$/u;

const nfkc = (text: string) => text.normalize("NFKC");

/** An item heading's katakana label (NFKC: `ｱ` is `ア`) and its title as printed. */
export function readItemLabel(cell: string): { label: string; title: string } | null {
  const m = ITEM_LABEL.exec(cell);
  return m ? { label: nfkc(m[1] ?? ""), title: m[2] ?? "" } : null;
}

/** The item number a cell holds (`12`, `１２`, `No.12`), or null. */
export function readItemNumber(cell: string): number | null {
  const m = ITEM_NUMBER.exec(nfkc(cell).trim());
  return m ? Number(m[1]) : null;
}

/** Whether a cell is a label that PDF extraction put in front of a row (a pillar, an area, a number). */
export function isMergedLabel(cell: string): boolean {
  const text = nfkc(cell);
  return (
    PILLAR.test(text) ||
    AREA.test(text) ||
    readItemNumber(cell) !== null ||
    circledNumber(cell) !== null
  );
}

/** ① → 1 … ⑳ → 20, ㉑ → 21 … ㊿ → 50; null for anything else. */
export function circledNumber(ch: string): number | null {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1;
  if (code >= 0x3251 && code <= 0x325f) return code - 0x3251 + 21;
  if (code >= 0x32b1 && code <= 0x32bf) return code - 0x32b1 + 36;
  return null;
}

/** I → 1, IV → 4, Ⅲ → 3. */
export function romanNumber(label: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  const s = label.normalize("NFKC");
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i] ?? ""] ?? 0;
    const next = values[s[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Cells of a line with white space collapsed; leading and trailing empty cells removed. */
export function splitCells(line: string): string[] {
  const cells = line.split("\t").map((c) => c.replace(/\s+/gu, " ").trim());
  // Sliced, not shifted one by one: a line of a million tabs would take minutes (found by fuzzing).
  const first = cells.findIndex((c) => c !== "");
  if (first < 0) return [];
  let last = cells.length - 1;
  while (cells[last] === "") last--;
  return cells.slice(first, last + 1);
}

export function classifyLine(line: string): ClassifiedLine {
  return classifyCells(splitCells(line));
}

/**
 * Classify a row given as its cells (white space collapsed, empty cells at both ends removed,
 * as {@link splitCells} leaves them): the entry point for readers that find cells themselves.
 */
export function classifyCells(cells: string[]): ClassifiedLine {
  if (cells.length === 0) return { kind: "blank" };
  const only = cells.length === 1 ? (cells[0] ?? "") : null;

  if (only !== null && /^#*\s*目\s*次$/u.test(only)) return { kind: "toc-heading" };
  if (isTableHeader(cells)) return { kind: "table-header", cells };
  if (only !== null && /^(お問い?合わ?せ|〒|TEL|ＴＥＬ|電話|FAX|E-?mail)/iu.test(only)) {
    return { kind: "contact", text: only };
  }

  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? "";
    const number = circledNumber(cell);
    if (number !== null && i === cells.length - 1) {
      const title = cell.slice(1).replace(/^[.．]?\s*/u, "");
      return {
        kind: "category",
        number,
        label: cell.slice(0, 1),
        title,
        before: cells.slice(0, i),
      };
    }
    const next = cells[i + 1];
    const itemNumber = readItemNumber(cell);
    const labelMatch = next === undefined ? null : readItemLabel(next);
    if (itemNumber !== null && labelMatch && i + 1 === cells.length - 1) {
      return {
        kind: "item",
        number: itemNumber,
        label: labelMatch.label,
        title: labelMatch.title,
        before: cells.slice(0, i),
      };
    }
  }

  if (only !== null) {
    const label = readItemLabel(only);
    if (label) return { kind: "unnumbered-item", ...label };
    const pillar = PILLAR.exec(nfkc(only));
    if (pillar) {
      const roman = (pillar[1] ?? "").normalize("NFKC");
      return {
        kind: "pillar-label",
        number: romanNumber(roman),
        label: roman,
        title: pillar[2] ?? "",
      };
    }
    const area = AREA.exec(nfkc(only));
    if (area) return { kind: "area-label", number: Number(area[1]), title: area[2] ?? "" };
    return { kind: "text", text: only };
  }
  return { kind: "row", cells };
}
