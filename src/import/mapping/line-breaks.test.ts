import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, it } from "node:test";
import { parse } from "csv-parse/sync";
import writeExcelFile from "write-excel-file/node";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { createApp } from "../../web/app.ts";
import { importMappedSheet } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const TITLE = "道路維持事業\n（舗装の打ち換え）";
const PROGRESS = "市道 12 路線を補修した\n残る 3 路線は来年度";

/** A city's workbook whose title and progress cells hold line breaks (Alt+Enter in Excel). */
async function workbook(): Promise<Uint8Array> {
  const rows = [
    ["施策番号", "施策名", "事業ID", "事業名", "進捗"],
    ["1", "道路の整備", "0120", TITLE, PROGRESS],
  ];
  const xlsx = await writeExcelFile(
    rows.map((r) => r.map((value) => ({ value, type: String, wrap: true }))) as never,
    { sheet: "事業" },
  ).toBuffer();
  return new Uint8Array(xlsx);
}

const mapping = () =>
  parseMapping(
    {
      plan: { title: "道路の計画", asOf: "2025-09-30" },
      levels: [{ name: "施策", number: "施策番号", title: "施策名" }],
      measure: { name: "事業", id: "事業ID", title: "事業名" },
      progress: "進捗",
    },
    "mapping.json",
  );

forEachStore("line breaks inside a mapped workbook's cells", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug: string;
  let tree: PlanTree;
  before(async () => {
    store = await freshStore(dialect);
    slug = (
      await importMappedSheet(store, await workbook(), "jigyo.xlsx", mapping(), {
        organization: { code: "431001", name: "熊本市" },
      })
    ).planSlug;
    tree = (await loadPlanTree(store.db, slug)) ?? assert.fail("plan");
  });
  after(async () => store?.dispose());

  it("keeps them in the store and in the plan JSON", async () => {
    const measure = await store.db.selectFrom("measure").select("title").executeTakeFirstOrThrow();
    assert.equal(measure.title, TITLE);
    const progress = await store.db
      .selectFrom("progress")
      .select("narrative")
      .executeTakeFirstOrThrow();
    assert.equal(progress.narrative, PROGRESS);
    const json = JSON.parse(planJson(tree));
    const saved = json.pillars[0].items[0].measures[0];
    assert.equal(saved.title, TITLE);
    assert.equal(saved.progress.narrative, PROGRESS);
  });

  it("shows them on the item page in elements that keep line breaks (white-space: pre-line)", async () => {
    const page = await (await createApp(store).request(`/plans/${slug}/items/1`)).text();
    assert.ok(page.includes(`class="keeps-lines">${TITLE}</h3>`), "the measure's heading");
    assert.ok(page.includes(`<p class="narrative">${PROGRESS}</p>`), "the progress");
    const css = readFileSync(
      new URL("../../web/assets/style.css", import.meta.url),
      "utf8",
    ).replace(/\/\*[\s\S]*?\*\//gu, "");
    const rule = /([^{}]+)\{\s*white-space: pre-line;\s*\}/gu;
    const selectors = [...css.matchAll(rule)].flatMap((m) =>
      (m[1] ?? "").split(",").map((s) => s.trim()),
    );
    for (const selector of [".narrative", ".keeps-lines", ".report td.progress"])
      assert.ok(selectors.includes(selector), `${selector} keeps line breaks`);
  });

  it("writes them into the CSV as CRLF inside a quoted value (RFC 4180), read back whole", () => {
    const csv = measuresCsv(tree);
    assert.ok(csv.includes(`"${PROGRESS.replace("\n", "\r\n")}"`), "quoted, with CRLF");
    const [header, row] = parse(csv.replace(/^\uFEFF/u, "")) as string[][];
    const at = (name: string) => row?.[header?.indexOf(name) ?? -1];
    assert.equal(at("進捗状況"), PROGRESS.replace("\n", "\r\n"));
    assert.equal(at("事業"), TITLE.replace("\n", "\r\n"));
  });
});
