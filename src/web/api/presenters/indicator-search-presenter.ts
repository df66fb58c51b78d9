import type { IndicatorSearch } from "../../../store/search/indicator-search.ts";
import { apiLinks } from "./api-links.ts";

/** The national indicator search's results, with the name's matched spans (UTF-16 offsets). */
export function presentIndicatorSearch(found: IndicatorSearch) {
  return {
    query: found.query,
    truncated: found.truncated,
    terms: found.terms.map((t) => t.text),
    totalCapped: found.totalCapped,
    items: found.results.map((r) => ({
      plan: {
        id: r.plan.slug,
        title: r.plan.title,
        organization: { code: r.plan.organizationCode, name: r.plan.organizationName },
      },
      indicator: {
        id: r.code,
        name: r.name,
        nameMatches: r.nameMatches,
        unit: r.unit,
        kind: r.kind,
        direction: r.direction,
      },
      owner: {
        level: r.owner.level,
        levelName: r.owner.levelName,
        measure: r.owner.measureCode,
        itemNumber: r.owner.itemNumber,
        title: r.owner.title,
      },
      latest: r.latest,
      achievement: r.achievement,
      links: {
        plan: apiLinks.plan(r.plan.slug),
        indicator: `${apiLinks.plan(r.plan.slug)}/indicators/${encodeURIComponent(r.code)}`,
      },
    })),
  };
}
