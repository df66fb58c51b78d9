/**
 * Indicators (指標): measured quantities of a measure or of a level of the plan, with their
 * baseline, targets and results by fiscal year. Pure types and defaults; no I/O.
 */

/** Whether an indicator should rise (⇗), fall (⇘) or stay (維持). */
export type IndicatorDirection = "increase" | "decrease" | "maintain";

/** 基準値, 目標値, 実績値. */
export type IndicatorValueKind = "baseline" | "target" | "result";

/**
 * How achievement is computed: `auto` uses (result − baseline) / (target − baseline) when the
 * indicator has a baseline and result / target otherwise; `ratio` always uses the plain form.
 */
export type AchievementForm = "auto" | "ratio";

/** The kinds a plan lists when it names none of its own (事務事業評価, 総合戦略, costs). */
export const DEFAULT_INDICATOR_KINDS: readonly string[] = [
  "活動指標",
  "対象指標",
  "成果指標",
  "KPI",
  "事業費",
];

/** The kind costs (事業費, 人件費, トータルコスト) are kept as. */
export const COST_KIND = "事業費";

/**
 * A score band: achievement at or above `minimum` percent (a decimal text) earns `label`; a band
 * with no minimum takes what the bands above it leave (the lowest).
 */
export interface ScoreBand {
  label: string;
  minimum: string | null;
}

/** The bands a plan has when it defines none: A ≥ 100%, B ≥ 80%, C ≥ 50%, D below. */
export const DEFAULT_SCORE_BANDS: readonly ScoreBand[] = [
  { label: "A", minimum: "100" },
  { label: "B", minimum: "80" },
  { label: "C", minimum: "50" },
  { label: "D", minimum: null },
];

/**
 * One value of an indicator. `value` is a decimal as written (`5.05`, `3437`, `-1.5`), or null
 * where the source had no number (a blank is never zero); `note` keeps `※単年実績`, `見込み`, or
 * the text found where a number was expected (`集計中`).
 */
export interface IndicatorValue {
  kind: IndicatorValueKind;
  /** Null only for a final target whose year the source does not give. */
  fiscalYear: number | null;
  /** A final target (最終目標), which may also have a year. */
  final: boolean;
  /** The reporting period (its as-of date) of a mid-year result; null for a fiscal year's value. */
  periodAsOf: string | null;
  value: string | null;
  note: string | null;
}

/** An indicator as a reader found it, on a measure, item or group of a draft. */
export interface IndicatorDraft {
  /** The stable indicator ID when the source has one (our CSV and JSON); a new one is given otherwise. */
  code?: string | null;
  name: string;
  unit: string | null;
  kind: string;
  direction: IndicatorDirection | null;
  source: string | null;
  achievementForm: AchievementForm;
  values: IndicatorValue[];
  /** Where it was read (a sheet's row), for messages. */
  line: number | null;
}

/** The Japanese words of each value kind, as the CSV writes them. */
export const VALUE_KIND_NAMES: Record<IndicatorValueKind, string> = {
  baseline: "基準値",
  target: "目標値",
  result: "実績値",
};

/** The Japanese words of each direction, as the CSV writes them. */
export const DIRECTION_NAMES: Record<IndicatorDirection, string> = {
  increase: "増やす",
  decrease: "減らす",
  maintain: "維持",
};
