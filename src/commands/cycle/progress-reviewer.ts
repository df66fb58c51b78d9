import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { queueReturned } from "../reminders/cycle-reminders.ts";
import type { ReminderMail } from "../reminders/reminder-queue.ts";
import { measureByCode, periodByAsOf } from "./cycle-context.ts";

export interface ReviewDecision {
  planSlug: string;
  asOf: string;
  measureCode: string;
  decision: "accept" | "return";
  /** Required when returning: what the department should change. */
  comment: string;
  expectedVersion: number;
}

/**
 * The planning division accepts a measure's draft, or returns it to its department with a
 * comment. A decision on a version the department has since changed is refused. With `mail`, a
 * return is told to the measure's department in the same transaction (the outbox).
 */
export async function reviewProgress(
  store: Store,
  actor: Actor,
  review: ReviewDecision,
  now = new Date(),
  mail: ReminderMail | null = null,
) {
  const comment = review.comment.trim();
  if (review.decision === "return" && comment === "") {
    throw new ShinchokuError("invalid_input", "差し戻す理由を入力してください", {
      field: "comment",
    });
  }
  if (comment.length > 1000)
    throw new ShinchokuError("invalid_input", "コメントは1000文字以内にしてください", {
      field: "comment",
    });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, review.planSlug, "share");
    if (!can(actor, "progress.review", { organizationId: plan.organization_id })) {
      throw new ShinchokuError("forbidden", "確認する権限がありません");
    }
    const measure = await measureByCode(trx, plan.id, review.measureCode);
    const period = await periodByAsOf(trx, plan.id, review.asOf);
    if (period.state !== "open")
      throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
        field: "period",
      });
    // Locked before its version is compared: two decisions on one draft cannot both pass.
    const current = await trx
      .selectFrom("progress")
      .selectAll()
      .where("measure_id", "=", measure.id)
      .where("reporting_period_id", "=", period.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current)
      throw new ShinchokuError("not_found", "この取組の進捗状況がありません", { field: "measure" });
    if (current.version !== review.expectedVersion) {
      throw new ShinchokuError(
        "conflict",
        "確認中に担当課が内容を変更しました。最新の内容を確認してください",
        { field: "narrative" },
      );
    }
    const state = review.decision === "accept" ? "accepted" : "returned";
    await trx
      .updateTable("progress")
      .set({
        review_state: state,
        review_comment: review.decision === "return" ? comment : null,
        // Accepting confirms the status: a suggestion (本文から自動判定) becomes the city's own.
        ...(review.decision === "accept" ? { status_suggested: 0, status_words: null } : {}),
        version: current.version + 1,
        updated_at: at,
      })
      .where("id", "=", current.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: `progress.${review.decision}`,
      entity: "progress",
      entityId: `${measure.code}@${period.as_of}`,
      planId: plan.id,
      measureId: measure.id,
      before: { reviewState: current.review_state, version: current.version },
      after: { reviewState: state, comment: comment || null, version: current.version + 1 },
      at,
    });
    if (mail && review.decision === "return")
      await queueReturned(trx, mail, {
        organizationId: plan.organization_id,
        planId: plan.id,
        periodId: period.id,
        measureId: measure.id,
        progressId: current.id,
        version: current.version + 1,
        comment,
        actor,
        at,
      });
    return { version: current.version + 1, state };
  });
}
