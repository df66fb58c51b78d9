import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { type BatchItem, BatchRefusal, checkBatch, lockedDraft } from "./batch-items.ts";
import { measureByCode, periodByAsOf } from "./cycle-context.ts";

/**
 * The planning division accepts several submitted drafts at once (「まとめて確認済にする」): each
 * locked and version-checked, all in one transaction. A draft its department changed since the
 * list was read, or one not waiting for review, refuses the batch by name; nothing is stored.
 */
export async function acceptDrafts(
  store: Store,
  actor: Actor,
  input: { planSlug: string; asOf: string; items: readonly BatchItem[] },
  now = new Date(),
) {
  checkBatch(input.items);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    // Shared, like a save: a save of another measure runs beside it; a save of one of these
    // waits for its row lock and then meets the new version.
    const plan = await lockPlan(trx, input.planSlug, "share");
    if (!can(actor, "progress.review", { organizationId: plan.organization_id }))
      throw new ShinchokuError("forbidden", "確認する権限がありません");
    const period = await periodByAsOf(trx, plan.id, input.asOf);
    if (period.state !== "open")
      throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
        field: "period",
      });
    const accepted: Array<{ measureCode: string; version: number }> = [];
    for (const item of input.items) {
      const measure = await measureByCode(trx, plan.id, item.measureCode);
      const current = await lockedDraft(trx, measure, period.id, item.expectedVersion);
      if (current.review_state !== "submitted")
        throw new BatchRefusal(
          "invalid_state",
          measure.code,
          `「${measure.title}」（${measure.code}）は確認待ちではありません`,
        );
      const version = current.version + 1;
      await trx
        .updateTable("progress")
        .set({ review_state: "accepted", review_comment: null, version, updated_at: at })
        .where("id", "=", current.id)
        .execute();
      await recordAudit(trx, {
        actor,
        action: "progress.accept",
        entity: "progress",
        entityId: `${measure.code}@${period.as_of}`,
        planId: plan.id,
        measureId: measure.id,
        before: { reviewState: current.review_state, version: current.version },
        after: { reviewState: "accepted", comment: null, version, bulk: true },
        at,
      });
      accepted.push({ measureCode: measure.code, version });
    }
    return { accepted };
  });
}
