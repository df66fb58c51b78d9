/**
 * A reader's way through a plan in a real browser (Debian's Chromium): from the overview down the
 * hierarchy to an item with clicks, the period selector without JavaScript, and the report view
 * printed to A4 landscape with its header row repeated on every page.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportBytes, importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, laterReportText, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const PILLAR_II = "II. もっと暮らしやすさを実感できるまちを実現します";
const CATEGORY = "② 子育てしやすいまちづくり";
const ITEM_56 = "No.56 ア. 保育園の待機児童ゼロ";
const PDFTOTEXT = "/usr/bin/pdftotext";

const browser = await launchBrowser(
  "plan navigation in Chromium (test/browser/navigation.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("a plan's pages in a browser", () => {
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
    await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
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
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  async function h1(page: Page): Promise<string> {
    return ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
  }

  it("leads from the overview through pillar II and its category to item 56, with clicks", {
    skip,
  }, async () => {
    const page = await open(planPath);
    assert.equal(await h1(page), "挑戦元年アクションプラン");
    assert.ok(await page.getByRole("heading", { level: 2, name: "状況区分の分布" }).isVisible());
    assert.ok(await page.getByRole("img", { name: /状況区分の分布のグラフ/u }).isVisible());
    assert.ok(await page.getByRole("table", { name: /状況区分ごとの取組の数/u }).isVisible());
    assert.ok(
      await page
        .getByText(
          "平成25年9月末時点（2013-09-30）から、進捗状況の記述または状況区分が変わった取組：2件",
        )
        .isVisible(),
    );

    await page
      .getByRole("navigation", { name: "計画の構成" })
      .getByRole("link", { name: PILLAR_II, exact: true })
      .click();
    await page.waitForURL(`${origin}${planPath}/pillars/2`);
    assert.equal(await h1(page), PILLAR_II);

    await page
      .getByRole("navigation", { name: "区分" })
      .getByRole("link", { name: CATEGORY, exact: true })
      .click();
    await page.waitForURL(`${origin}${planPath}/pillars/2/categories/2`);
    assert.equal(await h1(page), CATEGORY);

    await page.getByRole("link", { name: ITEM_56, exact: true }).click();
    await page.waitForURL(`${origin}${planPath}/items/56`);
    assert.equal(await h1(page), ITEM_56);

    const crumbs = page.getByRole("navigation", { name: "パンくずリスト" });
    for (const name of ["計画の一覧", "挑戦元年アクションプラン", PILLAR_II, CATEGORY])
      assert.ok(await crumbs.getByRole("link", { name, exact: true }).isVisible(), name);

    const roadmap = page.getByRole("table").first();
    assert.ok(await roadmap.getByRole("columnheader", { name: /平成24年度/u }).isVisible());
    const row = roadmap.getByRole("row").filter({ hasText: "保育所整備による待機児童の解消" });
    assert.ok(
      await row.getByText("前年度から継続: 保育所整備").isVisible(),
      "⇒ explained on screen",
    );

    const measure = page.locator("#measure-M0082");
    assert.ok(
      await measure.getByRole("heading", { name: "保育所整備による待機児童の解消" }).isVisible(),
    );
    assert.ok(await measure.getByText("新設含む10ヶ所の保育所整備が完了").first().isVisible());
    const removed = measure.locator("del");
    assert.ok(await removed.isVisible());
    assert.match((await removed.textContent()) ?? "", /削除：を実施中/u);
    assert.equal(
      await page.evaluate<string>(
        "getComputedStyle(document.querySelector('#measure-M0082 del')).textDecorationLine",
      ),
      "line-through",
      "removed text is struck through, not only coloured",
    );
  });

  it("changes the period with the GET form, without JavaScript and from the keyboard", {
    skip,
  }, async () => {
    const page = await open(`${planPath}/items/56`, { javaScriptEnabled: false });
    await page.getByLabel("報告期（時点）").selectOption("2013-09-30");
    await page.getByRole("button", { name: "表示" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}${planPath}/items/56?period=2013-09-30`);
    assert.ok(await page.getByText("新設含む10ヶ所の保育所整備を実施中").first().isVisible());
    assert.equal(await page.getByText("新設含む10ヶ所の保育所整備が完了").count(), 0);
  });

  it("fits the overview and an item page on a phone without sideways scrolling", {
    skip,
  }, async () => {
    for (const path of [planPath, `${planPath}/items/56`]) {
      const page = await open(path, { viewport: { width: 375, height: 800 } });
      const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
        "[document.documentElement.scrollWidth, window.innerWidth]",
      );
      assert.ok(scrollWidth <= innerWidth + 1, `${path} is ${scrollWidth} px wide`);
    }
  });

  it("prints the report view on A4 landscape pages that each repeat the header row", {
    skip,
  }, async () => {
    const page = await open(`${planPath}/report`);
    const pdf = await page.pdf({ format: "A4", landscape: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/gu)?.length ?? 0;
    assert.ok(pages > 1, `the report prints on ${pages} pages`);

    if (!existsSync(PDFTOTEXT)) {
      // Without poppler-utils the page count is all that can be checked here.
      console.log(`pdftotext がありません（apt-get install poppler-utils）: header check skipped`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-print-"));
    try {
      const file = join(dir, "report.pdf");
      writeFileSync(file, pdf);
      const text = (n: number) => {
        const out = spawnSync(PDFTOTEXT, ["-f", String(n), "-l", String(n), file, "-"], {
          encoding: "utf8",
        });
        assert.equal(out.status, 0, out.stderr);
        return out.stdout;
      };
      const second = text(2);
      assert.match(second, /進捗状況/u, "page 2 repeats the header");
      assert.match(second, /区分・/u);
      assert.match(second, /平成24年度/u);
      const withHeader = Array.from({ length: pages }, (_, i) => text(i + 1)).filter((t) =>
        t.includes("進捗状況"),
      ).length;
      // The last page may hold only the contact address after the tables.
      assert.ok(withHeader >= pages - 1, `${withHeader} of ${pages} pages show the header`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
