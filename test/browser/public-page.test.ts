/**
 * The public page as a person sees it in a real browser (Debian's Chromium): the way from the
 * list to the plan, the table of contents, the keyboard, no JavaScript, a phone, the Japanese font.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const PLAN_TITLE = "挑戦元年アクションプラン";
const PILLAR_II = "II. もっと暮らしやすさを実感できるまちを実現します";
const PHONE = { width: 375, height: 800 };

const browser = await launchBrowser("public page in Chromium (test/browser/public-page.test.ts)");
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the public page in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let planPath: string;
  /** The report view: the full table as published (the plan's own path is its overview). */
  let reportPath: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    planPath = `/plans/${encodeURIComponent(planSlug)}`;
    reportPath = `${planPath}/report`;
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  /** A new page in a context of its own (viewport, JavaScript) at the given path. */
  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ locale: "ja-JP", ...options });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  it("leads from the list of plans to the plan and its reporting date", { skip }, async () => {
    const page = await open("/");
    const link = page.getByRole("link", { name: PLAN_TITLE, exact: true });
    assert.ok(await link.isVisible(), `a link ${PLAN_TITLE} on the home page`);
    await link.click();
    await page.waitForURL(`${origin}${planPath}`);
    const h1 = page.getByRole("heading", { level: 1 });
    assert.ok(await h1.isVisible());
    assert.equal((await h1.textContent())?.trim(), PLAN_TITLE);
    assert.ok(await page.getByText("平成25年9月末時点").first().isVisible());
    assert.match(
      (await page.locator(".plan-meta").textContent()) ?? "",
      /熊本市.*平成25年9月末時点/u,
    );
  });

  it("takes a reader from the table of contents to pillar II, where item 56's measure sits beside its progress", {
    skip,
  }, async () => {
    const page = await open(reportPath, { viewport: { width: 1280, height: 900 } });
    const toc = page.getByRole("navigation", { name: "目次" });
    await toc.getByRole("link", { name: PILLAR_II, exact: true }).click();
    const heading = page.getByRole("heading", { level: 2, name: PILLAR_II, exact: true });
    assert.ok(await heading.isVisible());
    assert.equal(new URL(page.url()).hash, `#${await heading.getAttribute("id")}`);
    const box = await heading.boundingBox();
    assert.ok(
      box && box.y > -box.height / 2 && box.y < 900,
      `the heading is scrolled into view (y = ${box?.y})`,
    );

    const item = page.locator("#item-56");
    assert.ok(await item.isVisible());
    assert.match((await item.textContent()) ?? "", /ア\. 保育園の待機児童ゼロ/u);
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "保育所整備による待機児童の解消" }) })
      .first();
    assert.ok(await row.isVisible());
    assert.equal(
      await row
        .locator("xpath=preceding-sibling::tr[contains(@class, 'item-row')][1]")
        .getAttribute("id"),
      "item-56",
      "the measure is listed under item 56",
    );
    const progress = row.getByRole("cell", { name: "新設含む10ヶ所の保育所整備を実施中" });
    assert.ok(await progress.isVisible(), "the progress is in the measure's row");
  });

  it("takes a keyboard user past the header with the skip link", { skip }, async () => {
    const page = await open(planPath);
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    assert.equal((await focused.textContent())?.trim(), "本文へ移動");
    assert.ok(await focused.isVisible());
    const box = await focused.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0, "the focused skip link is on screen");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate<string | undefined>("document.activeElement?.id"), "main");
  });

  it("works without JavaScript, and the site sends no script at all", { skip }, async () => {
    const page = await open(reportPath, { javaScriptEnabled: false });
    const h1 = page.getByRole("heading", { level: 1 });
    assert.ok(await h1.isVisible());
    assert.equal((await h1.textContent())?.trim(), PLAN_TITLE);
    assert.ok(
      await page.getByRole("rowheader", { name: "保育所整備による待機児童の解消" }).isVisible(),
    );
    assert.equal(await page.locator("script").count(), 0, "no <script> element");

    const scripted = await open(reportPath);
    assert.equal(await scripted.locator("script").count(), 0, "no <script> element");
  });

  it("fits a phone's screen without sideways scrolling and shows the measures", {
    skip,
  }, async () => {
    const page = await open(reportPath, { viewport: PHONE });
    const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
      "[document.documentElement.scrollWidth, window.innerWidth]",
    );
    assert.ok(
      scrollWidth <= innerWidth + 1,
      `the page is ${scrollWidth} px wide on a ${innerWidth} px screen`,
    );
    const measure = page.getByRole("rowheader", { name: "保育所整備による待機児童の解消" });
    await measure.scrollIntoViewIfNeeded();
    assert.ok(await measure.isVisible());
    const box = await measure.boundingBox();
    assert.ok(
      box && box.x >= 0 && box.x + box.width <= PHONE.width + 1,
      "the measure's title lies within the screen",
    );
    assert.ok(
      await page.getByRole("cell", { name: "新設含む10ヶ所の保育所整備を実施中" }).isVisible(),
    );
  });

  it("renders the Japanese title with a real font", { skip }, async () => {
    const page = await open(planPath, { viewport: { width: 1280, height: 900 } });
    const h1 = page.getByRole("heading", { level: 1 });
    const box = await h1.boundingBox();
    assert.ok(box && box.width > 200, `the h1 is ${box?.width} px wide`);
    const png = await h1.screenshot();
    assert.ok(png.length > 1000, `the h1's screenshot has ${png.length} bytes`);
  });

  it("renders the report view as a picture on a desktop and on a phone", { skip }, async () => {
    const desktop = await open(reportPath, { viewport: { width: 1280, height: 900 } });
    const wide = await desktop.screenshot();
    const phone = await open(reportPath, { viewport: PHONE });
    const narrow = await phone.screenshot();
    assert.ok(wide.length > 10_000 && narrow.length > 10_000);
  });
});
