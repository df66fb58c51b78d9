import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { CHROMIUM, launchBrowser } from "../../../test/browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { assertSamePrinted, storedRows } from "../../../test/factories/printed-plan.ts";
import { reportHtml, reportHtmlPrint } from "../../../test/factories/report-html.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importPlanDraft } from "../../commands/plan-importer.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { importReportFile } from "../report-importer.ts";
import { readReportPdf } from "./report-pdf-reader.ts";

// The example plan laid out by another program: an HTML table (A4 portrait, 明朝, no cell
// borders, a cover page with a table of contents, the measures of an item as one block of `・`
// lines, running title and page numbers from the browser) printed to PDF by Chromium.
const browser = await launchBrowser(
  "a report PDF printed by Chromium (src/import/report-pdf/chromium-report-pdf.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

/** IPAex draws ～ and 〜 with one glyph, and Chromium's PDF names it 〜. */
const ipaexFold = (text: string) => text.replaceAll("～", "〜");

let textTree: PlanTree;
let read: Awaited<ReturnType<typeof readReportPdf>>;
let sha256: string;

describe("a report PDF printed by Chromium from an HTML table", { skip }, () => {
  before(async () => {
    const source = await freshStore("sqlite");
    try {
      const { planSlug } = await importReportFile(source, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      textTree = (await loadPlanTree(source.db, planSlug)) as PlanTree;
    } finally {
      await source.dispose();
    }
    const page = await (browser as NonNullable<typeof browser>).newPage();
    await page.setContent(reportHtml(textTree));
    const pdf = await page.pdf(reportHtmlPrint(textTree));
    await browser?.close();
    sha256 = createHash("sha256").update(pdf).digest("hex");
    read = await readReportPdf(pdf, "chromium.pdf");
  });

  it("reads the cover page and the table of contents above the table", () => {
    assert.equal(read.draft.title, textTree.title);
    assert.deepEqual(read.draft.period, { asOf: "2013-09-30", publishedOn: "2013-11" });
    assert.deepEqual(read.draft.fiscalYears, [2012, 2013]);
    assert.deepEqual(
      read.draft.pillars.map((p) => [p.label, p.title, p.children.map((c) => c.title)]),
      textTree.pillars.map((p) => [p.label, p.title, p.children.map((c) => c.title)]),
    );
  });

  it("splits an item's block of ・ lines into its measures, with their cells cut level with them", () => {
    const item = read.draft.pillars[0]?.children[0]?.children[0]?.items[0];
    assert.deepEqual(
      item?.measures.map((m) => [m.title, m.roadmap.map((r) => r.text), m.progress]),
      [
        ["5つの区役所の設置", ["供用", "⇒"], "平成24年4月1日付けで設置済"],
        [
          "事務権限移譲の円滑化",
          ["引継事務の実施", "⇒"],
          "熊本県・熊本市事務権限移譲等に関する連絡調整会議において、移譲された事務権限の円滑な処理の確保について協議を実施",
        ],
      ],
    );
  });

  it("drops the running title, the page numbers and the repeated header as page furniture", () => {
    const furniture = read.report.furniture;
    const numbers = furniture.filter((f) => f.kind === "footer").map((f) => f.text);
    const pages = numbers.length + 1;
    assert.ok(pages > 5, `${pages} pages`);
    assert.deepEqual(
      numbers,
      Array.from({ length: pages - 1 }, (_, i) => `${i + 2} / ${pages}`),
    );
    const titles = furniture.filter((f) => f.kind === "page-title");
    assert.equal(titles.length, pages + 1, "the running title of every page, and page 1's number");
    assert.equal(furniture.filter((f) => f.kind === "table-header").length, pages - 1);
    assert.ok(!read.report.messages.some((m) => m.code === "unrecognized-line"));
  });

  forEachStore("the Chromium PDF stored", (dialect) => {
    let store: Awaited<ReturnType<typeof freshStore>>;
    before(async () => {
      store = await freshStore(dialect);
    });
    after(() => store.dispose());

    it("stores the same 130 items, 198 measure rows and progress texts as the text import", async () => {
      const { planSlug } = await importPlanDraft(
        store,
        structuredClone(read.draft),
        new ImportReportBuilder(read.report.source),
        { organization: KUMAMOTO, sha256 },
      );
      const rows = await storedRows(store);
      assert.equal(rows.measures, 198);
      assert.equal(rows.items, 133, "130 numbered items and 3 re-listed ones");
      assertSamePrinted(textTree, (await loadPlanTree(store.db, planSlug)) as PlanTree, ipaexFold);
    });
  });
});
