import type { GroupLevelKey } from "../../domain/plan-draft.ts";

const ROMAN: Array<[number, string]> = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** ① … ⑳, ㉑ … ㉟, ㊱ … ㊿: the circled numbers Unicode has. */
function circled(n: number): string | null {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return null;
}

/**
 * The label a group is printed with, from its number, as the report prints it: pillars in Roman
 * numerals (I, II), areas in digits (1), categories in circled numbers (①). A table gives only the
 * numbers, so the labels follow this convention.
 * @example groupLabel("category", 3) // "③"
 */
export function groupLabel(level: GroupLevelKey, n: number): string {
  if (level === "pillar") {
    let rest = n;
    let label = "";
    for (const [value, letters] of ROMAN) {
      while (rest >= value) {
        label += letters;
        rest -= value;
      }
    }
    return label;
  }
  if (level === "category") return circled(n) ?? String(n);
  return String(n);
}
