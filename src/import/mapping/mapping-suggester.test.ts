import assert from "node:assert/strict";
import { it } from "node:test";
import { programmeEvaluationWorkbook } from "../../../test/factories/mapped-sheets.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { parseMapping } from "./mapping-schema.ts";
import { headingFiscalYear, suggestMapping } from "./mapping-suggester.ts";
import { readSheets } from "./sheet-reader.ts";

it("reads fiscal years from headings in any notation", () => {
  assert.deepEqual(
    [
      "2025",
      "2025年度",
      "令和7年度",
      "R7",
      "Ｒ７年度",
      "令和元年度",
      "平成29年度",
      "H29",
      "H.30年度",
      "概要",
    ].map(headingFiscalYear),
    [2025, 2025, 2025, 2025, 2025, 2019, 2017, 2017, 2018, null],
  );
});

it("suggests a mapping from a 事務事業評価 sheet's headings below its 調整用 row", async () => {
  const sheets = await readSheets(
    await programmeEvaluationWorkbook(),
    "事務事業評価.xlsx",
    new ImportReportBuilder("事務事業評価.xlsx"),
  );
  const [sheet] = sheets;
  assert.ok(sheet);
  const suggested = suggestMapping(sheet, "事務事業評価.xlsx");
  assert.deepEqual(suggested, {
    sheet: "データ集計マクロ用シート",
    headerRow: 2,
    plan: { title: "事務事業評価", asOf: "YYYY-MM-DD" },
    levels: [
      { name: "政策", number: ["C", "D"], title: "E" },
      { name: "施策", number: ["F", "G"], title: "H" },
    ],
    measure: { name: "事務事業", id: "A", title: "B" },
    department: "I",
    roadmap: { 2020: "M", 2021: "N", 2022: "O", 2023: "P", 2024: "Q", 2025: "R" },
    status: { column: "S" },
    fields: { 事務事業の概要: "J", 根拠法令: "K", 活動指標合計: "L" },
  });
  // Once a person gives the date, the suggestion is a valid mapping.
  assert.doesNotThrow(() =>
    parseMapping({ ...suggested, plan: { title: "事務事業評価", asOf: "2025-09-22" } }, "m.json"),
  );
});
