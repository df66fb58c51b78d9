/**
 * The measure list as a keyboard user meets it in Debian's Chromium, with JavaScript off: Tab to
 * the status filter, choose with the arrow keys, Tab to the button, submit with Enter.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const IN_PROGRESS = ["熊本城マラソンの開催", "保育所整備による待機児童の解消"];

const browser = await launchBrowser("measure list in Chromium (test/browser/measure-list.test.ts)");
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the measure list in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let listPath: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    listPath = `/plans/${encodeURIComponent(planSlug)}/measures`;
    const ids = await store.db
      .selectFrom("measure")
      .select("id")
      .where("title", "in", IN_PROGRESS)
      .where("relisting_of_measure_id", "is", null)
      .execute();
    assert.equal(ids.length, IN_PROGRESS.length);
    // The import suggests statuses from the narratives: start from none, then confirm two.
    await store.db
      .updateTable("progress")
      .set({ status_code: null, status_suggested: 0, status_words: null })
      .execute();
    await store.db
      .updateTable("progress")
      .set({ status_code: "in_progress" })
      .where(
        "measure_id",
        "in",
        ids.map((m) => m.id),
      )
      .execute();
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function open(path: string): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({
      locale: "ja-JP",
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  /** Press Tab until the element matching `selector` has the focus. */
  async function tabTo(page: Page, selector: string): Promise<void> {
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press("Tab");
      if (await page.locator(`${selector}:focus`).count()) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  }

  it("filters by status with the keyboard alone and shows the matching rows", {
    skip,
  }, async () => {
    const page = await open(listPath);
    assert.match((await page.locator("#result-count").textContent()) ?? "", /件のうち 1〜50件目/u);

    await tabTo(page, "#f-status");
    const status = page.locator("#f-status");
    const outline = await page.evaluate<string>(
      "getComputedStyle(document.activeElement).outlineStyle",
    );
    assert.equal(outline, "solid", "the focused select shows its focus ring");
    for (let presses = 0; presses < 10; presses++) {
      if ((await status.inputValue()) === "in_progress") break;
      await page.keyboard.press("ArrowDown");
    }
    assert.equal(await status.inputValue(), "in_progress");

    await tabTo(page, 'button[type="submit"]');
    const button = await page.locator('button[type="submit"]').boundingBox();
    assert.ok(button && button.height >= 44, `the button is ${button?.height} px high`);
    await Promise.all([page.waitForURL(/status=in_progress/u), page.keyboard.press("Enter")]);

    assert.equal(
      (await page.locator("#result-count").textContent())?.trim(),
      "2件のうち 1〜2件目を表示（1／1ページ）",
    );
    const rows = page.locator("table.measure-list tbody tr");
    assert.equal(await rows.count(), 2);
    const titles = await page.locator("table.measure-list tbody th[scope=row]").allTextContents();
    assert.deepEqual(titles.map((s) => s.trim()).sort(), [...IN_PROGRESS].sort());
    for (const row of await rows.all())
      assert.equal((await row.locator("td").nth(1).textContent())?.trim(), "実施中");
    assert.equal(
      await page.locator("#f-status").inputValue(),
      "in_progress",
      "the form keeps the choice",
    );
    assert.equal(await page.locator("script").count(), 0, "no <script> element");
  });
});
