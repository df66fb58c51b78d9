import type { MeasureNode } from "../domain/plan-tree.ts";
import { type StatusSource, SUGGESTED_STATUS_LABEL } from "../domain/suggested-status.ts";

/**
 * Where a progress row's status comes from, as the plan JSON and the API carry it:
 * `statusSource` (`confirmed`, `suggested`, or null without a status) and, for a suggested
 * status, `statusSuggestion` with the label 「本文から自動判定」 and the words that made it.
 * @example statusSourceFields({ statusCode: "completed", statusSource: "suggested", statusWords: ["済"], … })
 * // { statusSource: "suggested", statusSuggestion: { label: "本文から自動判定", words: ["済"] } }
 */
export function statusSourceFields(
  progress:
    | Pick<NonNullable<MeasureNode["progress"]>, "statusCode" | "statusSource" | "statusWords">
    | null
    | undefined,
): {
  statusSource: StatusSource | null;
  statusSuggestion: { label: string; words: string[] } | null;
} {
  if (!progress?.statusCode) return { statusSource: null, statusSuggestion: null };
  if (progress.statusSource !== "suggested")
    return { statusSource: "confirmed", statusSuggestion: null };
  return {
    statusSource: "suggested",
    statusSuggestion: { label: SUGGESTED_STATUS_LABEL, words: progress.statusWords ?? [] },
  };
}
