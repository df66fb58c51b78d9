import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { parseDecimal } from "../../domain/indicator-value.ts";
import type { Database } from "../../store/database.ts";

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
 * year, linked to the period: each replaces the indicator's result of that period, a blank
 * removes it. Only the measure's own indicators are accepted. Runs in the draft save's
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
