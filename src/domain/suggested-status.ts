import { DEFAULT_STATUS_RULES, type StatusRuleSet, suggestStatus } from "./status-rules.ts";

/**
 * Where a progress row's status comes from: a person (`confirmed`: imported with the report,
 * saved or accepted in the reporting cycle) or the status rules reading the narrative
 * (`suggested`, shown as 「本文から自動判定」 with the words that made it). A suggestion is never
 * the city's own judgement: it is counted apart, labelled everywhere, and replaced as soon as a
 * person confirms a status.
 */
export type StatusSource = "confirmed" | "suggested";

/** The label of a suggested status, on every page and in the data (CSV, JSON, API). */
export const SUGGESTED_STATUS_LABEL = "本文から自動判定";
/** The CSV's values for a status's source. */
export const STATUS_SOURCE_LABELS: Readonly<Record<StatusSource, string>> = {
  confirmed: "確定",
  suggested: "自動判定",
};

export interface SuggestedStatus {
  code: string;
  /** The words of the narrative that made the suggestion, in order, each once. */
  words: string[];
}

/**
 * The status to store as a suggestion for a narrative imported without one: the rules'
 * suggestion when it is a status of the plan's scheme, else null (no rule applies, or the plan
 * has a scale of its own the rules do not speak).
 * @example suggestedStatus("平成24年4月1日付けで設置済", new Set(["completed"])) // { code: "completed", words: ["済"] }
 */
export function suggestedStatus(
  narrative: string,
  schemeCodes: ReadonlySet<string>,
  rules: StatusRuleSet = DEFAULT_STATUS_RULES,
): SuggestedStatus | null {
  if (narrative.trim() === "") return null;
  const suggestion = suggestStatus(narrative, rules);
  if (suggestion.status === null || !schemeCodes.has(suggestion.status)) return null;
  return { code: suggestion.status, words: [...new Set(suggestion.matched.map((m) => m.text))] };
}

/** The words stored with a suggested status (JSON), read back; [] when none or unreadable. */
export function parseStatusWords(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === "string") : [];
  } catch {
    return [];
  }
}
