import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A custom field (独自項目) of a measure as it stood in a period. */
export interface MeasureFieldValue {
  code: string;
  heading: string;
  value: string;
}

/**
 * The custom fields of a plan's measures as they stood at `asOf`: for each measure and heading,
 * the value of the latest period up to it (a value is stored only in the periods it changed in).
 * Ordered by measure ID (numbers in IDs compared as numbers), then by the mapping's order.
 * @example await loadMeasureFields(store.db, tree.id, tree.period?.asOf ?? null)
 */
export async function loadMeasureFields(
  db: Kysely<Database>,
  planId: number,
  asOf: string | null,
  measureCodes?: readonly string[],
): Promise<MeasureFieldValue[]> {
  if (asOf === null || measureCodes?.length === 0) return [];
  const rows = await db
    .selectFrom("measure_field")
    .innerJoin("measure", "measure.id", "measure_field.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "measure_field.reporting_period_id")
    .select([
      "measure.code",
      "measure_field.heading",
      "measure_field.value",
      "measure_field.position",
      "reporting_period.as_of",
    ])
    .where("measure.plan_id", "=", planId)
    .where("reporting_period.as_of", "<=", asOf)
    .$if(measureCodes !== undefined, (q) => q.where("measure.code", "in", measureCodes ?? []))
    .orderBy("reporting_period.as_of")
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.code}\u0000${row.heading}`, row);
  return [...latest.values()]
    .sort(
      (a, b) =>
        a.code.localeCompare(b.code, "ja", { numeric: true }) ||
        a.position - b.position ||
        a.heading.localeCompare(b.heading),
    )
    .map(({ code, heading, value }) => ({ code, heading, value }));
}
