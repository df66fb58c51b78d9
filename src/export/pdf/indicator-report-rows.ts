import { formatWarekiDate } from "../../domain/era.ts";
import { fiscalYearOf, formatFiscalYear } from "../../domain/fiscal-year.ts";
import type { IndicatorValue, ScoreBand } from "../../domain/indicator.ts";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import { formatDecimal } from "../../domain/indicator-value.ts";
import type { GroupNode, ItemNode, PlanTree } from "../../domain/plan-tree.ts";
import type { StoredIndicator } from "../../store/queries/indicator-query.ts";

/** The most fiscal years of results the printed table has room for. */
export const MAX_RESULT_YEARS = 4;

/** A row of the printed indicator table: the measure, item or group heading, or one indicator. */
export type IndicatorReportRow =
  | { kind: "owner"; text: string }
  | {
      kind: "indicator";
      name: string;
      unit: string;
      baseline: string;
      target: string;
      /** One text per result year, in the order of {@link IndicatorReport.resultYears}. */
      results: string[];
      achievement: string;
      score: string;
    };

/** The indicator section of a report: the fiscal years of its result columns and its rows. */
export interface IndicatorReport {
  /** The fiscal year of the report's period (the latest result year shown); undefined without any year. */
  fiscalYear: number | undefined;
  resultYears: number[];
  rows: IndicatorReportRow[];
}

const NONE = "—";
/** 平成25年度 over （2013年度）, as the report's year headers are printed. */
export const yearLines = (fy: number) => `${formatFiscalYear(fy)}\n（${fy}年度）`;
const valueText = (v: IndicatorValue) =>
  v.value === null ? (v.note ?? "") : `${formatDecimal(v.value)}${v.note ? `\n${v.note}` : ""}`;

/**
 * A result year's cell: the year's own value, else its latest mid-year value with its as-of
 * date, else the text written where a number was expected (集計中).
 */
function resultText(values: readonly IndicatorValue[], fy: number): string {
  const ofYear = values.filter((v) => v.kind === "result" && v.fiscalYear === fy);
  const own = ofYear.find((v) => v.periodAsOf === null);
  if (own?.value != null) return valueText(own);
  const mid = ofYear
    .filter((v) => v.periodAsOf !== null && v.value !== null)
    .sort((a, b) => (a.periodAsOf ?? "").localeCompare(b.periodAsOf ?? ""))
    .at(-1);
  if (mid?.periodAsOf)
    return `${valueText(mid)}\n（${formatWarekiDate(mid.periodAsOf, "monthEnd")}時点）`;
  return own ? valueText(own) : (ofYear.at(-1)?.note ?? "");
}

/** The target of the report's year and the final target, each with its year. */
function targetText(values: readonly IndicatorValue[], fy: number | undefined): string {
  const targets = values.filter((v) => v.kind === "target");
  const ofYear =
    targets.find((v) => v.fiscalYear === fy && !v.final) ??
    targets.find((v) => v.fiscalYear === fy);
  const final = targets.find((v) => v.final);
  const text = (v: IndicatorValue) =>
    `${v.final ? "最終 " : ""}${valueText(v)}${v.fiscalYear === null ? "" : `\n${yearLines(v.fiscalYear)}`}`;
  const parts = [ofYear, final === ofYear ? undefined : final].flatMap((v) => (v ? [text(v)] : []));
  return parts.length === 0 ? NONE : parts.join("\n");
}

function baselineText(values: readonly IndicatorValue[]): string {
  const b = values.find((v) => v.kind === "baseline");
  if (!b) return NONE;
  return `${valueText(b)}${b.fiscalYear === null ? "" : `\n${yearLines(b.fiscalYear)}`}`;
}

function indicatorRow(
  indicator: StoredIndicator,
  bands: readonly ScoreBand[],
  fiscalYear: number | undefined,
  resultYears: readonly number[],
): IndicatorReportRow {
  // As of the report: a result of a later fiscal year is not there yet.
  const values = indicator.values.filter(
    (v) =>
      v.kind !== "result" ||
      fiscalYear === undefined ||
      (v.fiscalYear !== null && v.fiscalYear <= fiscalYear),
  );
  const achieved = achievementOf({ ...indicator, values }, bands);
  const rate = achieved?.rate ?? null;
  return {
    kind: "indicator",
    name: indicator.name,
    unit: indicator.unit ?? "",
    baseline: baselineText(values),
    target: targetText(values, fiscalYear),
    results: resultYears.map((fy) => resultText(values, fy)),
    achievement:
      rate === null || !achieved
        ? NONE
        : `${rate.toFixed(1)}%${achieved.fiscalYear === fiscalYear ? "" : `\n（${formatFiscalYear(achieved.fiscalYear)}）`}`,
    score: achieved?.score ?? NONE,
  };
}

const groupText = (g: GroupNode) =>
  g.label === ""
    ? g.title
    : g.level === "category"
      ? `${g.label} ${g.title}`
      : `${g.label}. ${g.title}`;
const itemText = (item: ItemNode) =>
  `${item.number === null ? "" : `No.${item.number} `}${item.label === "" ? "" : `${item.label}. `}${item.title}`;

/**
 * The rows of the report's indicator section as of the tree's period: for each group, item and
 * measure that has indicators, in document order, its heading and one row per indicator (基準値,
 * 目標値 of the period's fiscal year and the final one, 実績値 of that year and the years before it
 * as far as {@link MAX_RESULT_YEARS}, 達成率 and 評価 by `achievementOf`). Null when the plan has
 * no indicator, so that the report has no empty section. `indicators` are those the public sees
 * (`publishedOnly`, up to the period); a re-listing's indicators are its original's, shown once.
 * @example indicatorReport(tree, await loadPlanIndicators(db, tree.id, { asOf, publishedOnly: true }))
 */
export function indicatorReport(
  tree: PlanTree,
  planIndicators: { bands: readonly ScoreBand[]; indicators: readonly StoredIndicator[] },
): IndicatorReport | null {
  const { bands, indicators } = planIndicators;
  if (indicators.length === 0) return null;
  const resultYearsAll = indicators.flatMap((i) =>
    i.values.flatMap((v) => (v.kind === "result" && v.fiscalYear !== null ? [v.fiscalYear] : [])),
  );
  // Without a period (a plan not reported on yet): as of the latest result, else the plan's end.
  const latest = resultYearsAll.length > 0 ? Math.max(...resultYearsAll) : tree.fiscalYears.at(-1);
  const fiscalYear = tree.period ? fiscalYearOf(tree.period.asOf) : latest;
  const resultYears: number[] = [];
  if (fiscalYear !== undefined) {
    const first = Math.min(...tree.fiscalYears, ...resultYearsAll, fiscalYear);
    for (let fy = Math.max(first, fiscalYear - MAX_RESULT_YEARS + 1); fy <= fiscalYear; fy++)
      resultYears.push(fy);
  }

  // Each owner's indicators (in ID order), taken out as the tree walk prints them.
  const byOwner = new Map<string, StoredIndicator[]>();
  for (const i of indicators) byOwner.set(ownerKey(i), [...(byOwner.get(ownerKey(i)) ?? []), i]);
  const rows: IndicatorReportRow[] = [];
  const emit = (key: string, heading: (levelName: string) => string) => {
    const own = byOwner.get(key);
    if (!own?.[0]) return;
    byOwner.delete(key);
    rows.push({
      kind: "owner",
      text: `【${own[0].place.levelName}】${heading(own[0].place.levelName)}`,
    });
    for (const i of own) rows.push(indicatorRow(i, bands, fiscalYear, resultYears));
  };
  const item = (it: ItemNode) => {
    emit(it.number === null ? `item:title:${it.title}` : `item:${it.number}`, () => itemText(it));
    for (const m of it.measures)
      if (!m.relistingOf) emit(`measure:${m.code}`, () => `${m.title}（${itemText(it)}）`);
  };
  const group = (g: GroupNode, path: number[]) => {
    emit(`group:${path.join(".")}`, () => groupText(g));
    for (const it of g.items) item(it);
    for (const child of g.children) group(child, [...path, child.number]);
  };
  for (const pillar of tree.pillars) group(pillar, [pillar.number]);
  // Anything the tree does not place (an owner outside this tree's shape) still gets printed.
  for (const [key, own] of [...byOwner])
    if (own[0]) emit(key, () => placeText(own[0] as StoredIndicator));
  return { fiscalYear, resultYears, rows };
}

/** The owner an indicator sits on, as the tree walk names it. */
function ownerKey(i: StoredIndicator): string {
  switch (i.place.level) {
    case "measure":
      return `measure:${i.place.measureCode}`;
    case "item":
      return i.place.itemNumber === null
        ? `item:title:${i.place.itemTitle}`
        : `item:${i.place.itemNumber}`;
    case "group":
      return `group:${i.place.groupPath.join(".")}`;
  }
}

function placeText(i: StoredIndicator): string {
  switch (i.place.level) {
    case "measure":
      return i.place.measureCode;
    case "item":
      return `${i.place.itemNumber === null ? "" : `No.${i.place.itemNumber} `}${i.place.itemTitle}`;
    case "group":
      return i.place.groupTitle;
  }
}
