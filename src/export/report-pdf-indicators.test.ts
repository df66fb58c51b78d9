import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { addMeasureIndicator, addSampleIndicators } from "../../test/factories/indicators.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { measureCodeOf, staffedPlanSeed } from "../../test/factories/staff.ts";
import { recordSkip } from "../../test/skip-log.ts";
import { forEachStore, freshStore, seededStore } from "../../test/store-targets.ts";
import { openPeriod } from "../commands/cycle/period-opener.ts";
import { publishPeriod } from "../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../commands/cycle/progress-saver.ts";
import { DEFAULT_SCORE_BANDS, type IndicatorValue } from "../domain/indicator.ts";
import type { GroupDraft, ItemDraft } from "../domain/plan-draft.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import { importReportFile } from "../import/report-importer.ts";
import { readReportPdf } from "../import/report-pdf/report-pdf-reader.ts";
import type { StoredIndicator } from "../store/queries/indicator-query.ts";
import { createApp } from "../web/app.ts";
import { reportPdf } from "./report-pdf.ts";

const POPPLER_MISSING = spawnSync("pdftotext", ["-v"]).error
  ? "poppler-utils がありません（apt-get install poppler-utils）"
  : false;
if (POPPLER_MISSING)
  recordSkip("report PDF indicators (src/export/report-pdf-indicators.test.ts)", POPPLER_MISSING);

const compact = (text: string) => text.replace(/\s+/gu, "");

/**
 * The text of a PDF as pdftotext reads it, page by page (layout kept); `crop` reads only a
 * column (x and width in points) of every page.
 */
function pagesOf(pdf: Buffer, crop?: { x: number; width: number }): string[] {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-pdf-indicators-"));
  try {
    const file = join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const area = crop
      ? [
          "-x",
          String(Math.floor(crop.x)),
          "-y",
          "0",
          "-W",
          String(Math.ceil(crop.width)),
          "-H",
          "595",
        ]
      : [];
    return execFileSync("pdftotext", ["-layout", ...area, file, "-"], { encoding: "utf8" })
      .split("\f")
      .filter((p) => p.trim() !== "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A plan of one pillar, item and measure, reported on as of 2019-09-30. */
function oneMeasureTree(): PlanTree {
  const period = { asOf: "2019-09-30", publishedOn: "2019-11-01", state: "published" };
  return {
    id: 1,
    slug: "small",
    title: "小さな計画",
    organization: KUMAMOTO,
    fiscalYears: [2017, 2018, 2019, 2020, 2021],
    levels: [],
    contact: null,
    statuses: [],
    periods: [period],
    period,
    pillars: [
      {
        level: "pillar",
        number: 1,
        label: "I",
        title: "柱",
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
                title: "指標の多い取組",
                relistingOf: null,
                roadmap: [],
                progress: { narrative: "実施中。", statusCode: null, figures: [] },
              },
            ],
          },
        ],
      },
    ],
  };
}

const value = (
  kind: IndicatorValue["kind"],
  fiscalYear: number,
  v: string,
  periodAsOf: string | null = null,
): IndicatorValue => ({ kind, fiscalYear, value: v, note: null, final: false, periodAsOf });

function measureIndicator(n: number, name: string): StoredIndicator {
  return {
    code: `I${String(n).padStart(4, "0")}`,
    name,
    unit: "件",
    kind: "成果指標",
    direction: "increase",
    source: null,
    achievementForm: "auto",
    place: { level: "measure", levelName: "取組", measureCode: "M0001" },
    values: [
      value("baseline", 2016, "100"),
      value("target", 2019, "200"),
      value("result", 2014, "90"),
      value("result", 2018, String(140 + n)),
      value("result", 2019, "180", "2019-09-30"),
      value("result", 2020, "999"),
    ],
  };
}

describe("the indicator section of the report PDF", { skip: POPPLER_MISSING }, () => {
  it("has no indicator section when the plan has no indicator", async () => {
    const pages = pagesOf(
      await reportPdf(oneMeasureTree(), {
        indicators: { bands: DEFAULT_SCORE_BANDS, indicators: [] },
      }),
    );
    assert.equal(pages.length, 1);
    assert.doesNotMatch(pages.join(""), /指標の状況|達成率/u);
  });

  it("splits a long table across pages under its repeated header, wrapping long names whole", async () => {
    const long = (n: number) =>
      `第${n}の指標：市民が日常的に利用する公共交通機関の利便性が向上したと感じる人の割合と、その年度ごとの推移`;
    const indicators = Array.from({ length: 40 }, (_, i) => measureIndicator(i + 1, long(i + 1)));
    const pdf = await reportPdf(oneMeasureTree(), {
      indicators: { bands: DEFAULT_SCORE_BANDS, indicators },
    });
    const pages = pagesOf(pdf);
    const section = pages.slice(pages.findIndex((p) => p.includes("指標の状況")));
    assert.ok(section.length >= 2, `the section takes ${section.length} pages`);
    assert.match(section[0] ?? "", /指標の状況（令和元年9月末時点）/u);
    for (const [i, page] of section.entries())
      for (const header of ["指標", "単位", "基準値", "目標値", "令和元年度", "達成率", "評価"])
        assert.ok(page.includes(header), `page ${i + 1} of the section repeats ${header}`);
    // The 指標 column: 786 points less 単位, 基準値, 目標値, four result years, 達成率 and 評価.
    const text = compact(pagesOf(pdf, { x: 28, width: 786 - 318 - 4 * 70 }).join(""));
    let from = 0;
    for (let n = 1; n <= 40; n++) {
      const at = text.indexOf(compact(long(n)), from);
      assert.ok(at >= 0, `indicator ${n}'s whole name, in order`);
      from = at;
    }
  });

  it("shows results up to the period's fiscal year only, four years at most, and judges that year", async () => {
    const pages = pagesOf(
      await reportPdf(oneMeasureTree(), {
        indicators: {
          bands: DEFAULT_SCORE_BANDS,
          indicators: [measureIndicator(1, "利用件数")],
        },
      }),
    );
    const section = pages.at(-1) ?? "";
    for (const year of ["平成29年度", "平成30年度", "令和元年度"])
      assert.ok(section.includes(year));
    assert.ok(!section.includes("令和2年度"), "no column for a year after the period's");
    assert.ok(!section.includes("999"), "no result of a later fiscal year");
    // (180 − 100) / (200 − 100) = 80% → B; the 2019 result is a mid-year one, dated.
    assert.match(section, /利用件数\s+件\s+100\s+200\s+141\s+180\s+80\.0%\s+B/u);
    assert.match(section, /（令和元年9月末時点）/u);
    assert.match(section, /（2016年度）/u);
  });
});

forEachStore("the report PDF's indicators from the store", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug = "";
  before(async () => {
    store = await freshStore(dialect);
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    await addSampleIndicators(store, slug);
  });
  after(() => store.dispose());

  it("prints each indicator's unit, baseline, targets, results, achievement and score under its measure, item or group", async () => {
    const res = await createApp(store).request(`/plans/${slug}/report.pdf`);
    assert.equal(res.status, 200);
    const pages = pagesOf(Buffer.from(await res.arrayBuffer()));
    const start = pages.findIndex((p) => p.includes("指標の状況"));
    assert.ok(start > 0, "the section follows the progress table");
    const section = pages.slice(start).join("\n");
    assert.match(section, /指標の状況（平成25年9月末時点）/u);
    assert.match(section, /【項目】No\.1 ア\./u);
    assert.match(section, /【取組】/u);
    // (30 − 5.05) / (40.0 − 5.05) = 71.4% → C, from the published mid-year result.
    assert.match(section, /市電の低床車両の割合\s+%\s+5\.05\s+40\.0\s+12\.5\s+30\s+71\.4%\s+C/u);
    assert.match(section, /（平成25年9月末時点）/u);
    assert.match(section, /事業費\s+千円\s+—\s+—\s+3,437\s+-1\.50\s+—\s+—/u);
    // ratio, ⇘: 20 / 40 = 50.0% → C
    assert.match(section, /待機児童数\s+人\s+100\s+20\s+40\s+50\.0%\s+C/u);
    // 維持: 82 / 80 = 102.5% → A
    assert.match(section, /市民満足度\s+%\s+—\s+80\s+82\s+102\.5%\s+A/u);
    for (const year of ["平成22年度", "（2010年度）", "平成27年度", "（2015年度）"])
      assert.ok(section.includes(year), year);
  });
});

it("is read back by the report-PDF reader, which stops at the indicator section", {
  skip: POPPLER_MISSING,
}, async () => {
  const store = await freshStore("sqlite");
  try {
    const slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO }))
      .planSlug;
    await addSampleIndicators(store, slug);
    const res = await createApp(store).request(`/plans/${slug}/report.pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    const pages = pagesOf(pdf);
    const { draft, report } = await readReportPdf(pdf, "report.pdf");
    const walk = (g: GroupDraft): ItemDraft[] => [...g.items, ...g.children.flatMap(walk)];
    const items = draft.pillars.flatMap(walk);
    assert.equal(items.filter((i) => i.number !== null).length, 130);
    assert.equal(
      items.reduce((n, i) => n + i.measures.length, 0),
      198,
    );
    assert.ok(
      report.messages.some(
        (m) =>
          m.code === "indicator-section-skipped" &&
          m.message.startsWith(`${pages.length} ページからの「指標の状況」の表は取り込みません`),
      ),
    );
  } finally {
    await store.dispose();
  }
});

forEachStore("the report PDF and unpublished results", (dialect) => {
  it("leaves out a result of a period not yet published, and prints it once the period is", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const code = await addMeasureIndicator(store, planSlug, measureCode);
      const asOf = "2014-03-31";
      await openPeriod(store, staff.planner, { planSlug, asOf, deadline: null });
      await saveProgress(store, staff.nursery, {
        planSlug,
        asOf,
        measureCode,
        narrative: "保育所の定員を1,320人まで拡大",
        statusCode: "in_progress",
        expectedVersion: 1,
        indicatorResults: [{ code, text: "1320" }],
      });
      const app = createApp(store);
      const pdfText = async () =>
        pagesOf(
          Buffer.from(await (await app.request(`/plans/${planSlug}/report.pdf`)).arrayBuffer()),
        ).join("\n");
      const before = await pdfText();
      assert.match(before, /保育所の定員\s+人\s+1,000/u, "the indicator is printed");
      assert.ok(before.includes("1,100"), "with its published FY2012 result");
      assert.ok(!before.includes("1,320"), "but not the result of the unpublished period");

      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf,
        measureCode,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, staff.planner, { planSlug, asOf, publishedOn: "2014-05-15" });
      const published = await pdfText();
      // (1320 − 1000) / (1500 − 1000) = 64% → C
      assert.match(published, /保育所の定員\s+人\s+1,000\s+1,500\s+1,100\s+1,320\s+64\.0%\s+C/u);
      assert.match(published, /（平成26年3月末時点）/u);
    } finally {
      await store.dispose();
    }
  });
});
