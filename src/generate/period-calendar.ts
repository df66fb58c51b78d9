import type { GeneratedPeriod } from "./generated-plan.ts";

/**
 * `count` half-yearly reporting periods from September `fromYear`: as of 09-30 and 03-31 in
 * turn, each published two months later (`YYYY-MM`, as the model report prints it).
 * @example reportingPeriods(2013, 3).map((p) => p.asOf) // ["2013-09-30", "2014-03-31", "2014-09-30"]
 */
export function reportingPeriods(fromYear: number, count: number): GeneratedPeriod[] {
  return Array.from({ length: count }, (_, k) => {
    const september = k % 2 === 0;
    const year = fromYear + Math.ceil(k / 2);
    return september
      ? { asOf: `${year}-09-30`, publishedOn: `${year}-11` }
      : { asOf: `${year}-03-31`, publishedOn: `${year}-05` };
  });
}

/** The fiscal year (April to March) an as-of date falls in. */
export function fiscalYearOfDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
}
