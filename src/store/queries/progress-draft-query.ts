import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

export interface ProgressDraft {
  plan: { id: number; organizationId: number };
  measure: { code: string; title: string; relisting: boolean; departmentIds: number[] };
  /** The open reporting period, or null when none is open. */
  period: { asOf: string; deadline: string | null } | null;
  /** The measure's draft in the open period, or null when it has none (yet). */
  draft: {
    narrative: string;
    statusCode: string | null;
    /** Whether the status is a suggestion from the narrative (本文から自動判定), not confirmed. */
    statusSuggested?: boolean;
    version: number;
    reviewState: string;
    reviewComment: string | null;
    updatedAt: string;
    updatedBy: string | null;
  } | null;
}

/**
 * A measure's progress draft in its plan's open reporting period, with what deciding who may
 * see or save it needs (organization, departments). Null when there is no such plan or measure.
 * Drafts are staff data: callers check `drafts.view` before showing one.
 */
export async function loadProgressDraft(
  db: Kysely<Database>,
  planSlug: string,
  measureCode: string,
): Promise<ProgressDraft | null> {
  const measure = await db
    .selectFrom("measure")
    .innerJoin("plan", "plan.id", "measure.plan_id")
    .select([
      "measure.id",
      "measure.code",
      "measure.title",
      "measure.relisting_of_measure_id",
      "plan.id as plan_id",
      "plan.organization_id",
    ])
    .where("plan.slug", "=", planSlug)
    .where("measure.code", "=", measureCode)
    .executeTakeFirst();
  if (!measure) return null;
  // One after the other: inside a transaction both would go to one connection anyway.
  const departments = await db
    .selectFrom("measure_department")
    .select("department_id")
    .where("measure_id", "=", measure.id)
    .execute();
  const period = await db
    .selectFrom("reporting_period")
    .select(["id", "as_of", "deadline"])
    .where("plan_id", "=", measure.plan_id)
    .where("state", "=", "open")
    .orderBy("as_of", "desc")
    .executeTakeFirst();
  const draft = period
    ? await db
        .selectFrom("progress")
        .leftJoin("account", "account.id", "progress.updated_by")
        .select([
          "progress.narrative",
          "progress.status_code",
          "progress.status_suggested",
          "progress.version",
          "progress.review_state",
          "progress.review_comment",
          "progress.updated_at",
          "account.display_name",
        ])
        .where("progress.measure_id", "=", measure.id)
        .where("progress.reporting_period_id", "=", period.id)
        .executeTakeFirst()
    : undefined;
  return {
    plan: { id: measure.plan_id, organizationId: measure.organization_id },
    measure: {
      code: measure.code,
      title: measure.title,
      relisting: measure.relisting_of_measure_id !== null,
      departmentIds: departments.map((d) => d.department_id),
    },
    period: period ? { asOf: period.as_of, deadline: period.deadline } : null,
    draft: draft
      ? {
          narrative: draft.narrative,
          statusCode: draft.status_code,
          statusSuggested: draft.status_code !== null && Number(draft.status_suggested) === 1,
          version: draft.version,
          reviewState: draft.review_state,
          reviewComment: draft.review_comment,
          updatedAt: draft.updated_at,
          updatedBy: draft.display_name,
        }
      : null,
  };
}
