import type {
  AchievementForm,
  IndicatorDirection,
  IndicatorValue,
  ScoreBand,
} from "./indicator.ts";

/**
 * 達成率, by one rule (docs/ARCHITECTURE.md, "Indicators"). Values are decimal texts; the rate is
 * a percentage rounded to one decimal place, or null when it cannot be computed (no result, no
 * target, a zero to divide by).
 *
 * - `auto` with a baseline: (result − baseline) / (target − baseline) — the share of the way from
 *   the baseline to the target, whichever way the target lies (so it serves ⇗ and ⇘ alike).
 *   A target equal to the baseline is met (100%) when the result is on the right side of it
 *   (≥ for ⇗ and 維持, ≤ for ⇘), else 0%.
 * - `ratio`, or `auto` without a baseline: result / target for ⇗, target / result for ⇘.
 * - 維持 (maintain) is always result / target: keeping the level is 100%, falling short less.
 * - With no direction, it is read from the target against the baseline (a lower target means ⇘),
 *   and ⇗ when there is no baseline.
 * A target of 0 (⇗, ratio) or a result of 0 (⇘, ratio) gives 100% when the result is on the
 * right side of the target, else 0%.
 * @example achievementRate({ direction: "increase", form: "auto", baseline: "40", target: "60", result: "55" }) // 75
 */
export function achievementRate(input: {
  direction: IndicatorDirection | null;
  form: AchievementForm;
  baseline: string | null;
  target: string | null;
  result: string | null;
}): number | null {
  if (input.target === null || input.result === null) return null;
  const target = Number(input.target);
  const result = Number(input.result);
  const baseline = input.baseline === null ? null : Number(input.baseline);
  if (!Number.isFinite(target) || !Number.isFinite(result)) return null;
  const direction =
    input.direction ?? (baseline !== null && target < baseline ? "decrease" : "increase");
  const met = direction === "decrease" ? result <= target : result >= target;
  let rate: number;
  if (direction === "maintain") {
    rate = target === 0 ? (result === 0 ? 100 : 0) : (result / target) * 100;
  } else if (input.form === "auto" && baseline !== null && Number.isFinite(baseline)) {
    rate =
      target === baseline ? (met ? 100 : 0) : ((result - baseline) / (target - baseline)) * 100;
  } else if (direction === "decrease") {
    rate = result === 0 ? (met ? 100 : 0) : (target / result) * 100;
  } else {
    rate = target === 0 ? (met ? 100 : 0) : (result / target) * 100;
  }
  return Math.round(rate * 10) / 10 + 0;
}

/**
 * The band a rate falls in: the first whose minimum it reaches (bands in order, highest first);
 * a band without a minimum catches the rest. Null for no rate or no band.
 * @example scoreOf(85, DEFAULT_SCORE_BANDS) // "B"
 */
export function scoreOf(rate: number | null, bands: readonly ScoreBand[]): string | null {
  if (rate === null) return null;
  for (const band of bands)
    if (band.minimum === null || rate >= Number(band.minimum)) return band.label;
  return null;
}

/** An indicator's achievement in one fiscal year: the values used, the rate and the score. */
export interface Achievement {
  fiscalYear: number;
  baseline: string | null;
  target: string | null;
  result: string | null;
  rate: number | null;
  score: string | null;
}

/**
 * The achievement of the latest fiscal year with a result (or of `fiscalYear`): that year's result
 * (a fiscal year's value, else its latest mid-year one), that year's target, else the final
 * target, and the baseline. Null when there is no result to judge.
 */
export function achievementOf(
  indicator: {
    direction: IndicatorDirection | null;
    achievementForm: AchievementForm;
    values: readonly IndicatorValue[];
  },
  bands: readonly ScoreBand[],
  fiscalYear?: number,
): Achievement | null {
  const results = indicator.values.filter(
    (v) => v.kind === "result" && v.value !== null && v.fiscalYear !== null,
  );
  const year = fiscalYear ?? Math.max(...results.map((v) => v.fiscalYear ?? 0));
  const ofYear = results
    .filter((v) => v.fiscalYear === year)
    .sort((a, b) => (a.periodAsOf ?? "9999").localeCompare(b.periodAsOf ?? "9999"));
  const result = ofYear.at(-1)?.value ?? null;
  if (results.length === 0 || result === null) return null;
  const targets = indicator.values.filter((v) => v.kind === "target" && v.value !== null);
  const target =
    targets.find((v) => v.fiscalYear === year && !v.final)?.value ??
    targets.find((v) => v.fiscalYear === year)?.value ??
    targets.find((v) => v.final)?.value ??
    null;
  const baseline = indicator.values.find((v) => v.kind === "baseline")?.value ?? null;
  const rate = achievementRate({
    direction: indicator.direction,
    form: indicator.achievementForm,
    baseline,
    target,
    result,
  });
  return { fiscalYear: year, baseline, target, result, rate, score: scoreOf(rate, bands) };
}
