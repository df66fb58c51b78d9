/**
 * Issue 17 in Chromium: the example plan's overview shows the statuses suggested from the
 * narratives as such and counts them apart in its chart and table; it opens with what changed;
 * the feeds the pages link to are valid Atom; axe-core finds no violation on the pages changed.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { importReportBytes, importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { violationLines, wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { checkAtom } from "../factories/atom-check.ts";
import { KUMAMOTO, laterReportText, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const browser = await launchBrowser(
  "suggested statuses and feeds in Chromium (test/browser/suggested-statuses-and-feeds.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("suggested statuses, changes first and feeds in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let planPath: string;
  let context: BrowserContext | undefined;

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt", {
      planSlug,
    });
    planPath = `/plans/${encodeURIComponent(planSlug)}`;
    server = await startAppServer(store);
    origin = server.origin;
    context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function open(path: string) {
    assert.ok(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  it("shows the overview's suggested statuses labelled as such, and its chart and table count them apart", {
    skip,
  }, async () => {
    const page = await open(planPath);
    const figure = page.locator(".status-figure");
    const headers = (await figure.locator("table thead th").allTextContents()).map((h) => h.trim());
    assert.ok(headers.includes("実施中（自動判定）"), headers.join(" | "));
    assert.ok(headers.includes("完了"), "the confirmed statuses keep their columns");
    const whole = (
      await figure.locator("table tbody tr").first().locator("td").allTextContents()
    ).map(Number);
    const count = (name: string) => whole[headers.indexOf(name) - 1] ?? Number.NaN;
    for (const name of ["完了", "実施中", "検討・準備中", "未着手", "中止"])
      assert.equal(count(name), 0, `no ${name} is the city's own yet`);
    const suggested = headers
      .filter((h) => h.endsWith("（自動判定）"))
      .reduce((sum, h) => sum + count(h), 0);
    assert.ok(suggested > 100, `${suggested} suggested`);
    assert.equal(suggested + count("未設定"), count("計"));

    // The chart: suggested segments drawn apart, and named in its legend.
    assert.ok((await figure.locator("svg rect.segment-suggested").count()) > 0);
    assert.equal(await figure.locator("svg rect.segment-confirmed").count(), 0, "no confirmed one");
    assert.ok((await figure.locator("svg rect.segment-not-set").count()) > 0, "未設定 apart too");
    const legend = await figure.locator("svg text").allTextContents();
    assert.ok(legend.includes("実施中（自動判定）"), legend.join(" | "));
    await assert.doesNotReject(
      figure.getByText("市が判断した状況区分ではありません", { exact: false }).waitFor(),
    );
  });

  it("labels a measure's suggested status with the words that made it on its item page", {
    skip,
  }, async () => {
    const page = await open(`${planPath}/items/56`);
    const line = page.locator(".status-line").first();
    const text = (await line.textContent()) ?? "";
    assert.match(text, /完了/u);
    assert.match(text, /本文から自動判定/u);
    assert.match(text, /判定の根拠：「完了」/u);
    const history = (await page.locator(".history").first().textContent()) ?? "";
    assert.match(history, /状況区分の変更/u);
  });

  it("opens the overview with what changed, before the structure, with a legend in words", {
    skip,
  }, async () => {
    const page = await open(planPath);
    const order = await page.evaluate<number[]>(
      `["changes-heading", "structure-heading", "status-heading"].map((id) => {
        const el = document.getElementById(id);
        return el ? el.getBoundingClientRect().top + window.scrollY : -1;
      })`,
    );
    assert.ok(order.every((y) => y >= 0));
    const [changes = -1, structure = -1, status = -1] = order;
    assert.ok(changes < structure && structure < status, order.join(" < "));
    const legend = (await page.locator(".change-legend").textContent()) ?? "";
    for (const words of ["下線", "取り消し線", "状況区分の変更"])
      assert.ok(legend.includes(words), words);
    assert.ok(
      (await page.locator(".changes .status-change").count()) > 0,
      "a status change marked",
    );
    const counts = (await page.locator(".change-counts").textContent()) ?? "";
    assert.match(counts, /新しい取組\s*1件/u);
  });

  it("links feeds that are valid Atom from the overview, an item, an organization and the searches", {
    skip,
  }, async () => {
    const seen = new Set<string>();
    for (const path of [
      planPath,
      `${planPath}/items/56`,
      "/orgs/431001",
      `${planPath}/search?q=${encodeURIComponent("障害者")}`,
      `/search?q=${encodeURIComponent("子ども")}`,
    ]) {
      const page = await open(path);
      const hrefs = await page
        .locator('head link[rel="alternate"][type="application/atom+xml"]')
        .evaluateAll((links) => links.map((l) => (l as unknown as { href: string }).href));
      assert.ok(hrefs.length > 0, `${path} links a feed`);
      for (const href of hrefs) {
        if (seen.has(href)) continue;
        seen.add(href);
        const response = await page.request.get(href);
        assert.equal(response.status(), 200, href);
        const feed = checkAtom(await response.text());
        if (href.includes("search")) assert.ok(feed.entries.length > 0, `${href} has results`);
      }
      await page.close();
    }
  });

  for (const [name, path] of [
    ["the overview", () => planPath],
    ["the overview in English", () => `${planPath}?lang=en`],
    ["item 56's page", () => `${planPath}/items/56`],
    ["the measure list", () => `${planPath}/measures`],
    ["the search results for 障害者", () => `${planPath}/search?q=${encodeURIComponent("障害者")}`],
    ["an organization's page", () => "/orgs/431001"],
    ["the national search results for 子ども", () => `/search?q=${encodeURIComponent("子ども")}`],
  ] as const) {
    it(`finds no WCAG 2.1 A or AA violation on ${name}`, { skip }, async () => {
      const page = await open(path());
      const report = violationLines(await wcagCheck(page), path());
      assert.deepEqual(report, [], `${path()}:\n${report.join("\n")}`);
      await page.close();
    });
  }
});
