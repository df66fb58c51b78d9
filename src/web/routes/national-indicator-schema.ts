import { z } from "zod";
import { prefectureByCode } from "../../domain/prefecture.ts";

/** Indicators on one page of the national indicator search. */
export const INDICATOR_PAGE_SIZE = 20;
/** Matches counted at most: beyond, the page says "1,000件以上" and offers no later pages. */
export const INDICATOR_COUNT_LIMIT = 1000;

/** What `GET /indicators` asks for. */
export interface NationalIndicatorRequest {
  q: string;
  /** JIS X 0401 code of a prefecture ("43"), or null for every prefecture. */
  prefecture: string | null;
  page: number;
}

/**
 * The query of `GET /indicators?q=&pref=&page=`. The text is kept as typed (the search cuts it to
 * its maximum length); a prefecture that does not exist or a malformed page number falls back to
 * its default, never an error.
 * @example nationalIndicatorRequest({ q: "待機児童", pref: "43" }).prefecture // "43"
 */
export const nationalIndicatorSchema = z
  .object({
    q: z.string().catch(""),
    pref: z
      .string()
      .refine((v) => prefectureByCode(v) !== null)
      .optional()
      .catch(undefined),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(INDICATOR_COUNT_LIMIT / INDICATOR_PAGE_SIZE)
      .catch(1),
  })
  .transform(
    (q): NationalIndicatorRequest => ({ q: q.q, prefecture: q.pref ?? null, page: q.page }),
  );

/** The request of a query string (`c.req.query()`). */
export function nationalIndicatorRequest(
  query: Record<string, string | undefined>,
): NationalIndicatorRequest {
  return nationalIndicatorSchema.parse({ q: "", ...query });
}
