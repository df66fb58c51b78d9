/** The longest roadmap cell a person may type. */
export const ROADMAP_CELL_MAX = 500;

/**
 * What is wrong with a roadmap cell typed by a person (one fiscal year of a measure), or null.
 * Spaces are folded first, as the cell is stored.
 * @example roadmapCellProblem("") // "行程を入力してください（なしは「—」）"
 */
export function roadmapCellProblem(typed: string): string | null {
  const text = typed.replace(/\s+/gu, " ").trim();
  if (text === "") return "行程を入力してください（なしは「—」）";
  if (text.length > ROADMAP_CELL_MAX)
    return `行程は${ROADMAP_CELL_MAX}文字以内にしてください（今は${text.length}文字）`;
  return null;
}
