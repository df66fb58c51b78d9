import { ShinchokuError } from "../../domain/errors.ts";
import { roadmapCellProblem } from "../../domain/roadmap-cell-problem.ts";
import { parseRoadmapCell } from "../../domain/roadmap-entry.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { measureByCode } from "./cycle-context.ts";

/** One fiscal year of a roadmap revision, as typed. */
export interface RoadmapYear {
  fiscalYear: number;
  text: string;
}

/** The form field of a fiscal year's cell (`roadmap-2014`), named by the errors. */
export const roadmapField = (fiscalYear: number) => `roadmap-${fiscalYear}`;

/**
 * Change cells of a measure's roadmap (a rolling plan's next fiscal year, a revised plan) as
 * part of the open reporting period: stored as revisions of that period, public when the period
 * is published, and the roadmap of earlier periods stays as it was. Every year is checked before
 * anything is written, then all are written in one transaction, each with its audit event: a
 * refused year stores none of them.
 * @throws ShinchokuError `invalid_input` with the field of the first bad year (`roadmap-2014`),
 *   `forbidden`, `not_found`, `invalid_state` (no open period).
 * @example reviseRoadmap(store, planner, { planSlug, measureCode: "M0093", years: [{ fiscalYear: 2014, text: "⇒" }] })
 */
export async function reviseRoadmap(
  store: Store,
  actor: Actor,
  input: { planSlug: string; measureCode: string; years: readonly RoadmapYear[] },
  now = new Date(),
) {
  if (input.years.length === 0)
    throw new ShinchokuError("invalid_input", "変更する年度がありません", { field: "roadmap" });
  const seen = new Set<number>();
  for (const year of input.years) {
    const field = roadmapField(year.fiscalYear);
    if (
      !Number.isInteger(year.fiscalYear) ||
      year.fiscalYear < 1989 ||
      year.fiscalYear > 2200 ||
      seen.has(year.fiscalYear)
    )
      throw new ShinchokuError("invalid_input", "年度が正しくありません", { field });
    seen.add(year.fiscalYear);
    const problem = roadmapCellProblem(year.text, year.fiscalYear);
    if (problem) throw new ShinchokuError("invalid_input", problem, { field });
  }
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    // Exclusive: two revisions of one cell would both find none and both insert it.
    const plan = await lockPlan(trx, input.planSlug, "update");
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
    for (const year of input.years) {
      const cell = parseRoadmapCell(year.text);
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
        .where("r.fiscal_year", "=", year.fiscalYear)
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
            fiscal_year: year.fiscalYear,
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
        entityId: `${measure.code}@${year.fiscalYear}`,
        planId: plan.id,
        measureId: measure.id,
        before: before ? { text: before.text } : null,
        after: { text: cell.text, period: open.as_of },
        at,
      });
    }
    return { revised: input.years.length };
  });
}
