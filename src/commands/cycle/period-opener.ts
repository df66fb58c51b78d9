import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import { WORKING_DAY_YEARS } from "../../domain/working-days.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { queuePeriodOpened } from "../reminders/cycle-reminders.ts";
import type { ReminderMail } from "../reminders/reminder-queue.ts";
import { isIsoDate } from "./cycle-context.ts";

/**
 * Open a reporting period: its as-of date must follow the last period's, one period at a time
 * is open, and every measure's draft starts from the previous period's text, status and
 * confirmed figures (state `carried` until its department updates it). With `mail`, each
 * department with measures is told, in the same transaction (the outbox).
 */
export async function openPeriod(
  store: Store,
  actor: Actor,
  input: { planSlug: string; asOf: string; deadline: string | null },
  now = new Date(),
  mail: ReminderMail | null = null,
) {
  if (!isIsoDate(input.asOf))
    throw new ShinchokuError("invalid_input", "基準日を YYYY-MM-DD の日付で入力してください", {
      field: "asOf",
    });
  if (input.deadline !== null && !isIsoDate(input.deadline)) {
    throw new ShinchokuError("invalid_input", "締切日を YYYY-MM-DD の日付で入力してください", {
      field: "deadline",
    });
  }
  const deadlineYear = Number(input.deadline?.slice(0, 4));
  if (
    input.deadline !== null &&
    (deadlineYear < WORKING_DAY_YEARS.first || deadlineYear > WORKING_DAY_YEARS.last)
  )
    // Working days are counted from the holiday table: a date beyond it cannot be counted to.
    throw new ShinchokuError(
      "invalid_input",
      `締切日は${WORKING_DAY_YEARS.first}年から${WORKING_DAY_YEARS.last}年までの日付にしてください`,
      { field: "deadline" },
    );
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    // Two opens at once: the second reads the periods after the first committed, and refuses.
    const plan = await lockPlan(trx, input.planSlug, "update");
    if (!can(actor, "period.open", { organizationId: plan.organization_id })) {
      throw new ShinchokuError("forbidden", "報告期を開く権限がありません");
    }
    const periods = await trx
      .selectFrom("reporting_period")
      .selectAll()
      .where("plan_id", "=", plan.id)
      .orderBy("as_of")
      .execute();
    const open = periods.find((p) => p.state === "open");
    if (open)
      throw new ShinchokuError(
        "invalid_state",
        `基準日 ${open.as_of} の報告期が開いています。公表してから次を開いてください`,
        { field: "asOf" },
      );
    const last = periods.at(-1);
    if (last && input.asOf <= last.as_of) {
      throw new ShinchokuError(
        "invalid_input",
        `基準日は前回の報告期（${last.as_of}）より後の日付にしてください`,
        { field: "asOf" },
      );
    }
    const period = await trx
      .insertInto("reporting_period")
      .values({
        plan_id: plan.id,
        as_of: input.asOf,
        published_on: null,
        deadline: input.deadline,
        state: "open",
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const measures = await trx
      .selectFrom("measure")
      .leftJoin("progress", (join) =>
        join
          .onRef("progress.measure_id", "=", "measure.id")
          .on("progress.reporting_period_id", "=", last?.id ?? -1),
      )
      .select([
        "measure.id",
        "progress.narrative",
        "progress.status_code",
        "progress.status_suggested",
        "progress.status_words",
      ])
      .where("measure.plan_id", "=", plan.id)
      .where("measure.relisting_of_measure_id", "is", null)
      // A retired measure gets no draft in the periods after it was retired.
      .where("measure.retired_period_id", "is", null)
      .execute();
    if (measures.length > 0) {
      await trx
        .insertInto("progress")
        .values(
          measures.map((m) => ({
            measure_id: m.id,
            reporting_period_id: period.id,
            narrative: m.narrative ?? "",
            status_code: m.status_code ?? null,
            // A suggestion stays a suggestion until a person confirms a status.
            status_suggested: m.status_suggested ?? 0,
            status_words: m.status_words ?? null,
            version: 1,
            updated_at: at,
            review_state: "carried",
            review_comment: null,
            updated_by: null,
          })),
        )
        .execute();
      // The confirmed figures come along: a department changes only what changed.
      if (last) {
        await trx
          .insertInto("progress_figure")
          .columns(["progress_id", "position", "value", "total", "unit", "qualifier", "text"])
          .expression(
            trx
              .selectFrom("progress_figure as f")
              .innerJoin("progress as old", "old.id", "f.progress_id")
              .innerJoin("progress as draft", "draft.measure_id", "old.measure_id")
              .select([
                "draft.id",
                "f.position",
                "f.value",
                "f.total",
                "f.unit",
                "f.qualifier",
                "f.text",
              ])
              .where("old.reporting_period_id", "=", last.id)
              .where("draft.reporting_period_id", "=", period.id),
          )
          .execute();
      }
    }
    await recordAudit(trx, {
      actor,
      action: "period.open",
      entity: "reporting_period",
      entityId: period.id,
      planId: plan.id,
      after: { asOf: input.asOf, deadline: input.deadline, drafts: measures.length },
      at,
    });
    if (mail)
      await queuePeriodOpened(trx, mail, {
        organizationId: plan.organization_id,
        planId: plan.id,
        periodId: period.id,
        actor,
        at,
      });
    return { id: period.id, drafts: measures.length };
  });
}
