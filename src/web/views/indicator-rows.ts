import type { IndicatorValue } from "../../domain/indicator.ts";

/** One row of an indicator's table: a fiscal year, a mid-year result, or a final target without a year. */
export interface IndicatorRow {
  fiscalYear: number | null;
  /** The as-of date of a mid-year result's period. */
  periodAsOf: string | null;
  baseline: IndicatorValue | null;
  target: IndicatorValue | null;
  result: IndicatorValue | null;
}

/**
 * The rows of an indicator's table, which is also its chart's text equivalent: one per fiscal year
 * with a value or a note (its baseline, target and own result), one per mid-year result after its
 * year, and the final target without a year last.
 */
export function indicatorRows(values: readonly IndicatorValue[]): IndicatorRow[] {
  const years = [
    ...new Set(values.flatMap((v) => (v.fiscalYear === null ? [] : [v.fiscalYear]))),
  ].sort((a, b) => a - b);
  const rows: IndicatorRow[] = [];
  for (const fy of years) {
    const ofYear = values.filter((v) => v.fiscalYear === fy);
    const own = ofYear.filter((v) => v.periodAsOf === null);
    rows.push({
      fiscalYear: fy,
      periodAsOf: null,
      baseline: own.find((v) => v.kind === "baseline") ?? null,
      target:
        own.find((v) => v.kind === "target" && !v.final) ??
        own.find((v) => v.kind === "target") ??
        null,
      result: own.find((v) => v.kind === "result") ?? null,
    });
    for (const mid of ofYear
      .filter((v) => v.periodAsOf !== null && v.kind === "result")
      .sort((a, b) => (a.periodAsOf ?? "").localeCompare(b.periodAsOf ?? "")))
      rows.push({
        fiscalYear: fy,
        periodAsOf: mid.periodAsOf,
        baseline: null,
        target: null,
        result: mid,
      });
  }
  const finalWithoutYear = values.find(
    (v) => v.kind === "target" && v.final && v.fiscalYear === null,
  );
  if (finalWithoutYear)
    rows.push({
      fiscalYear: null,
      periodAsOf: null,
      baseline: null,
      target: finalWithoutYear,
      result: null,
    });
  return rows;
}

export { formatDecimal } from "../../domain/indicator-value.ts";
