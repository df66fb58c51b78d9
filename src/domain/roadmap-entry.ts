/**
 * One measure's activity in one fiscal year (年度計画), as printed in a roadmap cell,
 * and the rules that resolve `⇒` into the activity it continues.
 */

/** A roadmap cell as printed, classified. */
export interface RoadmapCell {
  /** The text as printed, `⇒` and `—` included. */
  text: string;
  /** `⇒`: the previous year's activity goes on. */
  continued: boolean;
  /** `—`: no activity that year. */
  none: boolean;
  /** What a `⇒ X` cell adds to the continued activity, or a plain cell's activity. */
  addition: string | null;
}

/** A roadmap cell with its fiscal year and the effective activity resolved. */
export interface RoadmapEntry extends RoadmapCell {
  fiscalYear: number;
  /**
   * The effective activity: a plain cell's text; for `⇒` the activity of the year before;
   * for `⇒ X` the year before's activity and X, joined by {@link ACTIVITY_SEPARATOR}.
   * Null for `—` and for a `⇒` whose earlier years are not in the plan.
   */
  activity: string | null;
}

export const CONTINUED_MARK = "⇒";
/** Joins a continued activity and what a `⇒ X` cell adds. */
export const ACTIVITY_SEPARATOR = "／";

const NONE_MARKS = new Set(["—", "―", "－", "-", "ー", "‐", "─"]);

/**
 * Classify a printed roadmap cell.
 * @example parseRoadmapCell("⇒ 具体的施策の見直し") // { continued: true, addition: "具体的施策の見直し", none: false, … }
 */
export function parseRoadmapCell(printed: string): RoadmapCell {
  const text = printed.replace(/\s+/gu, " ").trim();
  if (NONE_MARKS.has(text)) return { text, continued: false, none: true, addition: null };
  if (text.startsWith(CONTINUED_MARK) || text.startsWith("→")) {
    const rest = text.slice(1).trim();
    return { text, continued: true, none: false, addition: rest === "" ? null : rest };
  }
  return { text, continued: false, none: false, addition: text === "" ? null : text };
}

/**
 * Resolve the effective activity of each year, in fiscal-year order.
 * @example resolveRoadmap([{ fiscalYear: 2012, ...parseRoadmapCell("供用") }, { fiscalYear: 2013, ...parseRoadmapCell("⇒") }])
 * // the 2013 entry has activity "供用"
 */
export function resolveRoadmap(cells: ReadonlyArray<RoadmapCell & { fiscalYear: number }>) {
  const sorted = [...cells].sort((a, b) => a.fiscalYear - b.fiscalYear);
  const entries: RoadmapEntry[] = [];
  let previous: string | null = null;
  let previousYear: number | null = null;
  for (const cell of sorted) {
    // A gap in the years breaks the chain: `⇒` continues only the year right before.
    const before = previousYear === cell.fiscalYear - 1 ? previous : null;
    let activity: string | null;
    if (cell.none) activity = null;
    else if (cell.continued) activity = joinActivity(before, cell.addition);
    else activity = cell.addition;
    entries.push({ ...cell, activity });
    previous = activity;
    previousYear = cell.fiscalYear;
  }
  return entries;
}

function joinActivity(before: string | null, addition: string | null): string | null {
  if (before && addition) return `${before}${ACTIVITY_SEPARATOR}${addition}`;
  return before ?? addition;
}

/**
 * Split a merged row's cell into one part per measure, when it holds exactly one part per
 * measure (`⇒ ⇒`, `供用 引継事務の実施`), or when it is a single `⇒` or `—` that applies to each.
 * Returns null when the cell cannot be split with certainty.
 */
export function splitMergedCell(text: string, measures: number): string[] | null {
  const trimmed = text.replace(/\s+/gu, " ").trim();
  if (measures === 1) return [trimmed];
  const single = parseRoadmapCell(trimmed);
  if ((single.continued && single.addition === null) || single.none) {
    return Array.from({ length: measures }, () => trimmed);
  }
  const parts = trimmed.split(" ");
  return parts.length === measures ? parts : null;
}
