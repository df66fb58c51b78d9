/**
 * The look after the Digital Agency design system, measured in Debian's Chromium: the tokens
 * come from the package, the header carries the organization's name and logo, the favicon is
 * there, a phone (390 px) shows every heading and value of the item page's roadmap and of the
 * overview's tables, and the report view prints as its table at any viewport width. Takes the
 * README's phone screenshots (docs/screenshots/ under UPDATE_SCREENSHOTS=1).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { importReportFile } from "../../src/import/report-importer.ts";
import { staticAsset } from "../../src/web/assets/static-asset.ts";
import { siteIdentity } from "../../src/web/site/site-identity.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser, UPDATE_SCREENSHOTS } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { freshStore } from "../store-targets.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const TOKENS = readFileSync(
  createRequire(import.meta.url).resolve("@digital-go-jp/design-tokens/dist/tokens.css"),
  "utf8",
);
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#197a4b"/></svg>';

const browser = await launchBrowser(
  "design system in Chromium (test/browser/design-system.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

/** A token's value as the package declares it. */
function token(name: string): string {
  const found = new RegExp(`${name}:\\s*([^;]+);`, "u").exec(TOKENS)?.[1];
  assert.ok(found, `${name} in the token package`);
  return found.trim();
}

/** `#rrggbb` as Chromium computes colours. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/**
 * The visible cells of a table that overflow their box (cut off or spilling), as "text: scroll >
 * client". A header row kept for screen readers only (clipped to 1 px, the cards label each value
 * instead) is not shown, so not measured.
 */
const OVERFLOWING = `(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => !el.closest("thead") || getComputedStyle(el.closest("thead")).position !== "absolute")
  .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
  .map((el) => el.textContent.trim().slice(0, 30) + ": " + el.scrollWidth + " > " + el.clientWidth)`;

describe("the design system in a browser", () => {
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
    server = await startAppServer(store, {
      site: siteIdentity({
        organizationName: "熊本市",
        organizationNameEn: "Kumamoto City",
        logo: staticAsset("/assets/logo.svg", LOGO, "image/svg+xml"),
      }),
    });
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
    const context = await browser.newContext({ locale: "ja-JP", viewport: DESKTOP, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  it("takes its colours, type scale and focus ring from the token package", { skip }, async () => {
    const page = await open(planPath);
    const [declared, link, body, h1] = await page.evaluate<[string, string, string, string]>(`[
      getComputedStyle(document.documentElement).getPropertyValue("--color-primitive-blue-1000").trim(),
      getComputedStyle(document.querySelector("main a")).color,
      getComputedStyle(document.body).fontSize,
      getComputedStyle(document.querySelector("h1")).fontSize,
    ]`);
    assert.equal(
      declared,
      token("--color-primitive-blue-1000"),
      "the package's stylesheet is served",
    );
    assert.equal(link, rgb(token("--color-primitive-blue-1000")), "links in the package's blue");
    assert.equal(body, "16px");
    assert.equal(h1, `${Number.parseFloat(token("--font-size-32")) * 16}px`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const ring = await page.evaluate<{ outline: string; shadow: string }>(
      `(() => { const s = getComputedStyle(document.activeElement); return { outline: s.outlineColor + " " + s.outlineWidth, shadow: s.boxShadow }; })()`,
    );
    assert.equal(ring.outline, `${rgb(token("--color-neutral-black"))} 4px`);
    assert.match(
      ring.shadow,
      new RegExp(rgb(token("--color-primitive-yellow-300")).replace(/[()]/gu, "\\$&"), "u"),
    );
  });

  it("serves the tokens and the styles with a fingerprint and a year's cache, and a favicon", {
    skip,
  }, async () => {
    const page = await open(planPath);
    const links = await page.evaluate<string[]>(
      `[...document.querySelectorAll('link[rel=stylesheet], link[rel=icon]')].map((l) => l.getAttribute("href"))`,
    );
    assert.ok(
      links.some((l) => /^\/assets\/design-tokens\.css\?v=[\w-]{12}$/u.test(l)),
      links.join(" "),
    );
    for (const href of links.filter((l) => l.includes("?v="))) {
      const res = await fetch(`${origin}${href}`);
      assert.equal(res.status, 200, href);
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable", href);
    }
    const icon = await fetch(`${origin}/favicon.ico`);
    assert.equal(icon.status, 200, "/favicon.ico does not 404");
    assert.equal(icon.headers.get("content-type"), "image/svg+xml");
    assert.match(await icon.text(), /<svg/u);
  });

  it("shows the organization's logo and name in the header, in English by its English name", {
    skip,
  }, async () => {
    const page = await open(planPath);
    const header = page.locator(".site-header .site-name");
    assert.match((await header.textContent()) ?? "", /熊本市/u);
    const logo = header.locator("img.site-logo");
    assert.equal(await logo.getAttribute("alt"), "", "the logo is decorative beside the name");
    assert.ok(((await logo.boundingBox())?.height ?? 0) >= 32, "the logo is drawn");
    const english = await open(`${planPath}?lang=en`);
    assert.match(
      (await english.locator(".site-header .site-name").textContent()) ?? "",
      /Kumamoto City/u,
    );
  });

  it("shows every heading and value of item 56's roadmap on a 390 px phone, the measure's name across the width", {
    skip,
  }, async () => {
    const page = await open(`${planPath}/items/56`, { viewport: PHONE });
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    assert.ok(width <= PHONE.width, `the page is ${width} px wide`);
    const overflowing = await page.evaluate<string[]>(
      `(${OVERFLOWING})(".roadmap th, .roadmap td, .roadmap a")`,
    );
    assert.deepEqual(overflowing, [], "no cell is cut off");
    const boxes = await page.evaluate<Array<{ text: string; left: number; right: number }>>(
      `[...document.querySelectorAll(".roadmap tbody th, .roadmap tbody td")].filter((el) => el.getClientRects().length > 0).map((el) => { const r = el.getBoundingClientRect(); return { text: el.textContent.trim().slice(0, 20), left: r.left, right: r.right }; })`,
    );
    assert.ok(boxes.length > 0);
    for (const box of boxes)
      assert.ok(
        box.left >= 0 && box.right <= PHONE.width + 1,
        `${box.text} lies within the screen`,
      );
    const titleWidth = await page.evaluate<number>(
      `document.querySelector(".roadmap tbody th.measure-title").getBoundingClientRect().width`,
    );
    assert.ok(
      titleWidth >= PHONE.width * 0.8,
      `the measure's name has ${titleWidth} px, not a narrow box`,
    );
    const labels = await page.evaluate<string[]>(
      `[...document.querySelectorAll(".roadmap tbody tr:first-child td")].map((td) => getComputedStyle(td, "::before").content)`,
    );
    assert.ok(
      labels.every((l) => /年度/u.test(l)),
      `each value names its fiscal year: ${labels.join(" ")}`,
    );
  });

  it("shows every heading and value of the overview's tables on a 390 px phone", {
    skip,
  }, async () => {
    const page = await open(planPath, { viewport: PHONE });
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    assert.ok(width <= PHONE.width, `the page is ${width} px wide`);
    const overflowing = await page.evaluate<string[]>(
      `(${OVERFLOWING})("main table th, main table td, main table caption")`,
    );
    assert.deepEqual(overflowing, [], "no heading or value is cut off");
    // A table wider than the screen scrolls in its own region, whose every column can be reached.
    const regions = await page.evaluate<
      Array<{
        overflow: string;
        scroll: number;
        table: number;
        label: string | null;
        tabindex: string | null;
      }>
    >(
      `[...document.querySelectorAll("main table")].map((t) => { const w = t.closest(".table-wrap"); return { overflow: w ? getComputedStyle(w).overflowX : "none", scroll: w ? w.scrollWidth : 0, table: t.getBoundingClientRect().width, label: w && w.getAttribute("aria-labelledby"), tabindex: w && w.getAttribute("tabindex") }; })`,
    );
    assert.ok(regions.length > 0);
    for (const r of regions) {
      assert.equal(r.overflow, "auto", "each table sits in a scrollable region");
      assert.ok(r.scroll >= r.table - 1, "the region reaches the table's last column");
      assert.ok(r.label && r.tabindex === "0", "the region is named and keyboard-scrollable");
    }
    // Row headings keep a readable width: names do not wrap every few characters.
    const headings = await page.evaluate<Array<{ text: string; width: number; lines: number }>>(
      `[...document.querySelectorAll(".status-table tbody th")].map((th) => { const s = getComputedStyle(th); return { text: th.textContent.trim().slice(0, 20), width: th.getBoundingClientRect().width, lines: Math.round((th.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight)) }; })`,
    );
    assert.ok(headings.length > 0);
    for (const h of headings)
      assert.ok(h.width >= 150 && h.lines <= 3, `${h.text}: ${h.width} px, ${h.lines} lines`);
    // The row headings stay in view while the numbers scroll.
    const region = page.locator(".status-figure .table-wrap").first();
    await region.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }");
    const left = await page.evaluate<number>(
      `document.querySelector(".status-table tbody th").getBoundingClientRect().left`,
    );
    assert.ok(left >= 0 && left < 40, `the row heading stays at the left (${left} px)`);
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`prints the report view as its table at a ${viewport.width} px viewport`, {
      skip,
    }, async () => {
      const page = await open(`${planPath}/report`, { viewport });
      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate<{
        thead: string;
        row: string;
        cellsTop: number[];
        header: string;
      }>(
        `(() => { const row = document.querySelector("#item-56 ~ tr"); return { thead: getComputedStyle(document.querySelector(".report thead")).display, row: getComputedStyle(row).display, cellsTop: [...row.children].filter((c) => getComputedStyle(c).display !== "none").map((c) => Math.round(c.getBoundingClientRect().top)), header: getComputedStyle(document.querySelector(".site-header")).display }; })()`,
      );
      assert.equal(layout.thead, "table-header-group", "the column headings print");
      assert.equal(layout.row, "table-row");
      assert.ok(layout.cellsTop.length >= 4, "the row's cells print");
      assert.equal(
        new Set(layout.cellsTop).size,
        1,
        `the cells lie side by side: ${layout.cellsTop.join(", ")}`,
      );
      assert.equal(layout.header, "none", "the site's header is not printed");
      const pdf = await page.pdf({ printBackground: true });
      assert.ok(pdf.length > 10_000, "a PDF is printed");
    });

  it("takes the README's screenshots on a phone", { skip }, async () => {
    const dir = UPDATE_SCREENSHOTS ? SCREENSHOTS : mkdtempSync(join(tmpdir(), "shinchoku-shots-"));
    mkdirSync(dir, { recursive: true });
    try {
      const shots = [
        ["overview-phone.png", planPath],
        ["item-56-phone.png", `${planPath}/items/56`],
      ] as const;
      for (const [name, path] of shots) {
        const page = await open(path, { viewport: PHONE, deviceScaleFactor: 1 });
        const png = await page.screenshot({ path: join(dir, name), fullPage: false });
        assert.ok(png.length > 10_000, name);
      }
      const desktop = await open(planPath);
      await desktop.screenshot({ path: join(dir, "overview-desktop.png") });
    } finally {
      if (!UPDATE_SCREENSHOTS) rmSync(dir, { recursive: true, force: true });
    }
  });
});
