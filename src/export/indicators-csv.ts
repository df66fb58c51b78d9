import { DIRECTION_NAMES, type IndicatorValue, VALUE_KIND_NAMES } from "../domain/indicator.ts";
import type { IndicatorPlace, StoredIndicator } from "../store/queries/indicator-query.ts";
import { toCsv } from "./csv-table.ts";

/** The headers of the indicators table (long format), in order. */
export const INDICATORS_CSV_HEADER = [
  "指標ID",
  "取組ID",
  "階層",
  "階層番号",
  "指標",
  "単位",
  "種類",
  "方向",
  "出典",
  "達成率の算定",
  "年度",
  "値の種類",
  "値",
  "備考",
  "報告期の基準日",
] as const;

/** 値の種類 of a final target (最終目標), beside 基準値, 目標値 and 実績値. */
export const FINAL_TARGET_NAME = "最終目標値";

/** 達成率の算定 of an indicator computed as result / target even with a baseline. */
export const RATIO_FORM_NAME = "実績÷目標";

/**
 * Indicators in long format: one row per indicator, fiscal year and kind of value (基準値,
 * 目標値, 最終目標値, 実績値; a mid-year result names its period in 報告期の基準日), values as
 * written (`5.05`, `3437`) and blank where there is none (a blank is not 0); an indicator with no
 * value yet has one row with 年度 and 値 blank. 階層 is the plan's name of the level it sits on;
 * 階層番号 the item's number or the group's numbers from the top (`2-1`), blank for a measure
 * (取組ID names it). `readIndicatorsCsv` reads it back.
 * @example indicatorsCsv((await loadPlanIndicators(store.db, tree.id)).indicators)
 */
export function indicatorsCsv(
  indicators: readonly StoredIndicator[],
  options: { bom?: boolean } = {},
): string {
  const rows = indicators.flatMap((ind) => {
    const head = [
      ind.code,
      ind.place.level === "measure" ? ind.place.measureCode : null,
      ind.place.levelName,
      placeNumber(ind.place),
      ind.name,
      ind.unit,
      ind.kind,
      ind.direction === null ? null : DIRECTION_NAMES[ind.direction],
      ind.source,
      ind.achievementForm === "ratio" ? RATIO_FORM_NAME : null,
    ];
    if (ind.values.length === 0) return [[...head, null, null, null, null, null]];
    return ind.values.map((v) => [
      ...head,
      v.fiscalYear,
      valueKindName(v),
      v.value,
      v.note,
      v.periodAsOf,
    ]);
  });
  return toCsv(INDICATORS_CSV_HEADER, rows, {
    ...options,
    decimalColumns: new Set([INDICATORS_CSV_HEADER.indexOf("値")]),
  });
}

function valueKindName(v: IndicatorValue): string {
  return v.final ? FINAL_TARGET_NAME : VALUE_KIND_NAMES[v.kind];
}

/** 階層番号: an item's number, a group's path of numbers (`2-1`), blank for a measure. */
export function placeNumber(place: IndicatorPlace): string | null {
  if (place.level === "item") return place.itemNumber === null ? null : String(place.itemNumber);
  if (place.level === "group") return place.groupPath.join("-");
  return null;
}
