import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A measure's progress in one published reporting period. */
export interface PeriodProgress {
  asOf: string;
  narrative: string;
  statusCode: string | null;
}

/**
 * The progress of a plan's measures across its published reporting periods, oldest first, by
 * measure code. Only measures with progress of their own appear: a re-listing has none (ask for
 * its original's code). One query whatever the number of measures or periods.
 * @example
 * const history = await loadProgressHistory(db, tree.id, { measureCodes: ["M0082"] });
 * history.get("M0082") // [{ asOf: "2013-09-30", narrative: "…", statusCode: null }, …]
 */
export async function loadProgressHistory(
  db: Kysely<Database>,
  planId: number,
  options: { measureCodes?: readonly string[]; asOf?: readonly string[] } = {},
): Promise<Map<string, PeriodProgress[]>> {
  const { measureCodes, asOf } = options;
  const history = new Map<string, PeriodProgress[]>();
  if (measureCodes?.length === 0 || asOf?.length === 0) return history;
  const rows = await db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select([
      "measure.code",
      "reporting_period.as_of",
      "progress.narrative",
      "progress.status_code",
    ])
    .where("measure.plan_id", "=", planId)
    .where("reporting_period.plan_id", "=", planId)
    .where("reporting_period.state", "=", "published")
    .$if(measureCodes !== undefined, (q) => q.where("measure.code", "in", measureCodes ?? []))
    .$if(asOf !== undefined, (q) => q.where("reporting_period.as_of", "in", asOf ?? []))
    .orderBy("measure.code")
    .orderBy("reporting_period.as_of")
    .execute();
  for (const row of rows) {
    const entry = { asOf: row.as_of, narrative: row.narrative, statusCode: row.status_code };
    const list = history.get(row.code);
    if (list) list.push(entry);
    else history.set(row.code, [entry]);
  }
  return history;
}
