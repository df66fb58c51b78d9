import type { Hono } from "hono";
import { z } from "zod";
import { prefectureByCode } from "../../../domain/prefecture.ts";
import { searchIndicators } from "../../../store/search/indicator-search.ts";
import type { Store } from "../../../store/store.ts";
import { INDICATOR_COUNT_LIMIT } from "../../routes/national-indicator-schema.ts";
import type { ApiEnv } from "../api-env.ts";
import { pageInfo, pageLinks, paging, pagingShape } from "../api-pagination.ts";
import { parseQuery } from "../api-query.ts";
import { presentIndicatorSearch } from "../presenters/indicator-search-presenter.ts";
import { MAX_API_QUERY_LENGTH } from "./search-query-schema.ts";

/**
 * The query of `GET /v1/indicators`: `q` (required, at most 1,000 characters; the search uses the
 * first 200) and a prefecture's JIS X 0401 code.
 */
export const nationalIndicatorQuerySchema = z.object({
  ...pagingShape,
  q: z
    .string({ error: "検索する言葉を q で指定してください" })
    .max(MAX_API_QUERY_LENGTH, { error: `${MAX_API_QUERY_LENGTH}文字以内にしてください` }),
  prefecture: z
    .string()
    .refine((v) => prefectureByCode(v) !== null, {
      error: "都道府県コード（01〜47）で指定してください",
    })
    .optional(),
});

/**
 * `GET /v1/indicators?q=&prefecture=`: indicators of every plan whose name holds the words, by
 * organization (the newest 1,000 matches, as the page `/indicators`), paginated.
 */
export function nationalIndicatorApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/indicators", async (c) => {
    const query = parseQuery(nationalIndicatorQuerySchema, c.req.query());
    const p = paging(query);
    const found = await searchIndicators(store, {
      query: query.q,
      ...(query.prefecture ? { prefecture: query.prefecture } : {}),
      limit: p.perPage,
      offset: p.offset,
      countLimit: INDICATOR_COUNT_LIMIT,
    });
    c.header("Link", pageLinks(c.req.url, p, found.total));
    c.header("X-Total-Count", String(found.total));
    return c.json({ ...pageInfo(p, found.total), ...presentIndicatorSearch(found) });
  });
}
