import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A plan's periods and, for its open period (if any), every original measure's draft with its state and lead department. */
export async function cycleOverview(db: Kysely<Database>, planSlug: string) {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title", "organization_id"])
    .where("slug", "=", planSlug)
    .executeTakeFirst();
  if (!plan) return null;
  const periods = await db
    .selectFrom("reporting_period")
    .selectAll()
    .where("plan_id", "=", plan.id)
    .orderBy("as_of")
    .execute();
  const open = periods.find((p) => p.state === "open") ?? null;
  const statuses = await db
    .selectFrom("status_definition")
    .select(["code", "name"])
    .where("plan_id", "=", plan.id)
    .orderBy("position")
    .execute();
  const drafts = open
    ? await db
        .selectFrom("progress")
        .innerJoin("measure", "measure.id", "progress.measure_id")
        .innerJoin("item", "item.id", "measure.item_id")
        .leftJoin("measure_department", (j) =>
          j
            .onRef("measure_department.measure_id", "=", "measure.id")
            .on("measure_department.role", "=", "lead"),
        )
        .leftJoin("department", "department.id", "measure_department.department_id")
        .select([
          "measure.code",
          "measure.title",
          "item.number as itemNumber",
          "progress.review_state as reviewState",
          "progress.status_code as statusCode",
          "progress.version",
          "department.id as departmentId",
          "department.name as departmentName",
        ])
        .where("progress.reporting_period_id", "=", open.id)
        .orderBy("item.number")
        .orderBy("measure.position")
        .execute()
    : [];
  return { plan, periods, open, statuses, drafts };
}

/** One measure's draft in the open period, with everything the edit form shows. */
export async function measureDraft(db: Kysely<Database>, planSlug: string, measureCode: string) {
  const overview = await db
    .selectFrom("measure")
    .innerJoin("plan", "plan.id", "measure.plan_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .select([
      "measure.id",
      "measure.code",
      "measure.title",
      "measure.relisting_of_measure_id",
      "item.number as itemNumber",
      "item.label as itemLabel",
      "item.title as itemTitle",
      "plan.id as planId",
      "plan.organization_id as organizationId",
    ])
    .where("plan.slug", "=", planSlug)
    .where("measure.code", "=", measureCode)
    .executeTakeFirst();
  if (!overview) return null;
  const departments = await db
    .selectFrom("measure_department")
    .innerJoin("department", "department.id", "measure_department.department_id")
    .select(["department.id", "department.name", "measure_department.role"])
    .where("measure_department.measure_id", "=", overview.id)
    .execute();
  const periods = await db
    .selectFrom("reporting_period")
    .selectAll()
    .where("plan_id", "=", overview.planId)
    .orderBy("as_of")
    .execute();
  const open = periods.find((p) => p.state === "open") ?? null;
  const previous = [...periods].reverse().find((p) => p.state === "published") ?? null;
  const progressIn = async (periodId: number | undefined) =>
    periodId === undefined
      ? undefined
      : db
          .selectFrom("progress")
          .leftJoin("account", "account.id", "progress.updated_by")
          .select([
            "progress.narrative",
            "progress.status_code as statusCode",
            "progress.status_suggested as statusSuggested",
            "progress.version",
            "progress.review_state as reviewState",
            "progress.review_comment as reviewComment",
            "progress.updated_at as updatedAt",
            "account.display_name as updatedBy",
          ])
          .where("progress.measure_id", "=", overview.id)
          .where("progress.reporting_period_id", "=", periodId)
          .executeTakeFirst();
  // The roadmap as the open period will publish it: the latest revision of each fiscal year.
  const revisions = await db
    .selectFrom("roadmap_revision as r")
    .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
    .select(["r.fiscal_year", "r.text"])
    .where("r.measure_id", "=", overview.id)
    .orderBy("p.as_of")
    .orderBy("r.id")
    .execute();
  const roadmap = new Map<number, string>();
  for (const r of revisions) roadmap.set(r.fiscal_year, r.text);
  const span = await db
    .selectFrom("plan")
    .select(["first_fiscal_year", "last_fiscal_year"])
    .where("id", "=", overview.planId)
    .executeTakeFirstOrThrow();
  const years: number[] = [];
  // One year beyond the plan's span (and a year the open period added), for a rolling plan's next year.
  for (
    let y = span.first_fiscal_year;
    y <= Math.max(span.last_fiscal_year, open?.last_fiscal_year ?? 0, ...roadmap.keys()) + 1;
    y++
  )
    years.push(y);
  return {
    measure: overview,
    departments,
    open,
    draft: await progressIn(open?.id),
    published: await progressIn(previous?.id),
    publishedAsOf: previous?.as_of ?? null,
    roadmap: years.map((fiscalYear) => ({ fiscalYear, text: roadmap.get(fiscalYear) ?? "" })),
  };
}
