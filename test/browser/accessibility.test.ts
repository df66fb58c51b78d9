/**
 * The public site checked against WCAG 2.1 A and AA by axe-core in Debian's Chromium, then used
 * with the keyboard alone: from the overview down the hierarchy to item 56, and through the
 * search form to the results. Also takes the README's screenshots of the overview and item 56
 * (written to docs/images/ under UPDATE_SCREENSHOTS=1).
 */

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import {
  ACCESSIBILITY_RESULTS_FILE,
  type AccessibilityResults,
  readAccessibilityResults,
} from "../../src/web/accessibility/accessibility-results.ts";
import { startAppServer } from "../app-server.ts";
import { violationLines, WCAG_21_AA, wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser, UPDATE_SCREENSHOTS } from "../browser.ts";
import { addSampleIndicators } from "../factories/indicators.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

/** Set to rewrite the recorded results (src/web/accessibility/test-results.json) from this run. */
const UPDATE_RESULTS = process.env.UPDATE_ACCESSIBILITY_RESULTS === "1";
/**
 * Text nodes holding Japanese script (kanji, kana) whose nearest `lang` is not "ja", outside
 * the head and outside images (an SVG chart with role=img is read by its label).
 */
const UNMARKED_JAPANESE = `(() => {
  const japanese = /[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!japanese.test(node.textContent) || el.closest("svg[role=img], script, style")) continue;
    if (el.closest("[lang]")?.getAttribute("lang") !== "ja")
      found.push(el.tagName.toLowerCase() + ": " + node.textContent.trim().slice(0, 40));
  }
  return found;
})()`;
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

  /** Every page type, in Japanese and in English: the 試験結果 page lists them as recorded here. */
  const pageTypes: Array<{
    ja: string;
    en: string;
    path: () => string;
    status?: number;
    jaOnly?: boolean;
  }> = [
    { ja: "全国の計画の一覧", en: "National list of plans", path: () => "/" },
    { ja: "団体のページ", en: "An organization's page", path: () => "/orgs/431001" },
    { ja: "計画の概要", en: "A plan's overview", path: () => planPath },
    { ja: "柱のページ", en: "A pillar's page", path: () => `${planPath}/pillars/2` },
    {
      ja: "区分のページ",
      en: "A category's page",
      path: () => `${planPath}/pillars/2/categories/2`,
    },
    {
      ja: "項目のページ（No.56）",
      en: "An item's page (No.56)",
      path: () => `${planPath}/items/56`,
    },
    {
      ja: "項目のページ（No.1、指標つき）",
      en: "An item's page with its indicators (No.1)",
      path: () => `${planPath}/items/1`,
    },
    {
      ja: "分野のページ（指標つき）",
      en: "An area's page with its indicator",
      path: () => `${planPath}/pillars/1/areas/1`,
    },
    { ja: "計画の指標の一覧", en: "A plan's indicators", path: () => `${planPath}/indicators` },
    {
      ja: "計画の指標の一覧（未達成で絞り込み）",
      en: "A plan's indicators, not achieved",
      path: () => `${planPath}/indicators?achieved=no`,
    },
    { ja: "取組の一覧", en: "The measure list", path: () => `${planPath}/measures` },
    { ja: "公表資料の形式の表", en: "The table as published", path: () => `${planPath}/report` },
    {
      ja: "計画内の検索結果（保育）",
      en: "Search results in a plan (保育)",
      path: () => `${planPath}/search?q=保育`,
    },
    {
      ja: "全国の検索結果（保育、熊本県）",
      en: "National search results (保育, Kumamoto)",
      path: () => "/search?q=保育&pref=43",
    },
    { ja: "データカタログ", en: "The data catalogue", path: () => "/data" },
    { ja: "計画のダウンロード", en: "A plan's downloads", path: () => `${planPath}/downloads` },
    {
      ja: "ウェブアクセシビリティ方針",
      en: "Web accessibility policy",
      path: () => "/accessibility",
    },
    {
      ja: "アクセシビリティ試験結果",
      en: "Accessibility test results",
      path: () => "/accessibility/results",
    },
    {
      ja: "ページが見つからない（404）",
      en: "Page not found (404)",
      path: () => "/no/such/page",
      status: 404,
    },
    {
      ja: "団体が見つからない（404）",
      en: "Organization not found (404)",
      path: () => "/orgs/999999",
      status: 404,
    },
    { ja: "職員のログイン", en: "Staff sign-in", path: () => "/staff/login", jaOnly: true },
  ];
  const pages = pageTypes.flatMap((p) => [
    { ...p, lang: "ja" as const },
    ...(p.jaOnly
      ? []
      : [
          {
            ...p,
            lang: "en" as const,
            path: () => `${p.path()}${p.path().includes("?") ? "&" : "?"}lang=en`,
          },
        ]),
  ]);
  /** What each page gave, in the order of `pages`, for the 試験結果 page. */
  const recorded = new Map<string, AccessibilityResults["pages"][number]>();
  const keyboard: AccessibilityResults["keyboard"] = [];

  for (const { ja, en, path, status, lang } of pages) {
    it(`finds no WCAG 2.1 A or AA violation on ${en} in ${lang === "ja" ? "Japanese" : "English"}`, {
      skip,
    }, async (t) => {
      const page = await open(path(), status);
      // Closed once checked: 41 contexts left open kept 41 renderers busy to the end of the file.
      t.after(() => page.context().close());
      const results = await wcagCheck(page);
      const { violations, passes, incomplete } = results;
      recorded.set(path(), {
        ja,
        en,
        path: path(),
        lang,
        violations: violations.reduce((n, v) => n + v.nodes.length, 0),
        passes: passes.length,
        incomplete: incomplete.length,
      });
      const report = violationLines(results, path());
      assert.deepEqual(report, [], `${path()}:\n${report.join("\n")}`);
      if (lang === "en") {
        // Language of parts: Japanese content on an English page is marked lang="ja".
        const unmarked = await page.evaluate<string[]>(UNMARKED_JAPANESE);
        assert.deepEqual(unmarked, [], `${path()}: Japanese text without lang="ja"`);
      }
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
    keyboard.push({
      ja: "計画の概要から柱のページへ、Tab と Enter で移動できる（フォーカスが見える）",
      en: "From a plan's overview to a pillar's page with Tab and Enter (the focus shows)",
      passed: true,
    });

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
    keyboard.push({
      ja: "柱から区分、項目のページへ、Tab と Enter で移動できる",
      en: "From the pillar to a category and an item's page with Tab and Enter",
      passed: true,
    });

    // Into the roadmap table, then back up with Shift+Tab to the search form in the header.
    await tabUntil(
      page,
      "the roadmap's first measure",
      linkNamed("保育所整備による待機児童の解消"),
    );
    await focusRing(page);
    await tabUntil(page, "the search box", `return el?.id === "plan-search-q";`, true);
    await focusRing(page);
    keyboard.push({
      ja: "行程表の表の中へ進み、Shift+Tab でヘッダーの検索欄に戻れる",
      en: "Into the roadmap table, and back to the search box in the header with Shift+Tab",
      passed: true,
    });
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
    keyboard.push({
      ja: "JavaScript なしで、キーボードだけで検索語を入力して検索できる",
      en: "Typing and submitting a search with the keyboard alone, without JavaScript",
      passed: true,
    });
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

  it("records what it found for the 試験結果 page, and fails when the published results are out of date", {
    skip,
  }, async () => {
    const found = {
      pages: pages.map((p) => recorded.get(p.path())),
      keyboard,
    };
    assert.ok(
      found.pages.every((p) => p !== undefined),
      "every page was checked in this run",
    );
    if (UPDATE_RESULTS) {
      assert.ok(browser);
      const axe = JSON.parse(
        readFileSync(new URL("../../node_modules/axe-core/package.json", import.meta.url), "utf8"),
      ) as { version: string };
      const results: AccessibilityResults = {
        date: new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date()),
        standard: "JIS X 8341-3:2016",
        level: "AA",
        tool: { name: "axe-core", version: axe.version, tags: WCAG_21_AA },
        browser: `Chromium ${browser.version()}`,
        pages: found.pages.filter((p) => p !== undefined),
        keyboard,
      };
      // As Biome formats JSON: a short list of strings on one line.
      const json = JSON.stringify(results, null, 2).replace(
        /\[\n\s+((?:"[^"\n]*",\n\s+)*"[^"\n]*")\n\s+\]/gu,
        (_, items: string) => `[${items.replace(/,\n\s+/gu, ", ")}]`,
      );
      writeFileSync(ACCESSIBILITY_RESULTS_FILE, `${json}\n`);
    }
    const published = readAccessibilityResults();
    assert.ok(published, "results are recorded (UPDATE_ACCESSIBILITY_RESULTS=1 writes them)");
    // What the page claims must be what this run found: the pages, their violations, the checks.
    const claim = (r: {
      pages: ReadonlyArray<AccessibilityResults["pages"][number] | undefined>;
      keyboard: AccessibilityResults["keyboard"];
    }) => ({
      pages: r.pages.map((p) => p && [p.ja, p.en, p.path, p.lang, p.violations]),
      keyboard: r.keyboard,
    });
    assert.deepEqual(
      claim(published),
      claim(found),
      "the published 試験結果 differ from this run: rerun with UPDATE_ACCESSIBILITY_RESULTS=1 and commit",
    );
  });
});
