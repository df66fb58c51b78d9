import type { MeasureSearch } from "../../../store/search/measure-search.ts";
import { apiLinks } from "./api-links.ts";

/** A search's results, with the matched spans (UTF-16 offsets) for highlighting. */
export function presentSearch(planSlug: string, search: MeasureSearch) {
  return {
    query: search.query,
    truncated: search.truncated,
    terms: search.terms.map((t) => t.text),
    period: search.period,
    items: search.results.map((r) => ({
      measure: {
        id: r.measureCode,
        title: r.measureTitle,
        titleMatches: r.titleMatches,
      },
      item: r.item,
      status: r.status,
      snippet: r.snippet
        ? {
            source: r.snippet.source,
            fiscalYear: r.snippet.fiscalYear,
            text: r.snippet.text,
            matches: r.snippet.matches,
            before: r.snippet.before,
            after: r.snippet.after,
          }
        : null,
      relistedAt: r.relistedAt.map((l) => ({
        id: l.code,
        itemNumber: l.itemNumber,
        itemTitle: l.itemTitle,
      })),
      links: { measure: apiLinks.measure(planSlug, r.measureCode) },
    })),
  };
}
