import { measurePlacements, type PlanTree } from "../../../domain/plan-tree.ts";
import type { PlanPageRow } from "../../../store/queries/plan-page-query.ts";
import { apiLinks } from "./api-links.ts";
import { presentPeriod } from "./period-presenter.ts";

function fiscalYears(first: number, last: number): number[] {
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

const planLinks = (slug: string) => ({
  self: apiLinks.plan(slug),
  tree: apiLinks.tree(slug),
  periods: apiLinks.periods(slug),
  measures: apiLinks.measures(slug),
  search: apiLinks.search(slug),
});

/** A plan in the list of plans. */
export function presentPlanListItem(row: PlanPageRow) {
  return {
    id: row.slug,
    title: row.title,
    organization: row.organization,
    fiscalYears: fiscalYears(row.firstFiscalYear, row.lastFiscalYear),
    latestPeriod: row.latestPeriod,
    links: planLinks(row.slug),
  };
}

/**
 * A plan's summary: what it is, its levels and status scheme, its published periods, and how
 * many items and measures it has with the status counts of its latest published period.
 */
export function presentPlanSummary(tree: PlanTree) {
  const placements = measurePlacements(tree);
  const originals = placements.filter((p) => p.measure.relistingOf === null);
  const items = new Set(placements.map((p) => p.item));
  // Confirmed and suggested statuses are counted apart: a suggestion is not the city's own.
  const statusCount = (code: string | null, source: "confirmed" | "suggested" = "confirmed") =>
    originals.filter(
      (p) =>
        (p.measure.progress?.statusCode ?? null) === code &&
        (p.measure.progress?.statusSource ?? "confirmed") === source,
    ).length;
  return {
    id: tree.slug,
    title: tree.title,
    organization: tree.organization,
    fiscalYears: tree.fiscalYears,
    contact: tree.contact,
    levels: tree.levels,
    statuses: tree.statuses,
    periods: tree.periods.map(presentPeriod),
    latestPeriod: tree.period?.asOf ?? null,
    counts: {
      items: items.size,
      measures: originals.length,
      relistings: placements.length - originals.length,
      byStatus: [
        ...tree.statuses.map((s) => ({
          code: s.code,
          name: s.name,
          count: statusCount(s.code),
          suggested: statusCount(s.code, "suggested"),
        })),
        { code: null, name: "未設定", count: statusCount(null), suggested: 0 },
      ],
    },
    links: planLinks(tree.slug),
  };
}
