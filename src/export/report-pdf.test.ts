import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { UPDATE_SCREENSHOTS } from "../../test/browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { recordSkip } from "../../test/skip-log.ts";
import { freshStore } from "../../test/store-targets.ts";
import { exportCommand } from "../cli/export-command.ts";
import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import { importReportFile } from "../import/report-importer.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { createApp } from "../web/app.ts";
import { MISSING_GLYPH_MARK, printableText } from "./pdf/report-fonts.ts";
import { reportColumns, reportPdf } from "./report-pdf.ts";

// The PDF is read back with poppler (pdftotext, pdffonts, pdfinfo, pdfimages), a reader that
// shares nothing with pdfkit.
const POPPLER_MISSING = spawnSync("pdftotext", ["-v"]).error
  ? "poppler-utils がありません（apt-get install poppler-utils）"
  : false;
if (POPPLER_MISSING) recordSkip("report PDF (src/export/report-pdf.test.ts)", POPPLER_MISSING);

const README_IMAGE = fileURLToPath(new URL("../../docs/images/report-pdf-page1", import.meta.url));
const compact = (text: string) => text.replace(/\s+/gu, "");

/** Each needle found in the haystack after the one before it; names the first that is not. */
function assertInOrder(haystack: string, needles: string[], what: string): void {
  let from = 0;
  for (const [i, needle] of needles.entries()) {
    const at = haystack.indexOf(needle, from);
    assert.ok(at >= 0, `${what} ${i + 1} of ${needles.length} not found in order: ${needle}`);
    from = at + needle.length;
  }
}

/** A plan of one pillar, one category, one item and one measure with the given narrative. */
function smallTree(narrative: string | null): PlanTree {
  return {
    id: 1,
    slug: "small",
    title: "小さな計画",
    organization: KUMAMOTO,
    fiscalYears: [2019, 2020, 2021],
    levels: [],
    contact: null,
    statuses: [],
    periods:
      narrative === null ? [] : [{ asOf: "2019-06-30", publishedOn: null, state: "published" }],
    period:
      narrative === null ? null : { asOf: "2019-06-30", publishedOn: null, state: "published" },
    pillars: [
      {
        level: "pillar",
        number: 1,
        label: "I",
        title: "柱",
        children: [
          {
            level: "category",
            number: 1,
            label: "①",
            title: "区分",
            children: [],
            items: [
              {
                number: 1,
                label: "ア",
                title: "項目",
                relistingOfItemNumber: null,
                measures: [
                  {
                    code: "M0001",
                    title: "長い進捗状況のある取組",
                    relistingOf: null,
                    roadmap: [],
                    progress:
                      narrative === null ? null : { narrative, statusCode: null, figures: [] },
                  },
                ],
              },
            ],
          },
        ],
        items: [],
      },
    ],
  };
}

describe("the official report as PDF of a small plan", { skip: POPPLER_MISSING }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "shinchoku-pdf-small-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const text = (file: string, ...args: string[]) =>
    execFileSync("pdftotext", ["-layout", ...args, file, "-"], { encoding: "utf8" });

  it("continues a narrative longer than a page on the next page, under the repeated header", async () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `第${i + 1}回の会議で進捗を確認した。`);
    const file = join(dir, "long.pdf");
    writeFileSync(file, await reportPdf(smallTree(sentences.join(""))));
    const pages = text(file)
      .split("\f")
      .filter((p) => p.trim() !== "");
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    for (const page of pages) assert.ok(page.includes("進捗状況（令和元年6月末時点）"));
    const columns = reportColumns(3);
    const progress = text(
      file,
      ...["-x", String(Math.floor(columns.left + columns.width - columns.progress))],
      ...["-y", "0", "-W", String(Math.ceil(columns.progress)), "-H", "595"],
    );
    // The header and the page number "n / N" stand in the same column on every page.
    const body = compact(progress).replace(/進捗状況|（令和元年6月末時点）|\d+\/\d+/gu, "");
    assert.equal(body, compact(sentences.join("")));
  });

  it("says so in the title when the plan has no progress yet, and heads the years in 和暦", async () => {
    const file = join(dir, "empty.pdf");
    writeFileSync(file, await reportPdf(smallTree(null)));
    const first = text(file);
    assert.match(first, /（進捗の報告はまだありません）/u);
    assert.match(first, /（記載なし）/u);
    for (const year of ["令和元年度", "令和2年度", "令和3年度"])
      assert.ok(first.includes(year), year);
  });
});

describe("the official report as PDF", { skip: POPPLER_MISSING }, () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug: string;
  let tree: PlanTree;
  let dir: string;
  let file: string;
  let milliseconds: number;
  const poppler = (tool: string, ...args: string[]) =>
    execFileSync(tool, [...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

  before(async () => {
    store = await freshStore("sqlite");
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    tree = (await loadPlanTree(store.db, slug)) as PlanTree;
    dir = mkdtempSync(join(tmpdir(), "shinchoku-pdf-"));
    file = join(dir, "report.pdf");
    const start = performance.now();
    writeFileSync(file, await reportPdf(tree));
    milliseconds = performance.now() - start;
  });
  after(async () => {
    await store?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives back every item title, in document order, through pdftotext", () => {
    const text = compact(poppler("pdftotext", "-layout", file, "-"));
    const items = measurePlacements(tree)
      .map((p) => p.item)
      .filter((item, i, all) => all.indexOf(item) === i);
    assert.equal(items.filter((i) => i.number !== null).length, 130);
    assertInOrder(
      text,
      items.map((i) => compact(printableText(`${i.label}. ${i.title}`))),
      "item",
    );
  });

  it("gives back every measure title and every progress narrative in document order, column by column", () => {
    const columns = reportColumns(tree.fiscalYears.length);
    const column = (x: number, width: number) =>
      compact(
        poppler(
          "pdftotext",
          "-layout",
          ...["-x", String(Math.floor(x)), "-y", "0", "-W", String(Math.ceil(width))],
          ...["-H", "595", file, "-"],
        ),
      );
    const placements = measurePlacements(tree);
    assertInOrder(
      column(columns.left + columns.no, columns.title),
      placements.map(({ measure }) =>
        compact(
          printableText(
            `${measure.title}${measure.relistingOf ? `【No.${measure.relistingOf.itemNumber}再掲】` : ""}`,
          ),
        ),
      ),
      "measure title",
    );
    const narratives = placements.map(({ measure }) => measure.progress?.narrative ?? "");
    assert.ok(narratives.filter(Boolean).length > 150);
    assertInOrder(
      column(columns.left + columns.width - columns.progress, columns.progress),
      narratives.filter(Boolean).map((n) => compact(printableText(n))),
      "narrative",
    );
  });

  it("shows a re-listing with its original's progress and 【No.N再掲】", () => {
    const text = compact(poppler("pdftotext", "-layout", file, "-"));
    const original = measurePlacements(tree).find(
      (p) => p.item.number === 31 && p.measure.title.startsWith("熊本駅東口駅前広場"),
    )?.measure;
    assert.ok(original?.progress);
    const relisted = `熊本駅東口駅前広場の整備【No.31再掲】`;
    const first = text.indexOf(compact(original.progress.narrative));
    const relistedAt = text.indexOf(relisted);
    assert.ok(first >= 0 && relistedAt > first, "the re-listing comes after its original");
    const narrativeStart = compact(original.progress.narrative).slice(0, 12);
    assert.ok(text.indexOf(narrativeStart, relistedAt) > relistedAt);
  });

  it("embeds BIZ UDPGothic as subsets and draws the Japanese as text, not as images", () => {
    const fonts = poppler("pdffonts", file);
    for (const weight of ["Regular", "Bold"]) {
      assert.match(
        fonts,
        new RegExp(
          `^[A-Z]{6}\\+BIZUDPGothic-${weight}\\s+CID TrueType\\s+\\S+\\s+yes\\s+yes\\s+yes`,
          "mu",
        ),
        `${weight}: emb yes, sub yes, uni yes\n${fonts}`,
      );
    }
    assert.equal(fonts.trim().split("\n").length, 4, `only the two embedded fonts\n${fonts}`);
    const images = poppler("pdfimages", "-list", file).trim().split("\n");
    assert.equal(images.length, 2, `no images, only the list's header\n${images.join("\n")}`);
  });

  it("prints A4 landscape pages, each with the header row and its page number n / N", () => {
    const info = poppler("pdfinfo", "-box", file);
    const pages = Number(/^Pages:\s+(\d+)/mu.exec(info)?.[1]);
    assert.ok(pages > 1, `more than one page: ${pages}`);
    const box = /^MediaBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/mu.exec(info);
    assert.deepEqual(
      box?.slice(1).map((n) => Math.round(Number(n))),
      [0, 0, 842, 595],
    );
    const texts = poppler("pdftotext", "-layout", file, "-").split("\f").slice(0, pages);
    assert.equal(texts.length, pages);
    texts.forEach((page, i) => {
      for (const header of ["区分・No.", "項目・取組", "平成24年度", "平成25年度", "進捗状況"]) {
        assert.ok(page.includes(header), `page ${i + 1} repeats the header ${header}`);
      }
      assert.match(page, new RegExp(`${i + 1} / ${pages}\\s*$`, "u"), `page ${i + 1}`);
    });
  });

  it("titles the report with the as-of date in 和暦", () => {
    const first = poppler("pdftotext", "-f", "1", "-l", "1", file, "-");
    assert.match(first, /挑戦元年アクションプラン\(行程表\) 進捗状況/u);
    assert.match(first, /（平成25年9月末時点）/u);
    assert.match(poppler("pdfinfo", file), /^Title:\s+挑戦元年アクションプラン/mu);
  });

  it("prints 〓 for a character the font cannot draw instead of an empty box", () => {
    assert.equal(printableText("工事实施"), `工事${MISSING_GLYPH_MARK}施`);
    assert.equal(printableText("平成25年度 ⇒ —"), "平成25年度 ⇒ —");
    const text = poppler("pdftotext", "-layout", file, "-");
    assert.ok(text.includes(`工事${MISSING_GLYPH_MARK}施`), "the model report's 实 is marked");
  });

  it("is written in seconds, not minutes, for the model report", () => {
    // About 1 s here, fonts loaded cold. The bound is generous so that a loaded CI machine does
    // not fail it; it catches a layout that measures text quadratically.
    assert.ok(milliseconds < 10_000, `${Math.round(milliseconds)} ms`);
  });

  it("is written by `shinchoku export --format pdf`, which refuses to run without --out", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = store.url;
    try {
      assert.equal(await exportCommand(["--format", "pdf"]), 2);
      const out = join(dir, "cli.pdf");
      assert.equal(await exportCommand(["--format", "pdf", "--out", out]), 0);
      assert.equal(readFileSync(out).subarray(0, 5).toString("latin1"), "%PDF-");
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it("is served at /plans/:slug/report.pdf and rendered to PNG by pdftoppm", async () => {
    const res = await createApp(store).request(`/plans/${slug}/report.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    assert.match(res.headers.get("content-disposition") ?? "", /report\.pdf"$/u);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
    const served = join(dir, "served.pdf");
    writeFileSync(served, bytes);
    const png = join(dir, "page1");
    poppler("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", served, png);
    const image = readFileSync(`${png}.png`);
    assert.equal(image.readUInt32BE(16), Math.round((842 / 72) * 80), "PNG width at 80 dpi");
    if (UPDATE_SCREENSHOTS) {
      poppler(
        "pdftoppm",
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        file,
        README_IMAGE,
      );
    }
  });
});
