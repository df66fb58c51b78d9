import type { MeasurePlacement, PlanTree } from "../../../domain/plan-tree.ts";
import { statusSourceFields } from "../../../export/status-source-fields.ts";
import { apiLinks } from "./api-links.ts";

/**
 * A measure's place in its plan as a number path, the same key the search and the measure list
 * use: "1-2-3" (pillar I, area 2, category ③) or "2-1" (pillar II, category ①).
 */
export function groupPath(p: Pick<MeasurePlacement, "groups">): string {
  return p.groups.map((g) => g.number).join("-");
}

const group = (g: { number: number; label: string; title: string }) => ({
  number: g.number,
  label: g.label,
  title: g.title,
});

/** A measure in a list: where it stands, its status and progress in the tree's period. */
export function presentMeasureRow(tree: PlanTree, p: MeasurePlacement) {
  const { measure, item } = p;
  const statusCode = measure.progress?.statusCode ?? null;
  return {
    id: measure.code,
    title: measure.title,
    item: { number: item.number, label: item.label, title: item.title },
    group: {
      path: groupPath(p),
      pillar: group(p.pillar),
      area: p.area ? group(p.area) : null,
      category: group(p.category),
    },
    relistingOf: measure.relistingOf
      ? { id: measure.relistingOf.code, itemNumber: measure.relistingOf.itemNumber }
      : null,
    period: tree.period?.asOf ?? null,
    status: tree.statuses.find((s) => s.code === statusCode) ?? null,
    ...statusSourceFields(measure.progress),
    narrative: measure.progress?.narrative ?? null,
    links: {
      self: apiLinks.measure(tree.slug, measure.code),
      progress: apiLinks.progress(tree.slug, measure.relistingOf?.code ?? measure.code),
    },
  };
}

/**
 * One measure in full: its row, its roadmap with `⇒` resolved, the departments responsible and
 * where it is re-listed. A re-listing shows its original's roadmap and progress.
 */
export function presentMeasure(
  tree: PlanTree,
  p: MeasurePlacement,
  departments: Array<{ name: string; role: string }>,
  relistedAt: MeasurePlacement[],
) {
  return {
    ...presentMeasureRow(tree, p),
    roadmap: p.measure.roadmap.map((r) => ({
      fiscalYear: r.fiscalYear,
      text: r.text,
      continued: r.continued,
      none: r.none,
      activity: r.activity,
    })),
    departments,
    relistedAt: relistedAt.map((r) => ({
      id: r.measure.code,
      itemNumber: r.item.number,
      itemTitle: r.item.title,
    })),
  };
}
