import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { runImportCommand } from "../../../test/factories/cli-run.ts";
import {
  handedOut,
  indicatorWorkbookSeed,
  MEASURES,
  INDICATORS_NEXT as NEXT,
} from "../../../test/factories/indicator-workbook.ts";
import { addSampleIndicators } from "../../../test/factories/indicators.ts";
import { clearSuggestedStatuses } from "../../../test/factories/model-report.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { editWorkbook } from "../../../test/factories/workbook-edits.ts";
import { LIBREOFFICE_MISSING, sheetsByLibreOffice } from "../../../test/libreoffice.ts";
import { recordSkip } from "../../../test/skip-log.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { INDICATOR_SHEET_HEADERS } from "../../export/indicator-sheet.ts";
import { PLAN_XLSX_SHEETS, planXlsx } from "../../export/plan-xlsx.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { importPlanWorkbook } from "./plan-workbook-importer.ts";
import { workbookSheets } from "./plan-workbook-reader.ts";

if (LIBREOFFICE_MISSING)
  recordSkip(
    "指標 sheet read back by LibreOffice (src/import/plan-xlsx/indicator-sheet-import.test.ts)",
    LIBREOFFICE_MISSING,
  );

/** Every progress row, indicator value and audit event, as text: what "nothing stored" is checked against. */
async function snapshot(store: Store) {
  const rows = async (table: "progress" | "audit_event" | "indicator_value") =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    progress: await rows("progress"),
    audit: await rows("audit_event"),
    values: await rows("indicator_value"),
  };
}

/** The open period's results, by indicator name. */
async function openResults(store: Store) {
  const rows = await store.db
    .selectFrom("indicator_value")
    .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
    .innerJoin("reporting_period", "reporting_period.id", "indicator_value.reporting_period_id")
    .select([
      "indicator.name",
      "indicator_value.fiscal_year",
      "indicator_value.value",
      "indicator_value.note",
    ])
    .where("reporting_period.as_of", "=", NEXT)
    .where("indicator_value.kind", "=", "result")
    .orderBy("indicator.name")
    .execute();
  return rows.map((r) => [r.name, r.fiscal_year, r.value, r.note]);
}

forEachStore("the 指標 sheet of the departments' workbook", (dialect) => {
  it("writes one row per indicator with its values as stored and the period's result to fill in, read alike by LibreOffice and by our reader", {
    skip: LIBREOFFICE_MISSING,
  }, async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-indicator-sheet-"));
    try {
      const { xlsx, edited, cell } = await handedOut(store, s.planSlug);
      const filled = edited([
        { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.result), text: "１，２３４" },
        { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.note), text: "見込み" },
      ]);
      for (const [name, bytes] of [
        ["plan.xlsx", xlsx],
        ["filled.xlsx", filled],
      ] as const) {
        writeFileSync(join(dir, name), bytes);
        const ours = (await workbookSheets(bytes, name)).get(PLAN_XLSX_SHEETS.indicators) ?? [];
        const theirs =
          sheetsByLibreOffice(join(dir, name), dir, [PLAN_XLSX_SHEETS.indicators]).get(
            PLAN_XLSX_SHEETS.indicators,
          ) ?? [];
        const width = ours[0]?.length ?? 0;
        assert.deepEqual(
          theirs.map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? "").trim())),
          ours,
          name,
        );
      }
      const [header, ...rows] =
        (await workbookSheets(xlsx, "plan.xlsx")).get(PLAN_XLSX_SHEETS.indicators) ?? [];
      assert.deepEqual(header, [
        "指標ID",
        "階層",
        "取組ID",
        "階層番号",
        "対象",
        "指標",
        "単位",
        "種類",
        "方向",
        "基準値",
        "基準年度",
        "年度",
        "目標値",
        "最終目標値",
        "最終目標年度",
        "これまでの実績値",
        "【記入】実績値",
        "【記入】備考",
      ]);
      assert.equal(rows.length, 7, "one row per indicator: measures', the item's and the group's");
      const kpi = rows.find((r) => r[5] === "市電の低床車両の割合") ?? [];
      assert.deepEqual(
        [kpi[1], kpi[9], kpi[10], kpi[11], kpi[12], kpi[13], kpi[14], kpi[16], kpi[17]],
        ["取組", "5.05", "2010", "2013", "40.0", "82.50", "2015", "30", "見込み"],
      );
      assert.equal(
        kpi[15],
        "平成24年度（2012年度）: 12.5（※単年実績）\n平成25年度（2013年度）: 集計中",
      );
      const nursery = rows.find((r) => r[5] === "保育所の定員") ?? [];
      assert.deepEqual(
        [nursery[12], nursery[13], nursery[16], nursery[17]],
        ["1500.50", "2000", "", ""],
      );
      const item = rows.find((r) => r[5] === "待機児童数") ?? [];
      assert.deepEqual([item[1], item[2], item[3]], ["項目", "", "1"]);
      // The 説明 sheet names every column of the 指標 sheet with its sheet.
      const guide = (await workbookSheets(xlsx, "plan.xlsx")).get(PLAN_XLSX_SHEETS.guide) ?? [];
      assert.deepEqual(
        guide.filter((r) => r[0]?.startsWith("指標!")).map((r) => [r[1], r[2]]),
        header?.map((h) => [h, h.startsWith("【記入】") ? "記入" : "参照（変更しない）"]),
      );
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stores the results a department enters as the open period's results with their notes, in the same upload as its progress", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const { edited, cell, progressCell } = await handedOut(store, s.planSlug);
      const measure56 = await measureCodeOf(store, s.planSlug, 56);
      const before = await snapshot(store);
      const report = await importPlanWorkbook(
        store,
        edited(
          [
            { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.result), text: "１，２３４" },
            { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.note), text: "見込み" },
            { cell: cell("一時預かりの利用者数", INDICATOR_SHEET_HEADERS.result), text: "集計中" },
          ],
          [{ cell: progressCell(measure56), text: "定員を234人増やした" }],
        ),
        "plan.xlsx",
        s.staff.nursery,
      );
      assert.equal(report.counts.changed, 1);
      assert.deepEqual(report.indicators?.counts, {
        rows: 7,
        changed: 2,
        unchanged: 5,
        refused: 0,
      });
      assert.deepEqual(
        report.indicators?.rows.filter((r) => r.outcome === "changed").map((r) => r.changed),
        [
          [INDICATOR_SHEET_HEADERS.result, INDICATOR_SHEET_HEADERS.note],
          [INDICATOR_SHEET_HEADERS.result],
        ],
      );
      assert.deepEqual(await openResults(store), [
        ["一時預かりの利用者数", 2013, null, "集計中"],
        ["保育所の定員", 2013, "1234", "見込み"],
      ]);
      const after = await snapshot(store);
      const audit = after.audit
        .filter((a) => !before.audit.includes(a))
        .map((a) => JSON.parse(a).action)
        .sort();
      assert.deepEqual(audit, [
        "indicator.result",
        "indicator.result",
        "progress.import",
        "progress.save",
      ]);
      // The published period is untouched: its own result stays as it was.
      assert.deepEqual(
        before.values.filter((v) => !after.values.includes(v)),
        [],
        "no earlier value changed",
      );
    } finally {
      await store.dispose();
    }
  });

  it("refuses a result that is not a number, naming the sheet, row and column, and stores nothing — not even the progress of the same upload", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const { edited, cell, progressCell } = await handedOut(store, s.planSlug);
      const measure56 = await measureCodeOf(store, s.planSlug, 56);
      const bad = cell("保育所の定員", INDICATOR_SHEET_HEADERS.result);
      const before = await snapshot(store);
      await assert.rejects(
        importPlanWorkbook(
          store,
          edited(
            [
              { cell: cell("一時預かりの利用者数", INDICATOR_SHEET_HEADERS.result), text: "40" },
              { cell: bad, text: "1,234人" },
            ],
            [{ cell: progressCell(measure56), text: "定員を234人増やした" }],
          ),
          "plan.xlsx",
          s.staff.nursery,
        ),
        (e: unknown) => {
          assert.ok(e instanceof ShinchokuError, String(e));
          assert.equal(e.id, "invalid_input");
          const row = Number(bad.replace(/^[A-Z]+/u, ""));
          assert.match(
            e.message,
            new RegExp(
              `シート「指標」の ${row} 行目 ${bad.replace(/\d+$/u, "")} 列（【記入】実績値、指標 I\\d+）の「1,234人」は数値ではありません`,
              "u",
            ),
          );
          assert.deepEqual(e.location, { file: "plan.xlsx", line: row, field: `指標!${bad}` });
          return true;
        },
      );
      assert.deepEqual(await snapshot(store), before, "nothing stored");
    } finally {
      await store.dispose();
    }
  });

  it("refuses row by row another department's indicator, an item's indicator for a department editor, an unknown 指標ID and a changed read-only cell, storing nothing; a planner enters the item's result", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const { edited, cell } = await handedOut(store, s.planSlug);
      const before = await snapshot(store);
      const bytes = edited([
        { cell: cell("市電の利用者数", INDICATOR_SHEET_HEADERS.result), text: "3500" },
        { cell: cell("待機児童数", INDICATOR_SHEET_HEADERS.result), text: "▲12" },
        { cell: cell("一時預かりの利用者数", INDICATOR_SHEET_HEADERS.id), text: "I9999" },
        { cell: cell("保育所の定員", "目標値"), text: "1600" },
        { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.result), text: "1234" },
      ]);
      const report = await importPlanWorkbook(store, bytes, "plan.xlsx", s.staff.nursery);
      assert.deepEqual(await snapshot(store), before, "nothing stored");
      const rowOf = (name: string) => Number(cell(name, INDICATOR_SHEET_HEADERS.id).slice(1));
      assert.deepEqual(
        report.indicators?.rows
          .filter((r) => r.outcome === "refused")
          .map((r) => [r.row, r.refusal?.code, r.refusal?.columns]),
        [
          [rowOf("市電の利用者数"), "wrong-department", [INDICATOR_SHEET_HEADERS.result]],
          [rowOf("待機児童数"), "wrong-department", [INDICATOR_SHEET_HEADERS.result]],
          [rowOf("一時預かりの利用者数"), "unknown-id", [INDICATOR_SHEET_HEADERS.id]],
          [rowOf("保育所の定員"), "read-only-edited", ["目標値"]],
        ].sort((a, b) => Number(a[0]) - Number(b[0])),
      );
      // The planning division may enter any indicator's result: an item's too.
      const planner = await importPlanWorkbook(
        store,
        edited([{ cell: cell("待機児童数", INDICATOR_SHEET_HEADERS.result), text: "▲12" }]),
        "plan.xlsx",
        s.staff.planner,
      );
      assert.equal(planner.indicators?.counts.changed, 1);
      assert.deepEqual(await openResults(store), [["待機児童数", 2013, "-12", null]]);
    } finally {
      await store.dispose();
    }
  });

  it("removes the open period's result when its cells are emptied, and finds nothing to change on a second import", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const { edited, cell } = await handedOut(store, s.planSlug);
      // The workbook shows the published period's 30（見込み）; the planner enters 35 for the open one.
      const entered = edited([
        { cell: cell("市電の低床車両の割合", INDICATOR_SHEET_HEADERS.result), text: "35.0" },
      ]);
      await importPlanWorkbook(store, entered, "plan.xlsx", s.staff.planner);
      assert.deepEqual(await openResults(store), [
        ["市電の低床車両の割合", 2013, "35.0", "見込み"],
      ]);
      const again = await importPlanWorkbook(store, entered, "plan.xlsx", s.staff.planner);
      assert.equal(again.indicators?.counts.changed, 0);
      const cleared = await importPlanWorkbook(
        store,
        edited([
          { cell: cell("市電の低床車両の割合", INDICATOR_SHEET_HEADERS.result), text: "" },
          { cell: cell("市電の低床車両の割合", INDICATOR_SHEET_HEADERS.note), text: "" },
        ]),
        "plan.xlsx",
        s.staff.planner,
      );
      assert.equal(cleared.indicators?.counts.changed, 1);
      assert.deepEqual(await openResults(store), []);
    } finally {
      await store.dispose();
    }
  });

  it("imports a workbook without a 指標 sheet (an older export) as before", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const tree = (await loadPlanTree(store.db, s.planSlug)) as PlanTree;
      const xlsx = new Uint8Array(await planXlsx(tree));
      const sheets = await workbookSheets(xlsx, "old.xlsx");
      assert.deepEqual([...sheets.keys()], ["取組", "説明", "計画"]);
      const { progressCell } = await handedOut(store, s.planSlug);
      const measure56 = await measureCodeOf(store, s.planSlug, 56);
      const report = await importPlanWorkbook(
        store,
        editWorkbook(xlsx, MEASURES, [{ cell: progressCell(measure56), text: "古いブックから" }]),
        "old.xlsx",
        s.staff.nursery,
      );
      assert.equal(report.counts.changed, 1);
      assert.equal(report.indicators, null);
      assert.deepEqual(await openResults(store), []);
    } finally {
      await store.dispose();
    }
  });
  it("refuses, row by row, results entered in a workbook of an earlier fiscal year than the open period's, storing nothing", async () => {
    const { store, value: s } = await seededStore(dialect, staffedPlanSeed);
    try {
      await clearSuggestedStatuses(store);
      await addSampleIndicators(store, s.planSlug);
      // The workbook is of 2013-09-30 (FY2013); the open period is of FY2014.
      await openPeriod(store, s.staff.planner, {
        planSlug: s.planSlug,
        asOf: "2014-09-30",
        deadline: null,
      });
      const { edited, cell } = await handedOut(store, s.planSlug);
      const before = await snapshot(store);
      const report = await importPlanWorkbook(
        store,
        edited([
          { cell: cell("市電の低床車両の割合", INDICATOR_SHEET_HEADERS.result), text: "35" },
        ]),
        "plan.xlsx",
        s.staff.planner,
      );
      assert.deepEqual(
        report.indicators?.rows.filter((r) => r.outcome === "refused").map((r) => r.refusal?.code),
        ["other-fiscal-year"],
      );
      assert.match(
        report.indicators?.rows.find((r) => r.refusal)?.refusal?.message ?? "",
        /平成25年度（2013年度）のものです。受付中の報告期は平成26年度（2014年度）/u,
      );
      assert.deepEqual(await snapshot(store), before, "nothing stored");
    } finally {
      await store.dispose();
    }
  });

  it("prints the 指標 rows in `shinchoku import FILE.xlsx --as LOGIN` and exits 1 when one is refused, the others stored", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-indicator-cli-"));
    try {
      const { edited, cell, codeOf } = await handedOut(store, s.planSlug);
      const path = join(dir, "plan.xlsx");
      writeFileSync(
        path,
        edited([
          { cell: cell("市電の利用者数", INDICATOR_SHEET_HEADERS.result), text: "3,500" },
          { cell: cell("保育所の定員", INDICATOR_SHEET_HEADERS.result), text: "1300" },
        ]),
      );
      const run = await runImportCommand([path, "--as", "transport"], store.url);
      assert.equal(run.status, 1, run.stdout);
      assert.match(run.stdout, /指標 7 \/ 実績値の変更 1 \/ 変更なし 5 \/ 取込不可 1/u);
      const row = (name: string) => cell(name, INDICATOR_SHEET_HEADERS.id).slice(1);
      assert.match(
        run.stdout,
        new RegExp(
          `plan\\.xlsx:指標!${row("市電の利用者数")}: ${codeOf.get("市電の利用者数")} 変更（【記入】実績値）`,
          "u",
        ),
      );
      assert.match(
        run.stdout,
        new RegExp(
          `plan\\.xlsx:指標!${row("保育所の定員")}: ${codeOf.get("保育所の定員")} 取込不可: .*\\(wrong-department\\)`,
          "u",
        ),
      );
      assert.deepEqual(await openResults(store), [["市電の利用者数", 2013, "3500", null]]);
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("reports every 指標 row as unknown when the plan has no indicator any more, and still takes the 取組 rows", async () => {
    const { store, value: s } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const { edited, progressCell } = await handedOut(store, s.planSlug);
      await store.db.deleteFrom("indicator_value").execute();
      await store.db.deleteFrom("indicator").execute();
      const measure56 = await measureCodeOf(store, s.planSlug, 56);
      const report = await importPlanWorkbook(
        store,
        edited([], [{ cell: progressCell(measure56), text: "指標のない計画で" }]),
        "plan.xlsx",
        s.staff.nursery,
      );
      assert.equal(report.counts.changed, 1);
      assert.deepEqual(report.indicators?.counts, {
        rows: 7,
        changed: 0,
        unchanged: 0,
        refused: 7,
      });
      assert.ok(report.indicators?.rows.every((r) => r.refusal?.code === "unknown-id"));
    } finally {
      await store.dispose();
    }
  });
});
