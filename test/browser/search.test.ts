/**
 * The search as a reader meets it in Debian's Chromium, with JavaScript off: the search form in
 * every plan page's header, the results with their matches marked, a filter of the search page,
 * and the way from a result to its measure on the item's page.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const NURSERY = [
  "保育所整備による待機児童の解消",
  "家庭的保育事業の実施",
  "待機児童の認可外保育施設利用に対する支援",
  "育児休業中の保育継続の実施",
  "第3子以降3歳未満児の保育料無料化の実施",
  "基幹型児童発達支援事業の実施",
];
const TRAM_ACCESS = "誰でも利用しやすい市電利用環境の整備";
const TRAM_CARS = "市電車両リフレッシュ・ロケーションシステム事業";
const TRAM_GREEN = "市電緑のじゅうたん事業等による緑の魅力向上";

const browser = await launchBrowser("search in Chromium (test/browser/search.test.ts)");
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the search in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let planPath: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    planPath = `/plans/${encodeURIComponent(planSlug)}`;
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({
      locale: "ja-JP",
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  /** Type a query into the search form of the page's header and send it with Enter. */
  async function searchFromHeader(page: Page, query: string): Promise<void> {
    const form = page.getByRole("search", { name: "この計画の取組を検索" });
    assert.ok(await form.isVisible(), "a search form in the header");
    await form.getByLabel("取組を検索").fill(query);
    await Promise.all([page.waitForURL(/\/search\?/u), page.keyboard.press("Enter")]);
    assert.equal(new URL(page.url()).searchParams.get("q"), query);
  }

  const resultTitles = async (page: Page) =>
    (await page.locator(".result-title").allTextContents()).map((s) => s.trim());

  it("finds the six nursery measures for 保育 from the overview's header, with the matches marked", {
    skip,
  }, async () => {
    const page = await open(planPath);
    await searchFromHeader(page, "保育");

    assert.equal(
      (await page.getByRole("heading", { level: 1 }).textContent())?.trim(),
      "取組の検索",
    );
    assert.equal(await page.title(), "「保育」の検索結果（6件）｜Shinchoku 進捗");
    assert.equal(
      (await page.locator("#result-count").textContent())?.trim(),
      "「保育」に一致する取組は6件です（1〜6件目を表示）。",
    );
    assert.deepEqual((await resultTitles(page)).sort(), [...NURSERY].sort());
    assert.equal(await page.getByLabel("キーワード").inputValue(), "保育", "the query stays");

    const first = page.getByRole("link", { name: NURSERY[0], exact: true });
    const mark = first.locator("mark");
    assert.equal((await mark.textContent())?.trim(), "保育");
    assert.equal(
      await page.evaluate<string>(
        "getComputedStyle(document.querySelector('.result-title mark')).fontWeight",
      ),
      "700",
      "a match is bold, not only highlighted",
    );

    await Promise.all([page.waitForURL(/\/items\/56#measure-M\d+$/u), first.click()]);
    assert.equal(
      (await page.getByRole("heading", { level: 1 }).textContent())?.trim(),
      "No.56 ア. 保育園の待機児童ゼロ",
    );
    const target = page.locator(":target");
    assert.equal(
      (await target.getByRole("heading", { level: 3 }).textContent())?.trim(),
      NURSERY[0],
    );
    assert.ok(await target.getByText("新設含む10ヶ所の保育所整備を実施中").first().isVisible());
  });

  it("finds the tram measures for 市電 from an item page, and narrows them to an area with the search page's filter", {
    skip,
  }, async () => {
    const page = await open(`${planPath}/items/56`);
    await searchFromHeader(page, "市電");

    assert.equal(
      (await page.locator("#result-count").textContent())?.trim(),
      "「市電」に一致する取組は6件です（1〜6件目を表示）。",
    );
    const all = await resultTitles(page);
    for (const title of [TRAM_ACCESS, TRAM_CARS, TRAM_GREEN]) assert.ok(all.includes(title), title);
    const access = page.locator(".search-result").filter({ hasText: TRAM_ACCESS });
    assert.match((await access.locator(".result-item").textContent()) ?? "", /No\.29 オ\. /u);

    await page.getByLabel("区分", { exact: true }).selectOption("1-2");
    await Promise.all([
      page.waitForURL(/category=1-2/u),
      page.getByRole("button", { name: "この条件で検索" }).press("Enter"),
    ]);
    const narrowed = await resultTitles(page);
    assert.ok(narrowed.includes(TRAM_ACCESS) && narrowed.includes(TRAM_CARS), narrowed.join("/"));
    assert.ok(!narrowed.includes(TRAM_GREEN), "item 43 is in area 3, not in area 2");
    assert.equal(
      await page.getByLabel("区分", { exact: true }).inputValue(),
      "1-2",
      "the form keeps the filter",
    );
    assert.equal(await page.locator("script").count(), 0, "no <script> element");
  });

  it("fits the search results on a phone without sideways scrolling", { skip }, async () => {
    const page = await open(`${planPath}/search?q=${encodeURIComponent("保育")}`, {
      viewport: { width: 375, height: 800 },
    });
    const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
      "[document.documentElement.scrollWidth, window.innerWidth]",
    );
    assert.ok(scrollWidth <= innerWidth + 1, `the page is ${scrollWidth} px wide`);
    assert.equal(await page.locator(".search-result").count(), 6);
  });
});
