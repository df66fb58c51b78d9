import type { ConfirmedFigure } from "./confirmed-figure.ts";
import type { ContactLine } from "./contact-line.ts";
import type { GroupLevelKey, PlanLevel } from "./plan-draft.ts";
import type { RoadmapEntry } from "./roadmap-entry.ts";
import type { StatusSource } from "./suggested-status.ts";

/**
 * A stored plan as a tree, with the roadmap and the progress of one reporting period: what
 * the exporters and pages present. Re-listings carry a reference to their original and show
 * the original's roadmap and progress (they have none of their own).
 */
export interface PlanTree {
  id: number;
  slug: string;
  title: string;
  organization: { code: string; name: string };
  fiscalYears: number[];
  levels: PlanLevel[];
  contact: ContactLine[] | null;
  statuses: Array<{ code: string; name: string }>;
  periods: ReportingPeriodSummary[];
  /** The period whose progress the tree holds, or null when the plan has none. */
  period: ReportingPeriodSummary | null;
  pillars: GroupNode[];
}

export interface ReportingPeriodSummary {
  asOf: string;
  publishedOn: string | null;
  state: string;
}

export interface GroupNode {
  level: GroupLevelKey;
  number: number;
  label: string;
  title: string;
  children: GroupNode[];
  items: ItemNode[];
}

export interface ItemNode {
  number: number | null;
  label: string;
  title: string;
  relistingOfItemNumber: number | null;
  measures: MeasureNode[];
}

export interface MeasureNode {
  code: string;
  title: string;
  relistingOf: { code: string; itemNumber: number | null; title: string } | null;
  roadmap: RoadmapEntry[];
  /** The period's progress with the figures a person confirmed (in order; often none). */
  progress: {
    narrative: string;
    statusCode: string | null;
    figures: ConfirmedFigure[];
    /** Whether the status was confirmed by a person or suggested (absent: confirmed). */
    statusSource?: StatusSource;
    /** For a suggested status, the words of the narrative that made it. */
    statusWords?: string[];
  } | null;
}

/** A measure with the path of groups and the item it stands under. */
export interface MeasurePlacement {
  pillar: GroupNode;
  /** The innermost area above the item (a plan of more levels may have several: see `groups`). */
  area: GroupNode | null;
  /** The group the item stands in (a pillar or an area in a plan of fewer levels). */
  category: GroupNode;
  /** Every group from the pillar down to the one the item stands in: one per group level. */
  groups: GroupNode[];
  item: ItemNode;
  measure: MeasureNode;
}

/** Every measure row of a tree in document order, re-listings included. */
export function measurePlacements(tree: PlanTree): MeasurePlacement[] {
  const rows: MeasurePlacement[] = [];
  const walk = (group: GroupNode, chain: GroupNode[]) => {
    const pillar = chain[0] ?? group;
    const area = chain.findLast((g) => g.level === "area") ?? null;
    for (const item of group.items) {
      for (const measure of item.measures)
        rows.push({ pillar, area, category: group, groups: chain, item, measure });
    }
    for (const child of group.children) walk(child, [...chain, child]);
  };
  for (const pillar of tree.pillars) walk(pillar, [pillar]);
  return rows;
}

/**
 * The keys of a plan's group levels, top down: a pillar, the level holding the items a category
 * (from three group levels on), areas in between, as many as the plan has (政策 › 施策 ›
 * 基本事業 › …). The model report's 柱 / 分野 / 区分 is the case of three.
 * @example groupLevelKeys(4) // ["pillar", "area", "area", "category"]
 */
export function groupLevelKeys(count: number): GroupLevelKey[] {
  if (count <= 1) return ["pillar"];
  if (count === 2) return ["pillar", "area"];
  return ["pillar", ...Array.from({ length: count - 2 }, () => "area" as const), "category"];
}
