import type { Kysely } from "kysely";
import { parseStatusWords, type StatusSource } from "../../domain/suggested-status.ts";
import type { Database } from "../database.ts";
import { statusSourceOf } from "./plan-tree-query.ts";

/** A measure's progress in one published reporting period. */
export interface PeriodProgress {
  asOf: string;
  narrative: string;
  statusCode: string | null;
  /** Present for a status suggested from the narrative (本文から自動判定), with its words. */
  statusSource?: StatusSource;
  statusWords?: string[];
}

/**
 * The progress of a plan's measures across its published reporting periods, oldest first, by
 * measure code: every period from the one in which the measure first appears (its first roadmap
 * revision or progress) on. A period in which it has no progress row (the report printed no text
 * of its own for it) is given as empty text with no status, as the draft that opening the next
 * period makes of it, so an unchanged measure never looks new or changed. Re-listings have none
 * (ask for their original's code). Three queries whatever the number of measures or periods.
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
  const published = db
    .selectFrom("reporting_period")
    .where("reporting_period.plan_id", "=", planId)
    .where("reporting_period.state", "=", "published");
  const [rows, periods, firstSeen] = await Promise.all([
    db
      .selectFrom("progress")
      .innerJoin("measure", "measure.id", "progress.measure_id")
      .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
      .select([
        "measure.code",
        "reporting_period.as_of",
        "progress.narrative",
        "progress.status_code",
        "progress.status_suggested",
        "progress.status_words",
      ])
      .where("measure.plan_id", "=", planId)
      .where("reporting_period.plan_id", "=", planId)
      .where("reporting_period.state", "=", "published")
      .$if(measureCodes !== undefined, (q) => q.where("measure.code", "in", measureCodes ?? []))
      .$if(asOf !== undefined, (q) => q.where("reporting_period.as_of", "in", asOf ?? []))
      .execute(),
    published
      .select("as_of")
      .$if(asOf !== undefined, (q) => q.where("reporting_period.as_of", "in", asOf ?? []))
      .orderBy("as_of")
      .execute(),
    // The first published period of each measure: its earliest roadmap revision or progress.
    db
      .selectFrom("measure")
      .select((eb) => [
        "measure.code",
        eb
          .selectFrom("reporting_period")
          .select("reporting_period.as_of")
          .where("reporting_period.plan_id", "=", planId)
          .where("reporting_period.state", "=", "published")
          .where((w) =>
            w.or([
              w.exists(
                w
                  .selectFrom("roadmap_revision as r")
                  .select("r.id")
                  .whereRef("r.measure_id", "=", "measure.id")
                  .whereRef("r.reporting_period_id", "=", "reporting_period.id"),
              ),
              w.exists(
                w
                  .selectFrom("progress as p")
                  .select("p.id")
                  .whereRef("p.measure_id", "=", "measure.id")
                  .whereRef("p.reporting_period_id", "=", "reporting_period.id"),
              ),
            ]),
          )
          .orderBy("reporting_period.as_of")
          .limit(1)
          .as("first_as_of"),
      ])
      .where("measure.plan_id", "=", planId)
      .where("measure.relisting_of_measure_id", "is", null)
      .$if(measureCodes !== undefined, (q) => q.where("measure.code", "in", measureCodes ?? []))
      .orderBy("measure.code")
      .execute(),
  ]);
  const stored = new Map(rows.map((r) => [`${r.code}\u0000${r.as_of}`, r]));
  for (const { code, first_as_of: first } of firstSeen) {
    if (first === null) continue;
    const list: PeriodProgress[] = [];
    for (const { as_of } of periods) {
      if (as_of < first) continue;
      const row = stored.get(`${code}\u0000${as_of}`);
      list.push({
        asOf: as_of,
        narrative: row?.narrative ?? "",
        statusCode: row?.status_code ?? null,
        ...(row && statusSourceOf(row) === "suggested"
          ? { statusSource: "suggested" as const, statusWords: parseStatusWords(row.status_words) }
          : {}),
      });
    }
    if (list.length > 0) history.set(code, list);
  }
  return history;
}
