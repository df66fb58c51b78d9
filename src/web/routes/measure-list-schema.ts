import { z } from "zod";
import {
  MEASURE_SORTS,
  type MeasureListFacets,
  type MeasureListFilter,
  UNSET_STATUS,
} from "../../store/queries/measure-list-query.ts";

/** One of `values`, or undefined for anything else: an unknown value is ignored, never an error. */
const oneOf = (values: readonly string[]) =>
  z
    .string()
    .refine((v) => values.includes(v))
    .optional()
    .catch(undefined);

/**
 * The query of `GET /plans/:slug/measures`, checked against what the plan offers (its statuses,
 * published periods, pillars, categories and departments). Whatever is unknown or malformed falls back to its
 * default, so a hand-edited or stale URL still gives the list.
 * @example measureListSchema(facets).parse({ status: "in_progress", page: "2" })
 */
export function measureListSchema(facets: MeasureListFacets) {
  const periods = facets.periods.map((p) => p.asOf);
  return z
    .object({
      period: oneOf(periods),
      since: oneOf(periods),
      status: oneOf([...facets.statuses.map((s) => s.code), UNSET_STATUS]),
      pillar: oneOf(facets.pillars.map((p) => String(p.number))),
      category: oneOf(facets.categories.map((c) => c.key)),
      figures: z.enum(["with", "without"]).optional().catch(undefined),
      department: oneOf((facets.departments ?? []).map((d) => String(d.id))),
      changed: z.literal("1").optional().catch(undefined),
      relistings: z.literal("1").optional().catch(undefined),
      sort: z.enum(MEASURE_SORTS).catch("item"),
      dir: z.enum(["asc", "desc"]).catch("asc"),
      page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    })
    .transform((q): MeasureListFilter => {
      const period = q.period ?? periods.at(-1) ?? null;
      // Only an earlier period can be compared with.
      const since = q.since !== undefined && period !== null && q.since < period ? q.since : null;
      const pillar = q.pillar === undefined ? null : Number(q.pillar);
      const category = facets.categories.find((c) => c.key === q.category);
      return {
        period,
        since,
        status: q.status ?? null,
        pillar,
        // A category belongs to one pillar: with another pillar chosen it is ignored.
        category:
          category && (pillar === null || category.pillarNumber === pillar) ? category.key : null,
        figures: q.figures ?? null,
        ...(q.department === undefined ? {} : { department: Number(q.department) }),
        changedOnly: q.changed === "1" && since !== null,
        relistings: q.relistings === "1",
        sort: q.sort,
        direction: q.dir,
        page: q.page,
      };
    });
}

/** The filter of a request's query (`c.req.query()`), with defaults for whatever is unknown. */
export function measureListFilter(
  facets: MeasureListFacets,
  query: Record<string, string | undefined>,
): MeasureListFilter {
  return measureListSchema(facets).parse(query);
}

/**
 * What in a request's query cannot be done as asked, by the form field to correct: sorting by
 * 「変更ありを先に」 or showing changed measures alone needs an earlier period to compare with
 * (`since`). The list is still shown (nothing counts as changed), with the form as sent and a 400.
 * @example measureListProblems({ sort: "changed" }, filter) // ["f-since"]
 */
export function measureListProblems(
  query: Record<string, string | undefined>,
  filter: MeasureListFilter,
): "f-since"[] {
  const comparing = query.sort === "changed" || query.changed === "1";
  return comparing && filter.since === null ? ["f-since"] : [];
}
