import { z } from "zod";
import { isOrganizationCode } from "../../domain/organization-code.ts";
import { prefectureByCode } from "../../domain/prefecture.ts";

/** Results on one page of the national search. */
export const NATIONAL_PAGE_SIZE = 20;
/** Matches counted at most: beyond, the page says "1,000件以上" and offers no later pages. */
export const NATIONAL_COUNT_LIMIT = 1000;

/** What `GET /search` asks for, each filter null when not used. */
export interface NationalSearchRequest {
  q: string;
  /** JIS X 0401 code of a prefecture ("43"). */
  prefecture: string | null;
  /** 全国地方公共団体コード ("431001"). */
  organization: string | null;
  page: number;
}

/**
 * The query of `GET /search?q=&pref=&org=&page=`. The text is kept as typed (the search cuts it
 * to its maximum length); a prefecture that does not exist, a malformed organization code or
 * page number falls back to its default, never an error.
 * @example nationalSearchSchema.parse({ q: "保育", pref: "43", page: "2" })
 */
export const nationalSearchSchema = z
  .object({
    q: z.string().catch(""),
    pref: z
      .string()
      .refine((v) => prefectureByCode(v) !== null)
      .optional()
      .catch(undefined),
    org: z.string().refine(isOrganizationCode).optional().catch(undefined),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(NATIONAL_COUNT_LIMIT / NATIONAL_PAGE_SIZE)
      .catch(1),
  })
  .transform(
    (q): NationalSearchRequest => ({
      q: q.q,
      prefecture: q.pref ?? null,
      organization: q.org ?? null,
      page: q.page,
    }),
  );

/** The national search request of a query string (`c.req.query()`). */
export function nationalSearchRequest(
  query: Record<string, string | undefined>,
): NationalSearchRequest {
  return nationalSearchSchema.parse({ q: "", ...query });
}
