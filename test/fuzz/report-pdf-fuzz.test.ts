import { before, it } from "node:test";
import fc from "fast-check";
import type { PlanTree } from "../../src/domain/plan-tree.ts";
import { reportPdf } from "../../src/export/report-pdf.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import { type PdfPage, readPdfWords } from "../../src/import/report-pdf/pdf-words.ts";
import { readReportPdf } from "../../src/import/report-pdf/report-pdf-reader.ts";
import { reportTextLines } from "../../src/import/report-pdf/report-text-lines.ts";
import { layOutTable } from "../../src/import/report-pdf/table-layout.ts";
import { readReportText } from "../../src/import/report-text/report-text-reader.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";
import { fuzz, guardedCase } from "./fuzz-harness.ts";

const FILE = "fuzzed.pdf";

// Area 1 of the example (7 categories, 24 items) printed as our report PDF: three pages with
// headings, items, merged measures, wrapped cells, repeated headers and footers.
let pdf: Buffer;
let pages: PdfPage[];
before(async () => {
  const source = await freshStore("sqlite");
  try {
    const { planSlug } = await importReportFile(source, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    const tree = (await loadPlanTree(source.db, planSlug)) as PlanTree;
    const pillar = tree.pillars[0] as PlanTree["pillars"][number];
    pdf = await reportPdf({
      ...tree,
      pillars: [{ ...pillar, children: pillar.children.slice(0, 1) }],
    });
  } finally {
    await source.dispose();
  }
  pages = await readPdfWords(pdf, FILE);
});

/** One change to the text runs: a run dropped, moved, resized, duplicated or given other text. */
const runChange = fc.record({
  page: fc.nat(),
  run: fc.nat(),
  kind: fc.constantFrom("drop", "move", "size", "copy", "text"),
  dx: fc.integer({ min: -120, max: 120 }),
  dy: fc.integer({ min: -40, max: 40 }),
  scale: fc.constantFrom(0, 0.1, 0.5, 2, 10, 1000),
  text: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("項目", "進捗状況", "・", "① ", "II. 柱", "1", "⇒", "3 / 3", "目次", ""),
  ),
});

type RunChange = typeof runChange extends fc.Arbitrary<infer T> ? T : never;

function changed(base: PdfPage[], changes: RunChange[]): PdfPage[] {
  const copy = base.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r })) }));
  for (const c of changes) {
    const page = copy[c.page % copy.length];
    if (!page || page.runs.length === 0) continue;
    const i = c.run % page.runs.length;
    const run = page.runs[i];
    if (!run) continue;
    if (c.kind === "drop") page.runs.splice(i, 1);
    else if (c.kind === "move") Object.assign(run, { x: run.x + c.dx, y: run.y + c.dy });
    else if (c.kind === "size")
      Object.assign(run, { size: run.size * c.scale, width: run.width * c.scale });
    else if (c.kind === "copy") page.runs.push({ ...run, x: run.x + c.dx, y: run.y + c.dy });
    else run.text = c.text;
  }
  return copy;
}

it("lays out 2,000 altered sets of text runs into a draft or rejects them naming the file", async (t) => {
  await fuzz(
    t,
    "report-pdf-layout",
    2_000,
    fc.array(runChange, { minLength: 1, maxLength: 30 }),
    (changes) =>
      guardedCase(
        () =>
          readReportText(reportTextLines(layOutTable(changed(pages, changes), FILE)).lines, FILE),
        (error) => error.location.file === FILE,
      ),
  );
});

it("reads 60 damaged copies of the PDF into a draft or rejects them naming the file", async (t) => {
  const damage = fc.array(
    fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      length: fc.integer({ min: 1, max: 64 }),
    }),
    { minLength: 1, maxLength: 8 },
  );
  await fuzz(t, "report-pdf-bytes", 60, damage, (changes) => {
    const bytes = new Uint8Array(pdf);
    for (const c of changes) {
      // Past the `%PDF-` header, so that each case reaches the PDF reader.
      const at = 8 + (c.at % (bytes.length - 8));
      bytes.fill(c.byte, at, Math.min(bytes.length, at + c.length));
    }
    return guardedCase(
      () => readReportPdf(bytes, FILE),
      (error) => error.location.file === FILE,
    );
  });
});
