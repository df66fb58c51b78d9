import { parseDecimal } from "./indicator-value.ts";

/**
 * Words a department writes where a result has no number yet; kept as the note, never read as 0.
 * A dash of any kind (`-`, `－`, `—`, `―`) counts as one too.
 */
export const NO_VALUE_WORDS: readonly string[] = [
  "集計中",
  "調査中",
  "算定中",
  "未集計",
  "未確定",
  "非公表",
  "該当なし",
];

const DASHES = /^[-－−‐‑–—―ー]+$/u;

/**
 * A result as typed in a value cell and a note cell: a decimal (`parseDecimal`: full-width
 * digits, `3,437`, `▲12`) with the note; a dash or a word of `NO_VALUE_WORDS` is no value with
 * that text kept as the note (the note cell appended); both blank is no result at all (null).
 * Anything else in the value cell is `undefined`: the caller refuses it with its cell. Pure.
 * @example parseResultEntry("３，４３７", "見込み") // { value: "3437", note: "見込み" }
 * @example parseResultEntry("集計中", "") // { value: null, note: "集計中" }
 * @example parseResultEntry("12件", "") // undefined
 */
export function parseResultEntry(
  valueText: string,
  noteText: string,
): { value: string | null; note: string | null } | null | undefined {
  const text = valueText.trim();
  const note = noteText.trim() === "" ? null : noteText.trim();
  if (text === "") return note === null ? null : { value: null, note };
  const value = parseDecimal(text);
  if (value !== null) return { value, note };
  if (DASHES.test(text) || NO_VALUE_WORDS.includes(text.normalize("NFKC")))
    return { value: null, note: note === null ? text : `${text} ${note}` };
  return undefined;
}
