import assert from "node:assert/strict";
import { readSheet } from "read-excel-file/node";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { IndicatorWriter } from "../../src/commands/indicator-writer.ts";
import type { IndicatorValue } from "../../src/domain/indicator.ts";
import { measurePlacements, type PlanTree } from "../../src/domain/plan-tree.ts";
import { PLAN_XLSX_HEADERS, PLAN_XLSX_SHEETS, planXlsx } from "../../src/export/plan-xlsx.ts";
import { ImportReportBuilder } from "../../src/import/import-report.ts";
import { loadPlanIndicators } from "../../src/store/queries/indicator-query.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import type { Store } from "../../src/store/store.ts";
import type { StoreSeed } from "../store-targets.ts";
import { addSampleIndicators } from "./indicators.ts";
import { clearSuggestedStatuses } from "./model-report.ts";
import { measureCodeOf, staffedPlan } from "./staff.ts";
import { type CellEdit, columnLetter, editWorkbook } from "./workbook-edits.ts";

/** The open period of `indicatorWorkbookSeed`. */
export const INDICATORS_NEXT = "2014-03-31";
/** The 取組 sheet's part in the workbook. */
export const MEASURES = "xl/worksheets/sheet1.xml";
/** 取組, 指標, 説明, 計画: the indicators are the second sheet. */
export const INDICATORS = "xl/worksheets/sheet2.xml";

const value = (
  kind: IndicatorValue["kind"],
  fiscalYear: number,
  v: string | null,
  extra: Partial<IndicatorValue> = {},
): IndicatorValue => ({
  kind,
  fiscalYear,
  value: v,
  note: null,
  final: false,
  periodAsOf: null,
  ...extra,
});

/** One indicator on a measure, as an import writes it. */
async function addIndicator(
  store: Store,
  planSlug: string,
  measureCode: string,
  name: string,
  values: IndicatorValue[],
) {
  await store.db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom("plan")
      .select("id")
      .where("slug", "=", planSlug)
      .executeTakeFirstOrThrow();
    const measure = await trx
      .selectFrom("measure")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("code", "=", measureCode)
      .executeTakeFirstOrThrow();
    await new IndicatorWriter(trx, plan.id, new ImportReportBuilder("test")).write(
      { measureId: measure.id },
      [
        {
          name,
          unit: "人",
          kind: "成果指標",
          direction: "increase",
          source: null,
          achievementForm: "auto",
          line: null,
          values,
        },
      ],
    );
  });
}

/**
 * The staffed model plan with indicators on a measure (no department), an item and a group
 * (`addSampleIndicators`), on two nursery measures (items 56, 57) and on a transport measure
 * (item 29); the next period open.
 */
export const indicatorWorkbookSeed: StoreSeed<Awaited<ReturnType<typeof staffedPlan>>> = {
  name: "staffed-plan-indicator-sheet",
  build: async (store) => {
    const staffed = await staffedPlan(store);
    const { planSlug, staff } = staffed;
    await clearSuggestedStatuses(store);
    await addSampleIndicators(store, planSlug);
    await addIndicator(store, planSlug, await measureCodeOf(store, planSlug, 56), "保育所の定員", [
      value("baseline", 2011, "1000"),
      value("target", 2013, "1500.50"),
      value("target", 2015, "2000", { final: true }),
      value("result", 2012, "1100"),
    ]);
    await addIndicator(
      store,
      planSlug,
      await measureCodeOf(store, planSlug, 57),
      "一時預かりの利用者数",
      [],
    );
    await addIndicator(
      store,
      planSlug,
      await measureCodeOf(store, planSlug, 29),
      "市電の利用者数",
      [value("result", 2012, "3437")],
    );
    await openPeriod(store, staff.planner, { planSlug, asOf: INDICATORS_NEXT, deadline: null });
    return staffed;
  },
};

export /** The workbook the planning division hands out (the plan as last published), with ways to name its cells. */
async function handedOut(store: Store, planSlug: string) {
  const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
  const { indicators } = await loadPlanIndicators(store.db, tree.id, {
    asOf: tree.period?.asOf ?? null,
    publishedOnly: true,
  });
  const xlsx = new Uint8Array(await planXlsx(tree, { indicators }));
  const [header = [], ...rows] = await readSheet(Buffer.from(xlsx), PLAN_XLSX_SHEETS.indicators);
  const codeOf = new Map(indicators.map((i) => [i.name, i.code]));
  /** The cell of an indicator's row (by its name) in a column of the 指標 sheet, e.g. `R5`. */
  const cell = (name: string, column: string) => {
    const at = header.indexOf(column);
    assert.ok(at >= 0, column);
    const row = rows.findIndex((r) => r[0] === codeOf.get(name));
    assert.ok(row >= 0, name);
    return `${columnLetter(at)}${row + 2}`;
  };
  const [measureHeader = []] = await readSheet(Buffer.from(xlsx), PLAN_XLSX_SHEETS.measures);
  const placements = measurePlacements(tree);
  /** The 【記入】進捗状況 cell of a measure's row on the 取組 sheet. */
  const progressCell = (code: string) =>
    `${columnLetter(measureHeader.indexOf(PLAN_XLSX_HEADERS.progress))}${placements.findIndex((p) => p.measure.code === code) + 2}`;
  const edited = (indicatorEdits: CellEdit[], measureEdits: CellEdit[] = []) =>
    editWorkbook(editWorkbook(xlsx, INDICATORS, indicatorEdits), MEASURES, measureEdits);
  return { tree, indicators, xlsx, cell, progressCell, edited, codeOf };
}
