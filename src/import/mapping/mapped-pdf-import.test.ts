import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { pledgeListMapping } from "../../../test/factories/mapped-sheets.ts";
import { pledgeListPdf } from "../../../test/factories/pledge-list-pdf.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { importMappedSheet, importMappedSheetFile } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const ORG = { organization: { code: "430005", name: "熊本県" } };

forEachStore("a PDF's table through a column mapping", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let dir: string;
  let pdf: Buffer;
  before(async () => {
    store = await freshStore(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinchoku-mapped-pdf-"));
    pdf = await pledgeListPdf();
  });
  after(async () => {
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the table by the mapping's headings over two pages: groups filled down, a wrapped cell joined, rating and 部局 stored", async () => {
    const file = join(dir, "pledges.pdf");
    const mappingFile = join(dir, "mapping.json");
    writeFileSync(file, pdf);
    // A sheet's keys do not apply to a PDF: the header is found by its headings.
    writeFileSync(mappingFile, JSON.stringify({ ...pledgeListMapping(), headerRow: 3 }));
    const { report } = await importMappedSheetFile(store, file, mappingFile, ORG);
    const groups = await store.db.selectFrom("plan_group").select("title").orderBy("id").execute();
    assert.deepEqual(
      groups.map((g) => g.title),
      ["くらし", "しごと"],
    );
    const rows = await store.db
      .selectFrom("measure")
      .innerJoin("progress", "progress.measure_id", "measure.id")
      .innerJoin("measure_department", "measure_department.measure_id", "measure.id")
      .innerJoin("department", "department.id", "measure_department.department_id")
      .select([
        "measure.code",
        "measure.title",
        "progress.narrative",
        "progress.status_code",
        "department.name",
      ])
      .orderBy("measure.code")
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.code, r.title, r.narrative, r.status_code, r.name]),
      [
        ["1", "子ども医療費の助成拡大", "対象を中学生まで広げた", "A", "健康福祉部"],
        ["2", "県立病院の医師確保", "医師数は増えたが目標には届かない", "B", "健康福祉部"],
        ["3", "企業誘致の推進", "誘致件数が伸びない", "C", "商工労働部"],
      ],
    );
    const kinds = report.furniture.map((f) => f.kind);
    assert.ok(kinds.includes("table-header"), "the header repeated on page 2");
    assert.ok(kinds.includes("footer"), "the page numbers");
    assert.ok(
      report.furniture.some((f) => f.text.includes("知事公約の評価（平成29年度）")),
      "the title above the table",
    );
    const pages = report.messages.find((m) => m.code === "pdf-table-rows");
    assert.match(pages?.message ?? "", /2〜3 行目は 1 ページ、4〜4 行目は 2 ページ/u);
  });

  it("refuses a PDF whose table lacks a heading the mapping names, storing nothing", async () => {
    const fresh = await freshStore(dialect);
    try {
      const mapping = parseMapping(
        { ...pledgeListMapping(), department: "担当課名" },
        "mapping.json",
      );
      await assert.rejects(
        importMappedSheet(fresh, pdf, "pledges.pdf", mapping, ORG),
        (error: ShinchokuError) =>
          error instanceof ShinchokuError &&
          error.location.file === "pledges.pdf" &&
          /department「担当課名」/u.test(error.message),
      );
      const plans = await fresh.db.selectFrom("plan").select("id").execute();
      assert.equal(plans.length, 0);
    } finally {
      await fresh.dispose();
    }
  });
});

forEachStore("a PDF's table cell of several bullets through a column mapping", (dialect) => {
  it("makes one measure per bullet, each with the cells printed level with it", async () => {
    const store = await freshStore(dialect);
    try {
      const pdf = await pledgeListPdf([
        [
          ["しごと", "4", "観光の振興", "A", "前年並み", "観光課"],
          [
            "",
            "5",
            ["・観光客の誘致", "・物産展の開催"],
            "B",
            ["5万人増えた", "2回開いた"],
            "観光課",
          ],
        ],
      ]);
      const mapping = parseMapping(
        {
          plan: { title: "観光の計画", asOf: "2024-03-31" },
          levels: [
            { name: "分野", title: "分野" },
            { name: "公約", number: "No." },
          ],
          measure: { name: "取組", title: "政策項目" },
          progress: "評価理由",
        },
        "mapping.json",
      );
      const { report } = await importMappedSheet(store, pdf, "kanko.pdf", mapping, ORG);
      const rows = await store.db
        .selectFrom("measure")
        .innerJoin("item", "item.id", "measure.item_id")
        .innerJoin("progress", "progress.measure_id", "measure.id")
        .select(["item.number", "measure.title", "progress.narrative"])
        .orderBy("item.number")
        .orderBy("measure.position")
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.number, r.title, r.narrative]),
        [
          [4, "観光の振興", "前年並み"],
          [5, "観光客の誘致", "5万人増えた"],
          [5, "物産展の開催", "2回開いた"],
        ],
      );
      assert.match(
        report.messages.find((m) => m.code === "bullets-split")?.message ?? "",
        /1 行を/u,
      );
    } finally {
      await store.dispose();
    }
  });
});
