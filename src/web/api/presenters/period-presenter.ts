import { fiscalYearOf } from "../../../domain/fiscal-year.ts";
import type { ReportingPeriodSummary } from "../../../domain/plan-tree.ts";

/** A published reporting period: its as-of date, the fiscal year that date falls in, publication. */
export function presentPeriod(period: ReportingPeriodSummary) {
  return {
    asOf: period.asOf,
    fiscalYear: fiscalYearOf(period.asOf),
    publishedOn: period.publishedOn,
  };
}
