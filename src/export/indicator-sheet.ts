import { fiscalYearOf, formatFiscalYearWithGregorian } from "../domain/fiscal-year.ts";
import { DIRECTION_NAMES, type IndicatorValue } from "../domain/indicator.ts";
import { NO_VALUE_WORDS } from "../domain/indicator-result-entry.ts";
import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import type { StoredIndicator } from "../store/queries/indicator-query.ts";
import { placeNumber } from "./indicators-csv.ts";

/** The headers of the 指標 sheet the import relies on: rows matched by 指標ID, two to fill in. */
export const INDICATOR_SHEET_HEADERS = {
  id: "指標ID",
  fiscalYear: "年度",
  result: "【記入】実績値",
  note: "【記入】備考",
} as const;

/** A column of the 指標 sheet, with what the 説明 sheet says of it. */
export interface IndicatorColumn {
  header: string;
  width: number;
  wrap: boolean;
  editable: boolean;
  description: string;
  emptyAsText?: boolean;
  value: (indicator: StoredIndicator) => string | number | null;
}

/** A value as stored (decimal text, precision kept), its note after it in brackets. */
function shown(v: IndicatorValue | undefined): string | null {
  if (!v) return null;
  if (v.value === null) return v.note;
  return v.note === null ? v.value : `${v.value}（${v.note}）`;
}

/**
 * The columns of the 指標 sheet of a workbook written with `tree.period`: one row per indicator
 * (a measure's, an item's or a group's), read-only columns, then 【記入】実績値 and 【記入】備考 for
 * the result of that period's fiscal year, filled with the result stored for the period.
 */
export function indicatorColumns(tree: PlanTree): IndicatorColumn[] {
  const asOf = tree.period?.asOf ?? null;
  const year = asOf === null ? null : fiscalYearOf(asOf);
  const titles = new Map(measurePlacements(tree).map((p) => [p.measure.code, p.measure.title]));
  const ownResult = (ind: StoredIndicator) =>
    asOf === null
      ? undefined
      : ind.values.find((v) => v.kind === "result" && v.periodAsOf === asOf);
  const target = (ind: StoredIndicator, final: boolean) =>
    ind.values.find(
      (v) => v.kind === "target" && v.final === final && (final || v.fiscalYear === year),
    );
  const column = (
    header: string,
    width: number,
    description: string,
    value: IndicatorColumn["value"],
  ): IndicatorColumn => ({ header, width, wrap: width >= 14, editable: false, description, value });
  return [
    column(
      INDICATOR_SHEET_HEADERS.id,
      8,
      "指標を識別する ID です。取り込むときはこの ID で行を照合するため、変更しないでください。行の追加・削除もしないでください。",
      (i) => i.code,
    ),
    column("階層", 8, "指標がどの階層のものか（計画での階層の名称）。", (i) => i.place.levelName),
    column(
      "取組ID",
      10,
      "取組の指標では、その取組の ID（取組シートの取組ID）。それ以外は空欄です。",
      (i) => (i.place.level === "measure" ? i.place.measureCode : null),
    ),
    column(
      "階層番号",
      8,
      "項目の指標では項目の番号、それより上の階層の指標では上からの番号（2-1 など）。取組の指標では空欄です。",
      (i) => placeNumber(i.place),
    ),
    column("対象", 26, "指標を持つ取組・項目・階層の名称。", (i) =>
      i.place.level === "measure"
        ? (titles.get(i.place.measureCode) ?? null)
        : i.place.level === "item"
          ? i.place.itemTitle
          : i.place.groupTitle,
    ),
    column("指標", 26, "指標の名称。", (i) => i.name),
    column("単位", 8, "値の単位。実績値には単位を付けずに数値だけを記入します。", (i) => i.unit),
    column("種類", 10, "指標の種類（成果指標、KPI、事業費など）。", (i) => i.kind),
    column("方向", 8, "増やす・減らす・維持のどれを目指すか。", (i) =>
      i.direction === null ? null : DIRECTION_NAMES[i.direction],
    ),
    column("基準値", 10, "基準値（記録されたとおりの値。括弧内は備考）。", (i) =>
      shown(i.values.find((v) => v.kind === "baseline")),
    ),
    column(
      "基準年度",
      8,
      "基準値の年度（西暦）。",
      (i) => i.values.find((v) => v.kind === "baseline")?.fiscalYear ?? null,
    ),
    column(
      INDICATOR_SHEET_HEADERS.fiscalYear,
      8,
      "【記入】実績値の年度（西暦）。基準日を含む年度です。",
      () => year,
    ),
    column("目標値", 10, "その年度の目標値。", (i) => shown(target(i, false))),
    column("最終目標値", 10, "最終目標値。", (i) => shown(target(i, true))),
    column(
      "最終目標年度",
      8,
      "最終目標値の年度（西暦）。",
      (i) => target(i, true)?.fiscalYear ?? null,
    ),
    column(
      "これまでの実績値",
      30,
      "これまでに記録された実績値（年度ごと、報告期ごと。括弧内は備考）。参照用です。",
      (i) => {
        const own = ownResult(i);
        const lines = i.values
          .filter((v) => v.kind === "result" && v !== own)
          .map(
            (v) =>
              `${v.fiscalYear === null ? "" : formatFiscalYearWithGregorian(v.fiscalYear)}${v.periodAsOf === null ? "" : `（${v.periodAsOf}時点）`}: ${shown(v) ?? ""}`,
          );
        return lines.length === 0 ? null : lines.join("\n");
      },
    ),
    {
      header: INDICATOR_SHEET_HEADERS.result,
      width: 12,
      editable: true,
      wrap: false,
      emptyAsText: true,
      description: `年度欄の年度の、基準日時点の実績値を数値だけで記入します（3,437、▲12、全角数字も可。単位は付けません）。数値がまだないときは ${["-", ...NO_VALUE_WORDS].join("、")} のいずれかを記入するか空欄にします（0 とはみなしません）。空欄にすると、この報告期の実績値は記録されません。担当課の取組の指標だけが取り込まれます。`,
      value: (i) => ownResult(i)?.value ?? null,
    },
    {
      header: INDICATOR_SHEET_HEADERS.note,
      width: 20,
      editable: true,
      wrap: true,
      emptyAsText: true,
      description: "実績値についての備考（見込み、速報値など）。",
      value: (i) => ownResult(i)?.note ?? null,
    },
  ];
}
