import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import { parseDecimal } from "../../domain/indicator-value.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import { confirmApiToken } from "../api/api-token-lock.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { periodByAsOf } from "./cycle-context.ts";

/** A period's result of one indicator as typed on the draft form (blank: no result). */
export interface IndicatorResultInput {
  /** The indicator's ID (`I0001`). */
  code: string;
  text: string;
}

/**
 * The typed results as decimals (`3,437`, `３４３７`, `▲12` are numbers), or a refusal naming the
 * first field (`indicator.I0001`) that holds something other than a number. A blank is null.
 */
export function validateIndicatorResults(
  inputs: readonly IndicatorResultInput[],
): Array<{ code: string; value: string | null }> {
  return inputs.map(({ code, text }) => {
    if (text.trim() === "") return { code, value: null };
    const value = parseDecimal(text);
    if (value === null)
      throw new ShinchokuError(
        "invalid_input",
        `実績値は数値で入力してください（「${text.trim()}」は数値ではありません）`,
        { field: `indicator.${code}` },
      );
    return { code, value };
  });
}

/**
 * Store a measure's indicator results of a reporting period as mid-year results of its fiscal
 * year, linked to the period: each changed one replaces the indicator's result of that period
 * (an unchanged one keeps its note), a blank removes it. Only the measure's own indicators are accepted. Runs in the draft save's
 * transaction, so the results are kept (and published) with the narrative.
 */
export async function saveIndicatorResults(
  trx: Transaction<Database>,
  target: { planId: number; measureId: number; periodId: number; fiscalYear: number },
  results: ReadonlyArray<{ code: string; value: string | null }>,
): Promise<void> {
  for (const { code, value } of results) {
    const indicator = await trx
      .selectFrom("indicator")
      .select("id")
      .where("plan_id", "=", target.planId)
      .where("measure_id", "=", target.measureId)
      .where("code", "=", code)
      .where("retired", "=", 0)
      .executeTakeFirst();
    if (!indicator)
      throw new ShinchokuError("invalid_input", `この取組に指標 ${code} はありません`, {
        field: `indicator.${code}`,
      });
    const stored = await trx
      .selectFrom("indicator_value")
      .select("value")
      .where("indicator_id", "=", indicator.id)
      .where("kind", "=", "result")
      .where("reporting_period_id", "=", target.periodId)
      .execute();
    // The field shows the stored value: the same value (or a blank over a result that is only a
    // note, such as 集計中 from the workbook) is no change, and keeps the result's note (見込み).
    if (stored.length === 1 && stored[0]?.value === value) continue;
    await trx
      .deleteFrom("indicator_value")
      .where("indicator_id", "=", indicator.id)
      .where("kind", "=", "result")
      .where("reporting_period_id", "=", target.periodId)
      .execute();
    if (value !== null)
      await trx
        .insertInto("indicator_value")
        .values({
          indicator_id: indicator.id,
          kind: "result",
          fiscal_year: target.fiscalYear,
          reporting_period_id: target.periodId,
          value,
          note: null,
        })
        .execute();
  }
}

/** One indicator's result of the open period, as a workbook row enters it (null removes it). */
export interface IndicatorResultEntry {
  planSlug: string;
  asOf: string;
  /** The indicator's ID (`I0001`): a measure's, an item's or a group's. */
  code: string;
  result: { value: string | null; note: string | null } | null;
}

/**
 * Store one indicator's result of the open period with its note, in the caller's transaction
 * (a workbook's rows commit together): the result of the period's fiscal year linked to the
 * period, replacing the period's, as the draft form stores it. A measure's indicator may be
 * entered by its departments' editors, an item's or a group's by the planning division only.
 * Audited as `indicator.result` with the result before and after.
 * @example await saveIndicatorResultIn(trx, editor, { planSlug, asOf, code: "I0001", result: { value: "30", note: "見込み" } });
 */
export async function saveIndicatorResultIn(
  trx: Transaction<Database>,
  actor: Actor,
  entry: IndicatorResultEntry,
  now = new Date(),
): Promise<void> {
  await confirmApiToken(trx, actor);
  const plan = await lockPlan(trx, entry.planSlug, "share");
  const indicator = await trx
    .selectFrom("indicator")
    .select(["id", "measure_id"])
    .where("plan_id", "=", plan.id)
    .where("code", "=", entry.code)
    .executeTakeFirst();
  if (!indicator)
    throw new ShinchokuError("not_found", `指標 ${entry.code} がありません`, {
      field: `indicator.${entry.code}`,
    });
  const departmentIds =
    indicator.measure_id === null
      ? []
      : (
          await trx
            .selectFrom("measure_department")
            .select("department_id")
            .where("measure_id", "=", indicator.measure_id)
            .execute()
        ).map((d) => d.department_id);
  if (!can(actor, "progress.edit", { organizationId: plan.organization_id, departmentIds }))
    throw new ShinchokuError("forbidden", `指標 ${entry.code} の実績値を入力する権限がありません`, {
      field: `indicator.${entry.code}`,
    });
  const period = await periodByAsOf(trx, plan.id, entry.asOf);
  if (period.state !== "open")
    throw new ShinchokuError("invalid_state", "この報告期は受付中ではありません", {
      field: "period",
    });
  const before = await trx
    .selectFrom("indicator_value")
    .select(["value", "note"])
    .where("indicator_id", "=", indicator.id)
    .where("kind", "=", "result")
    .where("reporting_period_id", "=", period.id)
    .executeTakeFirst();
  await trx
    .deleteFrom("indicator_value")
    .where("indicator_id", "=", indicator.id)
    .where("kind", "=", "result")
    .where("reporting_period_id", "=", period.id)
    .execute();
  if (entry.result !== null)
    await trx
      .insertInto("indicator_value")
      .values({
        indicator_id: indicator.id,
        kind: "result",
        fiscal_year: fiscalYearOf(period.as_of),
        reporting_period_id: period.id,
        value: entry.result.value,
        note: entry.result.note,
      })
      .execute();
  await recordAudit(trx, {
    actor,
    action: "indicator.result",
    entity: "indicator",
    entityId: `${entry.code}@${period.as_of}`,
    planId: plan.id,
    measureId: indicator.measure_id,
    before: before ?? null,
    after: entry.result,
    at: now.toISOString(),
  });
}
