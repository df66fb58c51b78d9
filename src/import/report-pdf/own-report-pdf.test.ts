import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { assertSamePrinted, storedRows } from "../../../test/factories/printed-plan.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importPlanDraft } from "../../commands/plan-importer.ts";
import type { GroupDraft, ItemDraft, PlanDraft } from "../../domain/plan-draft.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { reportPdf } from "../../export/report-pdf.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { importReportFile } from "../report-importer.ts";
import { readReportPdf } from "./report-pdf-reader.ts";

// The example plan imported from its report text, printed as our own report PDF (A4 landscape,
// pillar, area and category rows, ruled cells, one row per measure, running footers) and read
// back once for the whole file.
let textTree: PlanTree;
let read: Awaited<ReturnType<typeof readReportPdf>>;
let sha256: string;
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
  const pdf = await reportPdf(textTree);
  sha256 = createHash("sha256").update(pdf).digest("hex");
  read = await readReportPdf(pdf, "report.pdf");
});

function draftItems(draft: PlanDraft): ItemDraft[] {
  const walk = (g: GroupDraft): ItemDraft[] => [...g.items, ...g.children.flatMap(walk)];
  return draft.pillars.flatMap(walk);
}

it("reads our own report PDF into the example plan's 130 items and 198 measure rows", () => {
  const items = draftItems(read.draft);
  assert.equal(items.filter((i) => i.number !== null).length, 130);
  assert.equal(items.length, 133, "and 3 re-listed items");
  assert.equal(
    items.reduce((n, i) => n + i.measures.length, 0),
    198,
  );
  assert.equal(read.draft.title, textTree.title);
  assert.equal(read.draft.period.asOf, "2013-09-30");
  assert.deepEqual(read.draft.fiscalYears, [2012, 2013]);
});

it("names the sections from the table's pillar and area rows when the PDF has no table of contents", () => {
  const sections = read.draft.pillars.map((p) => [
    `${p.label}. ${p.title}`,
    p.children.filter((c) => c.level === "area").map((a) => `${a.label}. ${a.title}`),
  ]);
  assert.deepEqual(
    sections,
    textTree.pillars.map((p) => [
      `${p.label}. ${p.title}`,
      p.children.filter((c) => c.level === "area").map((a) => `${a.label}. ${a.title}`),
    ]),
  );
  assert.ok(read.report.messages.some((m) => m.code === "sections-from-headings"));
});

it("drops the repeated header rows and the running footers as page furniture, by page", () => {
  const furniture = read.report.furniture;
  const footers = furniture.filter((f) => f.kind === "footer");
  const pages = Math.max(...footers.map((f) => f.line));
  assert.ok(pages > 10, `${pages} pages`);
  assert.equal(footers.length, pages, "one footer line a page");
  for (const f of footers) assert.match(f.text, new RegExp(`進捗状況.*${f.line} / ${pages}$`, "u"));
  const headers = furniture.filter((f) => f.kind === "table-header").map((f) => f.line);
  assert.deepEqual(
    headers,
    Array.from({ length: pages }, (_, i) => i + 1),
    "the header row of every page",
  );
  assert.ok(furniture.some((f) => f.kind === "pillar-label" && f.text.startsWith("II.")));
});

forEachStore("our own report PDF stored", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  before(async () => {
    store = await freshStore(dialect);
  });
  after(() => store.dispose());

  it("stores the same items, measures, roadmap and progress texts as the text import", async () => {
    const builder = new ImportReportBuilder(read.report.source);
    const { planSlug, report } = await importPlanDraft(
      store,
      structuredClone(read.draft),
      builder,
      {
        organization: KUMAMOTO,
        sha256,
      },
    );
    assert.equal(report.counts.items, 130);
    assert.equal(report.counts.measures, 198);
    const rows = await storedRows(store);
    assert.equal(rows.measures, 198);
    assert.equal(rows.items, 133, "130 numbered items and 3 re-listed ones");
    const numbered = await store.db
      .selectFrom("item")
      .where("number", "is not", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(numbered.n), 130);
    assertSamePrinted(textTree, (await loadPlanTree(store.db, planSlug)) as PlanTree);
  });
});
