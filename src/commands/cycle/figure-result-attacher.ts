import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import { parseDecimal } from "../../domain/indicator-value.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { confirmApiToken } from "../api/api-token-lock.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { measureByCode, periodByAsOf } from "./cycle-context.ts";
import { saveIndicatorResults } from "./indicator-result-saver.ts";

/** A figure of a measure's narrative to be stored as one of its indicators' results. */
export interface FigureAttachment {
  planSlug: string;
  /** The reporting period the figure belongs to (the open one). */
  asOf: string;
  measureCode: string;
  /** The indicator's ID (`I0001`); blank when none was chosen. */
  indicatorCode: string;
  /** The figure's value as the form shows it (`1,320`, `１３２０`). */
  value: string;
  /** The form row of the figure (`figures.2`): errors name `figures.2.value` or `.indicator`. */
  field: string;
}

/**
 * Store a confirmed figure's value as the result of one of the measure's indicators for the
 * period's fiscal year, linked to the period — exactly as the draft form's result field does
 * (`saveIndicatorResults`: replacing that period's result) — in one transaction with its audit
 * record. Authorized like saving the draft (the measure's department editor, or a planner) and
 * held under the plan's share lock, so it never lands across a publish.
 * @throws ShinchokuError `invalid_input` for a value that is not a number or an indicator of
 * another measure, `invalid_state` for a period no longer open (each naming the figure's field),
 * `forbidden` for someone who may not edit the measure's progress.
 * @example await attachFigureToIndicator(store, actor, { planSlug, asOf: "2014-03-31", measureCode: "M0001", indicatorCode: "I0001", value: "1,320", field: "figures.0" });
 */
export async function attachFigureToIndicator(
  store: Store,
  actor: Actor,
  input: FigureAttachment,
  now = new Date(),
): Promise<{ indicatorCode: string; value: string; fiscalYear: number }> {
  const value = parseDecimal(input.value);
  if (value === null)
    throw new ShinchokuError(
      "invalid_input",
      `数値ではない値は指標の実績値にできません（「${input.value.trim()}」）`,
      { field: `${input.field}.value` },
    );
  const indicatorField = `${input.field}.indicator`;
  const code = input.indicatorCode.trim();
  if (code === "")
    throw new ShinchokuError("invalid_input", "実績値にする指標を選んでください", {
      field: indicatorField,
    });
  return store.db.transaction().execute(async (trx) => {
    await confirmApiToken(trx, actor);
    // Side by side with draft saves; never across a publish.
    const plan = await lockPlan(trx, input.planSlug, "share");
    const measure = await measureByCode(trx, plan.id, input.measureCode);
    if (
      !can(actor, "progress.edit", {
        organizationId: plan.organization_id,
        departmentIds: measure.departmentIds,
      })
    )
      throw new ShinchokuError("forbidden", "この取組の進捗状況を編集する権限がありません");
    const period = await periodByAsOf(trx, plan.id, input.asOf);
    if (period.state !== "open")
      throw new ShinchokuError(
        "invalid_state",
        `基準日 ${period.as_of} の報告期は受付中ではないため、実績値を保存できません`,
        { field: indicatorField },
      );
    const indicator = await trx
      .selectFrom("indicator")
      .select(["id", "name", "measure_id"])
      .where("plan_id", "=", plan.id)
      .where("code", "=", code)
      .executeTakeFirst();
    if (!indicator || indicator.measure_id !== measure.id)
      throw new ShinchokuError("invalid_input", `指標 ${code} はこの取組の指標ではありません`, {
        field: indicatorField,
      });
    const before = await trx
      .selectFrom("indicator_value")
      .select("value")
      .where("indicator_id", "=", indicator.id)
      .where("kind", "=", "result")
      .where("reporting_period_id", "=", period.id)
      .executeTakeFirst();
    const fiscalYear = fiscalYearOf(period.as_of);
    await saveIndicatorResults(
      trx,
      { planId: plan.id, measureId: measure.id, periodId: period.id, fiscalYear },
      [{ code, value }],
    );
    await recordAudit(trx, {
      actor,
      action: "indicator.result",
      entity: "indicator",
      entityId: `${code}@${period.as_of}`,
      planId: plan.id,
      measureId: measure.id,
      before: before ? { indicator: code, value: before.value } : null,
      after: { indicator: code, value, period: period.as_of },
      at: now.toISOString(),
    });
    return { indicatorCode: code, value, fiscalYear };
  });
}
