import { z } from "zod";

/** What `GET /plans/:slug/indicators` filters by, each null when not used. */
export interface IndicatorFilter {
  kind: string | null;
  /** The plan's name of a level (取組, 施策…). */
  level: string | null;
  /** A department's name (the lead or a contributor of the indicator's measure). */
  department: string | null;
  achieved: "yes" | "no" | null;
}

/** One of `values`, or null: an unknown value is ignored, never an error. */
const oneOf = (values: readonly string[]) =>
  z
    .string()
    .nullish()
    .transform((v) => (v && values.includes(v) ? v : null))
    .catch(null);

/**
 * The query of the plan's indicator page, checked against what the plan offers, so a stale URL
 * still shows the page.
 * @example indicatorFilterSchema({ kinds: ["KPI"], levels: ["取組"], departments: [] }).parse({ kind: "KPI" })
 */
export function indicatorFilterSchema(offers: {
  kinds: readonly string[];
  levels: readonly string[];
  departments: readonly string[];
}) {
  return z.object({
    kind: oneOf(offers.kinds),
    level: oneOf(offers.levels),
    department: oneOf(offers.departments),
    achieved: oneOf(["yes", "no"]) as z.ZodType<"yes" | "no" | null>,
  }) satisfies z.ZodType<IndicatorFilter>;
}
