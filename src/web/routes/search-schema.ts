import { z } from "zod";
import { UNSET_STATUS } from "../../store/search/measure-search.ts";
import type { SearchFilters } from "../../store/search/search-filters.ts";

/** Results on one page of the search. */
export const SEARCH_PAGE_SIZE = 20;

/** What `GET /plans/:slug/search` asks for, each filter null when not used. */
export interface SearchRequest {
  q: string;
  period: string | null;
  status: string | null;
  pillar: number | null;
  category: string | null;
  fiscalYear: number | null;
  /** A department's id (担当課, lead or contributing). */
  department: number | null;
  page: number;
}

/** One of `values`, or undefined for anything else: an unknown value is ignored, never an error. */
const oneOf = (values: readonly string[]) =>
  z
    .string()
    .refine((v) => values.includes(v))
    .optional()
    .catch(undefined);

/**
 * The query of `GET /plans/:slug/search`, checked against what the plan offers. The text is
 * kept as typed (the search cuts it to its maximum length); a filter value the plan does not
 * have, or a malformed page number, falls back to its default, so a stale URL still searches.
 * @example searchSchema(filters).parse({ q: "保育", pillar: "2", fy: "2013", department: "3" })
 */
export function searchSchema(filters: SearchFilters) {
  const groupPaths = [
    ...new Set(filters.categories.flatMap((c) => [c.path, c.parent.path]).filter(Boolean)),
  ];
  return z
    .object({
      q: z.string().catch(""),
      period: oneOf(filters.periods),
      status: oneOf([...filters.statuses.map((s) => s.code), UNSET_STATUS]),
      pillar: oneOf(filters.pillars.map((p) => String(p.number))),
      category: oneOf(groupPaths),
      fy: oneOf(filters.fiscalYears.map(String)),
      department: oneOf(filters.departments.map((d) => String(d.id))),
      page: z.coerce.number().int().min(1).max(10_000).catch(1),
    })
    .transform(
      (q): SearchRequest => ({
        q: q.q,
        period: q.period ?? null,
        status: q.status ?? null,
        pillar: q.pillar === undefined ? null : Number(q.pillar),
        category: q.category ?? null,
        fiscalYear: q.fy === undefined ? null : Number(q.fy),
        department: q.department === undefined ? null : Number(q.department),
        page: q.page,
      }),
    );
}

/** The search request of a query string (`c.req.query()`). */
export function searchRequest(
  filters: SearchFilters,
  query: Record<string, string | undefined>,
): SearchRequest {
  return searchSchema(filters).parse({ q: "", ...query });
}
