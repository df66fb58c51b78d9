import type { MeasureNode } from "../../domain/plan-tree.ts";

/**
 * How many measures have one status; `code` null is the 未設定 (not set) bucket. A bucket with
 * `suggested` counts the statuses suggested from the narrative (本文から自動判定), apart from the
 * confirmed ones of the same code.
 */
export interface StatusCount {
  code: string | null;
  name: string;
  count: number;
  suggested?: boolean;
}

export interface StatusDistribution {
  counts: StatusCount[];
  total: number;
}

/**
 * Count measures by status in the plan's scheme order, with a last bucket for measures without
 * a status (no progress, no status set, or a code the scheme does not know): counted honestly as
 * not set, never guessed. With `suggestedName`, suggested statuses are counted in buckets of
 * their own (after the confirmed ones, in scheme order), never with the confirmed ones; without
 * it there are no such buckets and a suggestion counts as not set.
 * @example statusDistribution([{ code: "completed", name: "完了" }], measures, "未設定")
 * // { counts: [{ code: "completed", name: "完了", count: 2 }, { code: null, name: "未設定", count: 196 }], total: 198 }
 */
export function statusDistribution(
  scheme: ReadonlyArray<{ code: string; name: string }>,
  measures: readonly MeasureNode[],
  notSetName: string,
  suggestedName?: (name: string) => string,
): StatusDistribution {
  const counts: StatusCount[] = scheme.map((s) => ({ code: s.code, name: s.name, count: 0 }));
  const suggested: StatusCount[] = suggestedName
    ? scheme.map((s) => ({ code: s.code, name: suggestedName(s.name), count: 0, suggested: true }))
    : [];
  const notSet: StatusCount = { code: null, name: notSetName, count: 0 };
  for (const measure of measures) {
    const code = measure.progress?.statusCode ?? null;
    const buckets = measure.progress?.statusSource === "suggested" ? suggested : counts;
    const bucket = buckets.find((c) => c.code === code) ?? notSet;
    bucket.count++;
  }
  return { counts: [...counts, ...suggested, notSet], total: measures.length };
}

/** A status's name in the plan's scheme, or the not-set name when there is none (or unknown). */
export function statusNameOf(
  scheme: ReadonlyArray<{ code: string; name: string }>,
  code: string | null | undefined,
  notSetName: string,
): string {
  return scheme.find((s) => s.code === code)?.name ?? notSetName;
}
