import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

export interface MissingUpdate {
  department: string | null;
  itemNumber: number | null;
  measureCode: string;
  measureTitle: string;
  reviewState: string;
  reviewComment: string | null;
}

/**
 * The missing-updates board: for the plan's open period, every measure still waiting for its
 * department — never updated (`carried`) or returned with a comment — grouped by lead
 * department (null: no department assigned yet), with the period's deadline.
 */
export async function missingUpdates(db: Kysely<Database>, planSlug: string) {
  const period = await db
    .selectFrom("reporting_period")
    .innerJoin("plan", "plan.id", "reporting_period.plan_id")
    .select([
      "reporting_period.id",
      "reporting_period.as_of",
      "reporting_period.deadline",
      "plan.id as plan_id",
    ])
    .where("plan.slug", "=", planSlug)
    .where("reporting_period.state", "=", "open")
    .executeTakeFirst();
  if (!period) return null;
  const rows = await db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .leftJoin("measure_department", (join) =>
      join
        .onRef("measure_department.measure_id", "=", "measure.id")
        .on("measure_department.role", "=", "lead"),
    )
    .leftJoin("department", "department.id", "measure_department.department_id")
    .select([
      "department.name as department",
      "item.number as itemNumber",
      "measure.code as measureCode",
      "measure.title as measureTitle",
      "progress.review_state as reviewState",
      "progress.review_comment as reviewComment",
    ])
    .where("progress.reporting_period_id", "=", period.id)
    .where("progress.review_state", "in", ["carried", "returned"])
    .orderBy("department.name")
    .orderBy("item.number")
    .orderBy("measure.position")
    .execute();
  return { asOf: period.as_of, deadline: period.deadline, rows: rows as MissingUpdate[] };
}
