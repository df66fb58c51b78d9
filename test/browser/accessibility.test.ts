/**
 * The public site checked against WCAG 2.1 A and AA by axe-core in Debian's Chromium, then used
 * with the keyboard alone: from the overview down the hierarchy to item 56, and through the
 * search form to the results. Also takes the README's screenshots of the overview and item 56
 * (written to docs/images/ under UPDATE_SCREENSHOTS=1).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser, UPDATE_SCREENSHOTS } from "../browser.ts";
import { addSampleIndicators } from "../factories/indicators.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PILLAR_II = "II. もっと暮らしやすさを実感できるまちを実現します";
const CATEGORY = "② 子育てしやすいまちづくり";
const ITEM_56 = "No.56 ア. 保育園の待機児童ゼロ";
const DESKTOP = { width: 1280, height: 900 };
const DOCS_IMAGES = fileURLToPath(new URL("../../docs/images/", import.meta.url));

const browser = await launchBrowser(
  "accessibility in Chromium (test/browser/accessibility.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the public site's accessibility in a browser", () => {
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
    await addSampleIndicators(store, planSlug);
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

  /** A new page in a context of its own (axe-core needs `newContext()` pages) at the given path. */
  async function open(path: string, status = 200, options: BrowserContextOptions = {}) {
    assert.ok(browser);
    const context = await browser.newContext({ locale: "ja-JP", viewport: DESKTOP, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), status, `GET ${path}`);
    return page;
  }

  const pages: Array<{ name: string; path: () => string; status?: number }> = [
    { name: "the overview", path: () => planPath },
    { name: "item 56's page", path: () => `${planPath}/items/56` },
    { name: "item 1's page with its indicators", path: () => `${planPath}/items/1` },
    { name: "an area's page with its indicator", path: () => `${planPath}/pillars/1/areas/1` },
    { name: "the plan's indicator page", path: () => `${planPath}/indicators` },
    {
      name: "the indicator page filtered, in English",
      path: () => `${planPath}/indicators?achieved=no&lang=en`,
    },
    { name: "the search results for 保育", path: () => `${planPath}/search?q=保育` },
    { name: "the measure list", path: () => `${planPath}/measures` },
    { name: "the report view", path: () => `${planPath}/report` },
    { name: "the overview in English", path: () => `${planPath}?lang=en` },
    { name: "the 404 page", path: () => "/no/such/page", status: 404 },
    { name: "the national index", path: () => "/" },
    { name: "the national index in English", path: () => "/?lang=en" },
    { name: "an organization's page", path: () => "/orgs/431001" },
    { name: "an unknown organization's 404 page", path: () => "/orgs/999999", status: 404 },
    { name: "the national search results for 保育", path: () => "/search?q=保育&pref=43" },
    { name: "the staff login page", path: () => "/staff/login" },
  ];
  for (const { name, path, status } of pages) {
    it(`finds no WCAG 2.1 A or AA violation on ${name}`, { skip }, async () => {
      const page = await open(path(), status);
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
      const report = violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(" ")}: ${v.help}`),
      );
      assert.deepEqual(report, [], `${path()}:\n${report.join("\n")}`);
    });
  }

  /** Press Tab (or Shift+Tab) until `accept` holds for the focused element; return its text. */
  async function tabUntil(page: Page, what: string, accept: string, back = false) {
    for (let presses = 0; presses < 400; presses++) {
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
      if (
        await page.evaluate<boolean>(`(() => { const el = document.activeElement; ${accept} })()`)
      )
        return;
    }
    assert.fail(`the keyboard never reached ${what}`);
  }
  const linkNamed = (name: string) =>
    `return el instanceof HTMLAnchorElement && el.textContent.trim() === ${JSON.stringify(name)};`;

  /** The focused element's ring: its outline and box shadow, which must show. */
  async function focusRing(page: Page): Promise<string> {
    const ring = await page.evaluate<{ outline: string; width: string; shadow: string }>(
      `(() => { const s = getComputedStyle(document.activeElement); return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow }; })()`,
    );
    assert.ok(
      (ring.outline !== "none" && ring.width !== "0px") || ring.shadow !== "none",
      `a visible focus ring, not ${JSON.stringify(ring)}`,
    );
    return `${ring.outline} ${ring.width} ${ring.shadow}`;
  }

  async function h1(page: Page): Promise<string> {
    return ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
  }

  it("takes a keyboard user from the overview down the hierarchy to item 56, then searches 市電, without JavaScript", {
    skip,
  }, async () => {
    const page = await open(planPath, 200, { javaScriptEnabled: false });

    await tabUntil(page, PILLAR_II, linkNamed(PILLAR_II));
    assert.match(await focusRing(page), /solid/u);
    await Promise.all([
      page.waitForURL(`${origin}${planPath}/pillars/2`),
      page.keyboard.press("Enter"),
    ]);
    assert.equal(await h1(page), PILLAR_II);

    await tabUntil(page, CATEGORY, linkNamed(CATEGORY));
    await focusRing(page);
    await Promise.all([
      page.waitForURL(`${origin}${planPath}/pillars/2/categories/2`),
      page.keyboard.press("Enter"),
    ]);
    assert.equal(await h1(page), CATEGORY);

    await tabUntil(page, ITEM_56, linkNamed(ITEM_56));
    await focusRing(page);
    await Promise.all([
      page.waitForURL(`${origin}${planPath}/items/56`),
      page.keyboard.press("Enter"),
    ]);
    assert.equal(await h1(page), ITEM_56);
    assert.ok(
      await page
        .getByRole("heading", { level: 3, name: "保育所整備による待機児童の解消" })
        .isVisible(),
    );

    // Into the roadmap table, then back up with Shift+Tab to the search form in the header.
    await tabUntil(
      page,
      "the roadmap's first measure",
      linkNamed("保育所整備による待機児童の解消"),
    );
    await focusRing(page);
    await tabUntil(page, "the search box", `return el?.id === "plan-search-q";`, true);
    await focusRing(page);
    await page.keyboard.type("市電");
    await tabUntil(
      page,
      "the search button",
      `return el?.closest("[role=search]") !== null && el?.tagName === "BUTTON";`,
    );
    await focusRing(page);
    await Promise.all([page.waitForURL(/\/search\?q=/u), page.keyboard.press("Enter")]);

    assert.equal(new URL(page.url()).searchParams.get("q"), "市電");
    const count = (await page.locator("#result-count").textContent())?.trim() ?? "";
    assert.match(count, /^「市電」に一致する取組は\d+件です/u);
    const titles = await page.locator(".result-title").allTextContents();
    assert.ok(
      titles.some((t) => t.includes("市電")),
      titles.join(" / "),
    );
    assert.equal(await page.locator("script").count(), 0, "no <script> element");
  });

  it("takes the README's screenshots of the overview and item 56", { skip }, async () => {
    const dir = UPDATE_SCREENSHOTS ? DOCS_IMAGES : mkdtempSync(join(tmpdir(), "shinchoku-shots-"));
    mkdirSync(dir, { recursive: true });
    try {
      const overview = await open(planPath);
      const first = await overview.screenshot({ path: join(dir, "overview.png") });
      const item = await open(`${planPath}/items/56`);
      const second = await item.screenshot({ path: join(dir, "item-56.png") });
      assert.ok(first.length > 10_000 && second.length > 10_000);
    } finally {
      if (!UPDATE_SCREENSHOTS) rmSync(dir, { recursive: true, force: true });
    }
  });
});
