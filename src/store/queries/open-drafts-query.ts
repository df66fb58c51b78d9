import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** One measure's draft in the open period, beside what the last published period said. */
export interface OpenDraft {
  progressId: number;
  measureCode: string;
  title: string;
  itemNumber: number | null;
  /** The lead department (null: none assigned). */
  departmentId: number | null;
  departmentName: string | null;
  /** Every department that owns the measure, lead or contributing. */
  departmentIds: number[];
  reviewState: string;
  reviewComment: string | null;
  version: number;
  narrative: string;
  statusCode: string | null;
  updatedAt: string;
  updatedBy: string | null;
  /** The last published period's progress (null when the measure had none). */
  previous: { progressId: number; narrative: string; statusCode: string | null } | null;
  /** Whether the narrative or the status differs from the last published period's. */
  changed: boolean;
}

/**
 * The open period of a plan and every original measure's draft in it, in document order, with
 * the previous published period's narrative and status: what "my updates", the review list,
 * the completion dashboard and the publish confirmation are made from (two queries for the
 * drafts, whatever the plan's size). Null when the plan does not exist.
 */
export async function openDrafts(db: Kysely<Database>, planSlug: string) {
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
  const previous = periods.filter((p) => p.state === "published").at(-1) ?? null;
  const statuses = await db
    .selectFrom("status_definition")
    .select(["code", "name"])
    .where("plan_id", "=", plan.id)
    .orderBy("position")
    .execute();
  const departments = await db
    .selectFrom("department")
    .select(["id", "name"])
    .where("organization_id", "=", plan.organization_id)
    .orderBy("name")
    .execute();
  const drafts = open ? await draftsOf(db, plan.id, open.id, previous?.id ?? null) : [];
  return { plan, open, previous, statuses, departments, drafts };
}

export type OpenDrafts = NonNullable<Awaited<ReturnType<typeof openDrafts>>>;

async function draftsOf(
  db: Kysely<Database>,
  planId: number,
  periodId: number,
  previousId: number | null,
): Promise<OpenDraft[]> {
  const rows = await db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .leftJoin("measure_department", (j) =>
      j
        .onRef("measure_department.measure_id", "=", "measure.id")
        .on("measure_department.role", "=", "lead"),
    )
    .leftJoin("department", "department.id", "measure_department.department_id")
    .leftJoin("account", "account.id", "progress.updated_by")
    .leftJoin("progress as prev", (j) =>
      j
        .onRef("prev.measure_id", "=", "measure.id")
        .on("prev.reporting_period_id", "=", previousId ?? -1),
    )
    .select([
      "progress.id as progressId",
      "measure.id as measureId",
      "measure.code as measureCode",
      "measure.title",
      "item.number as itemNumber",
      "department.id as departmentId",
      "department.name as departmentName",
      "progress.review_state as reviewState",
      "progress.review_comment as reviewComment",
      "progress.version",
      "progress.narrative",
      "progress.status_code as statusCode",
      "progress.updated_at as updatedAt",
      "account.display_name as updatedBy",
      "prev.id as previousId",
      "prev.narrative as previousNarrative",
      "prev.status_code as previousStatusCode",
    ])
    .where("progress.reporting_period_id", "=", periodId)
    .orderBy("item.number")
    .orderBy("measure.position")
    .orderBy("measure.id")
    .execute();
  const owners = await db
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .select(["measure_department.measure_id", "measure_department.department_id"])
    .where("measure.plan_id", "=", planId)
    .execute();
  const ownersOf = new Map<number, number[]>();
  for (const o of owners)
    ownersOf.set(o.measure_id, [...(ownersOf.get(o.measure_id) ?? []), o.department_id]);
  return rows.map((r) => {
    const previous =
      r.previousId === null
        ? null
        : {
            progressId: r.previousId,
            narrative: r.previousNarrative ?? "",
            statusCode: r.previousStatusCode,
          };
    return {
      progressId: r.progressId,
      measureCode: r.measureCode,
      title: r.title,
      itemNumber: r.itemNumber,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      departmentIds: ownersOf.get(r.measureId) ?? [],
      reviewState: r.reviewState,
      reviewComment: r.reviewComment,
      version: r.version,
      narrative: r.narrative,
      statusCode: r.statusCode,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
      previous,
      changed:
        previous === null ||
        previous.narrative !== r.narrative ||
        previous.statusCode !== r.statusCode,
    };
  });
}

/**
 * What a period's publish would publish, as one digest: every draft's measure, state and
 * version. The publish confirmation carries it, and the publish refuses when the period no
 * longer matches it, so what goes out is what the person confirmed.
 */
export async function periodDigest(db: Kysely<Database>, periodId: number): Promise<string> {
  const rows = await db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .select(["measure.code", "progress.review_state", "progress.version"])
    .where("progress.reporting_period_id", "=", periodId)
    .orderBy("measure.code")
    .execute();
  const hash = createHash("sha256");
  for (const r of rows) hash.update(`${r.code}\t${r.review_state}\t${r.version}\n`);
  return hash.digest("hex").slice(0, 32);
}
