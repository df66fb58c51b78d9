import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { confirmApiToken } from "../api/api-token-lock.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { type BatchItem, BatchRefusal, checkBatch, lockedDraft } from "./batch-items.ts";
import { measureByCode, periodByAsOf } from "./cycle-context.ts";

/** The states a department may submit from: its own draft, or last period's text kept as it is. */
const SUBMITTABLE = new Set(["draft", "carried"]);

/**
 * A department editor submits several drafts for review at once (「まとめて提出」): each one
 * version-checked, all in one transaction. One refused measure (changed since the list, not
 * theirs, already submitted) refuses the batch, named, and nothing of it is stored: the other
 * drafts stay drafts, as they were.
 */
export async function submitDrafts(
  store: Store,
  actor: Actor,
  input: { planSlug: string; asOf: string; items: readonly BatchItem[] },
  now = new Date(),
) {
  checkBatch(input.items);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    await confirmApiToken(trx, actor);
    // Side by side with saves and reviews; never across a publish.
    const plan = await lockPlan(trx, input.planSlug, "share");
    const measures = [];
    for (const item of input.items) {
      const measure = await measureByCode(trx, plan.id, item.measureCode);
      const target = { organizationId: plan.organization_id, departmentIds: measure.departmentIds };
      if (!can(actor, "progress.edit", target))
        throw new ShinchokuError(
          "forbidden",
          `「${measure.title}」（${measure.code}）を提出する権限がありません`,
        );
      measures.push({ measure, item });
    }
    const period = await periodByAsOf(trx, plan.id, input.asOf);
    if (period.state !== "open")
      throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
        field: "period",
      });
    const submitted: Array<{ measureCode: string; version: number }> = [];
    for (const { measure, item } of measures) {
      if (measure.relisting_of_measure_id !== null)
        throw new BatchRefusal(
          "invalid_input",
          measure.code,
          `「${measure.title}」（${measure.code}）は再掲です。再掲元の取組で提出してください`,
        );
      const current = await lockedDraft(trx, measure, period.id, item.expectedVersion);
      if (!SUBMITTABLE.has(current.review_state))
        throw new BatchRefusal(
          "invalid_state",
          measure.code,
          `「${measure.title}」（${measure.code}）は提出できる状態ではありません（下書きか未更新の取組だけを提出できます）`,
        );
      const version = current.version + 1;
      await trx
        .updateTable("progress")
        .set({
          review_state: "submitted",
          review_comment: null,
          version,
          updated_by: actor.accountId,
          updated_at: at,
        })
        .where("id", "=", current.id)
        .execute();
      await recordAudit(trx, {
        actor,
        action: "progress.submit",
        entity: "progress",
        entityId: `${measure.code}@${period.as_of}`,
        planId: plan.id,
        measureId: measure.id,
        before: { reviewState: current.review_state, version: current.version },
        after: { reviewState: "submitted", version },
        at,
      });
      submitted.push({ measureCode: measure.code, version });
    }
    return { submitted };
  });
}
