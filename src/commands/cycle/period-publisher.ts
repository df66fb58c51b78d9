import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import { periodDigest } from "../../store/queries/open-drafts-query.ts";
import { reindexPlan } from "../../store/search/search-indexer.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { isIsoDate, periodByAsOf } from "./cycle-context.ts";

/** What the person saw on the publish confirmation page, and what they chose there. */
export interface PublishConfirmation {
  /** `periodDigest` of the period as the confirmation page showed it. */
  digest: string;
  /**
   * The measures still carrying last period's text: published marked 「前回から変更なし」
   * (`mark`), or the publish is held back until their departments update them (`block`).
   */
  unchanged: "mark" | "block" | null;
}

/**
 * Publish the open period: at once and whole, in one transaction — before it commits the
 * public site shows nothing of it, after it shows all of it. Refused while drafts wait for
 * review, for their department's correction or for their department to submit them. With a
 * confirmation (the staff pages always give one), refused when the period changed since the
 * confirmation page was shown, and the unchanged measures are marked or hold the publish back.
 */
export async function publishPeriod(
  store: Store,
  actor: Actor,
  input: {
    planSlug: string;
    asOf: string;
    publishedOn: string;
    confirmation?: PublishConfirmation | undefined;
  },
  now = new Date(),
) {
  if (!isIsoDate(input.publishedOn))
    throw new ShinchokuError("invalid_input", "公表日を YYYY-MM-DD で入力してください", {
      field: "publishedOn",
    });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    // Waits for every save, review and revision in flight; they wait for this in turn.
    const plan = await lockPlan(trx, input.planSlug, "update");
    if (!can(actor, "period.publish", { organizationId: plan.organization_id })) {
      throw new ShinchokuError("forbidden", "公表する権限がありません");
    }
    const period = await periodByAsOf(trx, plan.id, input.asOf);
    if (period.state !== "open")
      throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
        field: "period",
      });
    const confirmation = input.confirmation;
    if (confirmation && confirmation.digest !== (await periodDigest(trx, period.id)))
      throw new ShinchokuError(
        "conflict",
        "確認画面を開いた後に取組の内容や状態が変わりました。もう一度確認してから公表してください",
        { field: "confirmation" },
      );
    const waiting = await trx
      .selectFrom("progress")
      .select(["review_state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("reporting_period_id", "=", period.id)
      .where("review_state", "in", ["submitted", "returned", "draft", "carried"])
      .groupBy("review_state")
      .execute();
    const count = (state: string) => Number(waiting.find((w) => w.review_state === state)?.n ?? 0);
    if (count("submitted") + count("returned") + count("draft") > 0) {
      throw new ShinchokuError(
        "invalid_state",
        `未確認の取組が ${count("submitted")} 件、差戻し中の取組が ${count("returned")} 件${count("draft") > 0 ? `、提出されていない下書きが ${count("draft")} 件` : ""}あります。すべて確認してから公表してください`,
        { field: "period" },
      );
    }
    if (confirmation && count("carried") > 0) {
      if (confirmation.unchanged === null)
        throw new ShinchokuError("invalid_input", "前回から変更のない取組の扱いを選んでください", {
          field: "unchanged",
        });
      if (confirmation.unchanged === "block")
        throw new ShinchokuError(
          "invalid_state",
          `前回から変更のない取組が ${count("carried")} 件あります。担当課が更新するまで公表しません`,
          { field: "unchanged" },
        );
    }
    const carried = await trx
      .updateTable("progress")
      .set({ review_state: confirmation?.unchanged === "mark" ? "unchanged" : "accepted" })
      .where("reporting_period_id", "=", period.id)
      .where("review_state", "=", "carried")
      .executeTakeFirst();
    await trx
      .updateTable("reporting_period")
      .set({ state: "published", published_on: input.publishedOn })
      .where("id", "=", period.id)
      .execute();
    // The period's roadmap revisions become the current roadmap, and the plan's span grows to them.
    const revised = await trx
      .selectFrom("roadmap_revision")
      .selectAll()
      .where("reporting_period_id", "=", period.id)
      .execute();
    for (const r of revised) {
      const values = { text: r.text, continued: r.continued, none: r.none, addition: r.addition };
      const updated = await trx
        .updateTable("roadmap_entry")
        .set(values)
        .where("measure_id", "=", r.measure_id)
        .where("fiscal_year", "=", r.fiscal_year)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await trx
          .insertInto("roadmap_entry")
          .values({ measure_id: r.measure_id, fiscal_year: r.fiscal_year, ...values })
          .execute();
      }
    }
    // A year the planning division added to the roadmap while the period was open counts too.
    if (revised.length > 0 || period.last_fiscal_year !== null) {
      const years = [
        ...revised.map((r) => r.fiscal_year),
        ...(period.last_fiscal_year === null ? [] : [period.last_fiscal_year]),
      ];
      const span = await trx
        .selectFrom("plan")
        .select(["first_fiscal_year", "last_fiscal_year"])
        .where("id", "=", plan.id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("plan")
        .set({
          first_fiscal_year: Math.min(span.first_fiscal_year, ...years),
          last_fiscal_year: Math.max(span.last_fiscal_year, ...years),
        })
        .where("id", "=", plan.id)
        .execute();
    }
    // The newly public period becomes searchable in the same transaction.
    await reindexPlan(trx, plan.id);
    await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "period.publish",
      entity: "reporting_period",
      entityId: period.id,
      planId: plan.id,
      before: { state: "open" },
      after: {
        state: "published",
        publishedOn: input.publishedOn,
        unchangedCarried: Number(carried.numUpdatedRows),
        ...(confirmation
          ? { confirmed: confirmation.digest, unchanged: confirmation.unchanged }
          : {}),
      },
      at,
    });
    return { unchanged: Number(carried.numUpdatedRows) };
  });
}
