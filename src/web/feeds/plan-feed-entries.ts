import { formatWarekiDate } from "../../domain/era.ts";
import type { MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { SUGGESTED_STATUS_LABEL } from "../../domain/suggested-status.ts";
import type { PeriodProgress } from "../../store/queries/progress-history-query.ts";
import { statusNameOf } from "../views/status-distribution.ts";
import type { FeedEntry } from "./atom-feed.ts";

/**
 * The entries of a plan's feeds, made from its tree and its progress history: one per
 * publication, and one per period in which a measure's text or status changed. Ids are URNs
 * built from the plan's slug, the measure ID and the as-of date, so they never change.
 */

/** The URN of a plan's thing: `urn:shinchoku:plan:431001-1:…`. */
export const planUrn = (slug: string, ...parts: string[]) =>
  ["urn:shinchoku:plan", slug, ...parts].join(":");

/** When a period was made public: its publication date when known and not before its as-of. */
export function publicationDate(period: { asOf: string; publishedOn: string | null }): string {
  return period.publishedOn && period.publishedOn >= period.asOf.slice(0, period.publishedOn.length)
    ? period.publishedOn
    : period.asOf;
}

/** One entry per published reporting period: what was published, and how many measures changed. */
export function publicationEntries(
  tree: PlanTree,
  origin: string,
  changedCount: (asOf: string, previous: string | null) => number,
): FeedEntry[] {
  const published = tree.periods.filter((p) => p.state === "published");
  return published.map((period, index) => {
    const previous = published[index - 1]?.asOf ?? null;
    const date = formatWarekiDate(period.asOf);
    return {
      id: planUrn(tree.slug, "period", period.asOf),
      title: `${tree.title}：${date}時点の進捗状況を公表`,
      link: `${origin}/plans/${encodeURIComponent(tree.slug)}?period=${period.asOf}`,
      updated: publicationDate(period),
      summary:
        previous === null
          ? `${tree.organization.name}「${tree.title}」の${date}時点の進捗状況です（最初の公表）。`
          : `${tree.organization.name}「${tree.title}」の${date}時点の進捗状況です。前回の報告期から、${changedCount(period.asOf, previous)}件の取組で進捗状況の記述または状況区分が変わりました。`,
    };
  });
}

const statusText = (tree: PlanTree, p: PeriodProgress) => {
  const name = statusNameOf(tree.statuses, p.statusCode, "未設定");
  return p.statusCode !== null && p.statusSource === "suggested"
    ? `${name}（${SUGGESTED_STATUS_LABEL}）`
    : name;
};

/**
 * A measure's entries: its first report and every later period in which its text or status
 * changed, each with the narrative and the status (a suggested one labelled as such).
 */
export function measureChangeEntries(
  tree: PlanTree,
  origin: string,
  measure: MeasureNode,
  itemNumber: number | null,
  history: readonly PeriodProgress[],
): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const base = `${origin}/plans/${encodeURIComponent(tree.slug)}`;
  for (const [index, now] of history.entries()) {
    const before = history[index - 1];
    const period = tree.periods.find((p) => p.asOf === now.asOf);
    if (!period) continue;
    const textChanged = before !== undefined && before.narrative !== now.narrative;
    const statusChanged =
      before !== undefined &&
      (before.statusCode !== now.statusCode || before.statusSource !== now.statusSource);
    if (before !== undefined && !textChanged && !statusChanged) continue;
    const what =
      before === undefined
        ? "最初の報告"
        : [textChanged ? "記述の変更" : "", statusChanged ? "状況区分の変更" : ""]
            .filter(Boolean)
            .join("・");
    const link =
      itemNumber === null
        ? `${base}?period=${now.asOf}`
        : `${base}/items/${itemNumber}?period=${now.asOf}#measure-${encodeURIComponent(measure.code)}`;
    entries.push({
      id: planUrn(tree.slug, "measure", measure.code, now.asOf),
      title: `${measure.title}（${formatWarekiDate(now.asOf)}時点：${what}）`,
      link,
      updated: publicationDate(period),
      summary: `状況区分：${
        statusChanged && before ? `${statusText(tree, before)} → ` : ""
      }${statusText(tree, now)}\n${now.narrative === "" ? "（記載なし）" : now.narrative}`,
    });
  }
  return entries;
}
