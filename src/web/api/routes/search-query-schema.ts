import { z } from "zod";
import { UNSET_STATUS } from "../../../store/search/measure-search.ts";
import type { SearchFilters } from "../../../store/search/search-filters.ts";
import { pagingShape } from "../api-pagination.ts";

/** The longest query accepted; the search itself uses the first 200 characters (`truncated`). */
export const MAX_API_QUERY_LENGTH = 1000;

const oneOf = (values: readonly string[], what: string) =>
  z
    .string()
    .refine((v) => values.includes(v), {
      error: `この計画にない${what}です（${values.join(", ") || "なし"}）`,
    })
    .optional();

/**
 * The query of `GET /v1/plans/{plan}/search`: `q` (required), and filters checked against what
 * the plan has (published periods, status codes or `unset`, group paths, fiscal years).
 * @example searchQuerySchema(filters).parse({ q: "保育", group: "2" })
 */
export function searchQuerySchema(filters: SearchFilters) {
  const groups = [
    ...new Set([
      ...filters.pillars.map((p) => String(p.number)),
      ...filters.categories.flatMap((c) => [c.path, c.parent.path]).filter(Boolean),
    ]),
  ];
  return z.object({
    ...pagingShape,
    q: z
      .string({ error: "検索する言葉を q で指定してください" })
      .max(MAX_API_QUERY_LENGTH, { error: `${MAX_API_QUERY_LENGTH}文字以内にしてください` }),
    period: oneOf(filters.periods, "公表された報告期"),
    status: oneOf([...filters.statuses.map((s) => s.code), UNSET_STATUS], "状況区分"),
    group: oneOf(groups, "区分"),
    fiscalYear: oneOf(filters.fiscalYears.map(String), "年度"),
  });
}
