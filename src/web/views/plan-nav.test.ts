import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

/** The header of a page: where the plan's navigation and search form stand. */
const headerOf = (body: string) => /<header[\s\S]*<\/header>/u.exec(body)?.[0] ?? "";

forEachStore("a plan's navigation and downloads", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let plan: string;

  before(async () => {
    store = await freshStore(dialect);
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
    plan = `/plans/${planSlug}`;
    app = createApp(store);
  });
  after(() => store?.dispose());

  const get = async (url: string) => {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    return res.text();
  };

  it("links every plan page to the overview, the measure list and the report view, with a labelled search form", async () => {
    for (const path of [
      plan,
      `${plan}/pillars/2`,
      `${plan}/pillars/2/categories/2`,
      `${plan}/items/56`,
      `${plan}/report`,
    ]) {
      const header = headerOf(await get(path));
      assert.match(header, /<nav aria-label="この計画のページ">/u, path);
      for (const href of [plan, `${plan}/measures`, `${plan}/report`])
        assert.match(header, new RegExp(`<a href="${href}"( aria-current="page")?>`, "u"), path);
      assert.match(
        header,
        new RegExp(
          `<form role="search" method="get" action="${plan}/search" class="plan-search" aria-label="この計画の取組を検索">\\s*<label for="plan-search-q">取組を検索</label>\\s*<input type="search" id="plan-search-q" name="q"`,
          "u",
        ),
        path,
      );
    }
  });

  it("marks the page the reader is on, and leaves the header form out of the search page and the measure list", async () => {
    assert.match(headerOf(await get(plan)), /<a href="[^"]+" aria-current="page">概要<\/a>/u);
    assert.match(
      headerOf(await get(`${plan}/measures`)),
      /<a href="[^"]+\/measures" aria-current="page">取組の一覧<\/a>/u,
    );
    assert.match(
      headerOf(await get(`${plan}/report`)),
      /<a href="[^"]+\/report" aria-current="page">公表資料の形式（印刷用）<\/a>/u,
    );
    // The breadcrumbs name an item page; the plan's navigation has no link for it.
    assert.doesNotMatch(headerOf(await get(`${plan}/items/56`)), /<a [^>]*aria-current/u);
    const search = await get(`${plan}/search?q=${encodeURIComponent("保育")}`);
    assert.match(headerOf(search), /<nav aria-label="この計画のページ">/u);
    assert.ok(!headerOf(search).includes('role="search"'), "one search form on the search page");
    assert.equal(search.match(/role="search"/gu)?.length, 1);
    assert.ok(!headerOf(await get(`${plan}/measures`)).includes('role="search"'));
  });

  it("keeps an earlier period and English in the header's links and search form", async () => {
    const header = headerOf(await get(`${plan}/items/56?period=2013-09-30&lang=en`));
    assert.match(
      header,
      new RegExp(`<a href="${plan}/measures\\?period=2013-09-30">Measures</a>`, "u"),
    );
    assert.match(header, /<input type="hidden" name="period" value="2013-09-30">/u);
    assert.match(header, /<input type="hidden" name="lang" value="en">/u);
    assert.match(header, /<label for="plan-search-q">Search measures<\/label>/u);
    const latest = headerOf(await get(`${plan}/items/56`));
    assert.ok(!latest.includes('name="period"'), "the latest period needs no parameter");
    assert.ok(!latest.includes('name="lang"'));
  });

  it("links the overview to every download, and each one answers", async () => {
    const body = await get(plan);
    const links = [...body.matchAll(/<a href="([^"]+\.(?:csv|json|pdf|xlsx))">([^<]+)<\/a>/gu)];
    assert.deepEqual(
      links.map((m) => m[1]),
      ["measures.csv", "roadmap.csv", "plan.json", "report.pdf", "plan.xlsx"].map(
        (name) => `${plan}/${name}`,
      ),
    );
    assert.ok(body.includes("公表資料の形式 PDF（A4横）"));
    for (const [, href] of links) {
      const res = await app.request(href ?? "");
      assert.equal(res.status, 200, href);
      assert.match(res.headers.get("content-disposition") ?? "", /^attachment; /u, href);
    }
    const earlier = await get(`${plan}?period=2013-09-30`);
    assert.ok(earlier.includes(`href="${plan}/report.pdf?period=2013-09-30"`));
  });
});
