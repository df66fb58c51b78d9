import { ShinchokuError } from "../../domain/errors.ts";
import { parseRoadmapCell } from "../../domain/roadmap-entry.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { measureByCode, planBySlug } from "./cycle-context.ts";

/**
 * Change one cell of a measure's roadmap (a rolling plan's next fiscal year, a revised plan) as
 * part of the open reporting period: stored as a revision of that period, public when the
 * period is published, and the roadmap of earlier periods stays as it was.
 * @example reviseRoadmap(store, planner, { planSlug, measureCode: "M0093", fiscalYear: 2014, text: "⇒" })
 */
export async function reviseRoadmap(
  store: Store,
  actor: Actor,
  input: { planSlug: string; measureCode: string; fiscalYear: number; text: string },
  now = new Date(),
) {
  const text = input.text.replace(/\s+/gu, " ").trim();
  if (text === "")
    throw new ShinchokuError("invalid_input", "行程を入力してください（なしは「—」）", {
      field: "text",
    });
  if (text.length > 500)
    throw new ShinchokuError("invalid_input", "行程は500文字以内にしてください", { field: "text" });
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 1989 || input.fiscalYear > 2200) {
    throw new ShinchokuError("invalid_input", "年度が正しくありません", { field: "fiscalYear" });
  }
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const plan = await planBySlug(trx, input.planSlug);
    if (!can(actor, "roadmap.edit", { organizationId: plan.organization_id })) {
      throw new ShinchokuError("forbidden", "行程表を変更する権限がありません");
    }
    const measure = await measureByCode(trx, plan.id, input.measureCode);
    if (measure.relisting_of_measure_id !== null) {
      throw new ShinchokuError("invalid_input", "再掲の取組は、再掲元の取組で変更してください", {
        field: "measure",
      });
    }
    const open = await trx
      .selectFrom("reporting_period")
      .selectAll()
      .where("plan_id", "=", plan.id)
      .where("state", "=", "open")
      .executeTakeFirst();
    if (!open)
      throw new ShinchokuError(
        "invalid_state",
        "行程表は受付中の報告期の中で変更します。先に報告期を開いてください",
        { field: "period" },
      );
    const cell = parseRoadmapCell(text);
    const values = {
      text: cell.text,
      continued: cell.continued ? 1 : 0,
      none: cell.none ? 1 : 0,
      addition: cell.addition,
    };
    const before = await trx
      .selectFrom("roadmap_revision as r")
      .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
      .select(["r.id", "r.text", "r.reporting_period_id"])
      .where("r.measure_id", "=", measure.id)
      .where("r.fiscal_year", "=", input.fiscalYear)
      .orderBy("p.as_of", "desc")
      .executeTakeFirst();
    if (before?.reporting_period_id === open.id) {
      await trx
        .updateTable("roadmap_revision")
        .set({ ...values, created_at: at, created_by: actor.accountId })
        .where("id", "=", before.id)
        .execute();
    } else {
      await trx
        .insertInto("roadmap_revision")
        .values({
          measure_id: measure.id,
          fiscal_year: input.fiscalYear,
          reporting_period_id: open.id,
          ...values,
          created_at: at,
          created_by: actor.accountId,
        })
        .execute();
    }
    await recordAudit(trx, {
      actor,
      action: "roadmap.revise",
      entity: "roadmap",
      entityId: `${measure.code}@${input.fiscalYear}`,
      planId: plan.id,
      measureId: measure.id,
      before: before ? { text: before.text } : null,
      after: { text: cell.text, period: open.as_of },
      at,
    });
  });
}
