import { formatFiscalYearWithGregorian } from "./fiscal-year.ts";

/** The longest roadmap cell a person may type. */
export const ROADMAP_CELL_MAX = 500;

/**
 * What is wrong with a roadmap cell typed by a person (one fiscal year of a measure), or null;
 * the message names the year. Spaces are folded first, as the cell is stored.
 * @example roadmapCellProblem("", 2014) // "平成26年度（2014年度）の行程を入力してください（なしは「—」）"
 */
export function roadmapCellProblem(typed: string, fiscalYear: number): string | null {
  const text = typed.replace(/\s+/gu, " ").trim();
  const year = formatFiscalYearWithGregorian(fiscalYear);
  if (text === "") return `${year}の行程を入力してください（なしは「—」）`;
  if (text.length > ROADMAP_CELL_MAX)
    return `${year}の行程は${ROADMAP_CELL_MAX}文字以内にしてください（今は${text.length}文字）`;
  return null;
}
