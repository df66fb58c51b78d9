import type { GroupNode, PlanTree } from "../../domain/plan-tree.ts";
import type { Lang } from "../i18n/messages.ts";
import { childPath, type GroupPath, type PlanLinks } from "./plan-links.ts";
import { groupLabel, originalMeasures } from "./plan-lookup.ts";
import { planText } from "./plan-text.ts";
import type { StatusRow } from "./status-chart.ts";
import { statusDistribution } from "./status-distribution.ts";
import { statusTextWith } from "./status-text.ts";

/**
 * The rows of a status chart and table: the scope itself (the whole plan, or a group), then every
 * group below it. The chart has a bar for the scope and for each group right below it; the table
 * has them all.
 */
export function statusRows(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  scope: { group: GroupNode; path: GroupPath } | null,
): StatusRow[] {
  const notSet = planText(lang, "statusNotSet");
  const suggested = (name: string) => statusTextWith(lang, "suggestedBucket", { name });
  const rows: StatusRow[] = [];
  const add = (group: GroupNode, path: GroupPath, depth: number) => {
    rows.push({
      label: groupLabel(group),
      shortLabel: group.label,
      href: links.group(path),
      depth,
      inChart: depth <= 1,
      distribution: statusDistribution(tree.statuses, originalMeasures(group), notSet, suggested),
    });
    for (const child of group.children) add(child, childPath(path, child), depth + 1);
  };
  if (scope) {
    add(scope.group, scope.path, 0);
    // The first row is the page's own group: no link to the page itself.
    return rows.map((row, index) => (index === 0 ? { ...row, href: undefined } : row));
  }
  rows.push({
    label: planText(lang, "wholePlan"),
    shortLabel: planText(lang, "wholePlan"),
    depth: 0,
    inChart: true,
    distribution: statusDistribution(
      tree.statuses,
      tree.pillars.flatMap(originalMeasures),
      notSet,
      suggested,
    ),
  });
  for (const pillar of tree.pillars) add(pillar, { pillar: pillar.number }, 1);
  return rows;
}
