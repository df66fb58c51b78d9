import { eraYearToGregorian, findEra } from "./era.ts";
import type { IndicatorDirection } from "./indicator.ts";

/**
 * What one cell of an indicator table says: a decimal as written, a unit, a year, a note. Pure.
 * `value` is null where the cell has no number; `note` then keeps the text (`集計中`, `-`).
 */
export interface IndicatorCell {
  value: string | null;
  unit: string | null;
  fiscalYear: number | null;
  note: string | null;
}

/** Full-width digits, signs and separators as ASCII; the rest (units, ㎡) as written. */
function asciiNumberChars(text: string): string {
  return text
    .replace(/[０-９．，＋]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－−]/gu, "-")
    .replace(/[（]/gu, "(")
    .replace(/[）]/gu, ")")
    .replace(/\u3000/gu, " ");
}

const NUMBER = /^([-+▲△]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/u;

/**
 * A decimal as written, without thousands separators: `3,437` → `3437`, `5.05` → `5.05`,
 * `▲12` (a minus in Japanese accounts) → `-12`, `082.50` → `82.50`; null for anything else.
 * @example parseDecimal("3,437") // "3437"
 */
export function parseDecimal(text: string): string | null {
  const ascii = asciiNumberChars(text).trim();
  const m = NUMBER.exec(ascii);
  if (!m || m[0].length !== ascii.length) return null;
  return decimalOf(m);
}

function decimalOf(m: RegExpExecArray): string {
  const sign = m[1] === "" || m[1] === "+" ? "" : "-";
  const whole = (m[2] ?? "0").replace(/,/gu, "").replace(/^0+(?=\d)/u, "");
  const fraction = m[3] ?? "";
  const digits = `${whole}${fraction}`;
  return /^[0.]+$/u.test(digits) ? digits : `${sign}${digits}`;
}

/** A year in brackets: `(平成20年)`, `（H20年度）`, `(2008年)`, `(R2)`. */
function yearOf(text: string): number | null {
  const t = text.normalize("NFKC").replace(/\s+/gu, "");
  const western = /^(\d{4})年?度?$/u.exec(t);
  if (western) return Number(western[1]);
  const era = /^(\D+?)(\d{1,2}|元)年?度?$/u.exec(t);
  if (!era?.[1] || !findEra(era[1])) return null;
  try {
    return eraYearToGregorian(era[1], era[2] === "元" ? 1 : Number(era[2]));
  } catch {
    return null;
  }
}

/**
 * Read a cell of an indicator table. A number may carry a unit after it, a year in brackets and
 * a note after `※` or in other brackets; text where a number belongs (`-`, `—`, `集計中`) is no
 * value with its text as the note; a blank cell is no value and no note.
 * @example parseIndicatorCell("3,437百万円 (平成20年)") // { value: "3437", unit: "百万円", fiscalYear: 2008, note: null }
 * @example parseIndicatorCell("82.5% ※単年実績") // { value: "82.5", unit: "%", fiscalYear: null, note: "※単年実績" }
 * @example parseIndicatorCell("集計中") // { value: null, unit: null, fiscalYear: null, note: "集計中" }
 */
export function parseIndicatorCell(text: string): IndicatorCell {
  const trimmed = text.trim();
  const empty: IndicatorCell = { value: null, unit: null, fiscalYear: null, note: null };
  if (trimmed === "") return empty;
  const ascii = asciiNumberChars(trimmed);
  const m = NUMBER.exec(ascii);
  // `-` alone, `—`, `集計中`: no value, the text kept.
  if (!m || (m[1] !== "" && m[2] === undefined)) return { ...empty, note: trimmed };
  let rest = ascii.slice(m[0].length).trim();
  const notes: string[] = [];
  const mark = rest.indexOf("※");
  if (mark >= 0) {
    notes.push(rest.slice(mark).trim());
    rest = rest.slice(0, mark).trim();
  }
  let fiscalYear: number | null = null;
  for (;;) {
    const bracket = /\(([^()]*)\)\s*$/u.exec(rest);
    if (!bracket) break;
    const inner = (bracket[1] ?? "").trim();
    const year = yearOf(inner);
    if (year !== null && fiscalYear === null) fiscalYear = year;
    else notes.unshift(inner);
    rest = rest.slice(0, bracket.index).trim();
  }
  return {
    value: decimalOf(m),
    unit: rest === "" ? null : rest,
    fiscalYear,
    note: notes.length > 0 ? notes.join(" ") : null,
  };
}

/**
 * An indicator's name with its unit in `【】` (`市民満足度【％】`, `【単位：人】`) split in two.
 * @example splitNameUnit("利用者数【人】") // { name: "利用者数", unit: "人" }
 */
export function splitNameUnit(text: string): { name: string; unit: string | null } {
  const m = /^(.*?)\s*【(?:単位\s*[:：]\s*)?([^【】]*)】\s*$/u.exec(text.trim());
  if (!m || (m[1] ?? "").trim() === "") return { name: text.trim(), unit: null };
  const unit = (m[2] ?? "").trim();
  return { name: (m[1] ?? "").trim(), unit: unit === "" ? null : unit };
}

const DIRECTION_WORDS: ReadonlyArray<[IndicatorDirection, readonly string[]]> = [
  ["increase", ["⇗", "↗", "↑", "⬆", "増", "増やす", "増加", "上昇", "向上", "拡大", "increase"]],
  ["decrease", ["⇘", "↘", "↓", "⬇", "減", "減らす", "減少", "低下", "削減", "縮小", "decrease"]],
  ["maintain", ["維持", "→", "➡", "⇒", "現状維持", "maintain"]],
];

/**
 * A direction word: ⇗ ↗ ↑ 増 増やす 増加 …, ⇘ ↘ ↓ 減 減らす 減少 …, 維持 → ⇒; null for a blank,
 * undefined for a word it does not know (the caller refuses it with its cell).
 * @example parseDirection("⇗") // "increase"
 */
export function parseDirection(text: string): IndicatorDirection | null | undefined {
  const key = text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
  if (key === "") return null;
  for (const [direction, words] of DIRECTION_WORDS)
    if (words.some((w) => w.normalize("NFKC").toLowerCase() === key)) return direction;
  return undefined;
}

/** The direction words, for messages. */
export const KNOWN_DIRECTION_WORDS = DIRECTION_WORDS.flatMap(([, words]) =>
  words.filter((w) => !/^[a-z]/u.test(w)),
).join(" ");

/**
 * A decimal text as shown: thousands separated, its own precision kept.
 * @example formatDecimal("3437") // "3,437"
 * @example formatDecimal("-1.50") // "-1.50"
 */
export function formatDecimal(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/u.exec(value);
  if (!match) return value;
  const [, sign, whole = "", fraction = ""] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ",")}${fraction}`;
}
