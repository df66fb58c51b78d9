import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Hono } from "hono";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { freshStore } from "../../../test/store-targets.ts";
import { importReportFile } from "../../import/report-importer.ts";
import type { AccessibilityResults } from "../accessibility/accessibility-results.ts";
import { createApp } from "../app.ts";
import { DESIGN_TOKENS } from "../assets/site-assets.ts";
import { staticAsset } from "../assets/static-asset.ts";
import { fiscalYearText } from "../i18n/date-text.ts";
import { accessibilityRoutes } from "../routes/accessibility-routes.ts";
import { DEFAULT_SITE_IDENTITY, siteIdentity } from "./site-identity.ts";

describe("the site's frame: design tokens, identity, favicon, language of parts", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug: string;
  before(async () => {
    store = await freshStore("sqlite");
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
  });
  after(() => store.dispose());

  it("serves the design system's token stylesheet from its package, fingerprinted and kept a year", async () => {
    const app = createApp(store);
    const page = await (await app.request(`/plans/${slug}`)).text();
    assert.ok(page.includes(`<link rel="stylesheet" href="${DESIGN_TOKENS.href}">`));
    const res = await app.request(DESIGN_TOKENS.href);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(await res.text(), /--color-primitive-blue-1000: #00118f;/u);
    const stale = await app.request("/assets/design-tokens.css?v=old");
    assert.equal(
      stale.headers.get("cache-control"),
      "public, max-age=3600",
      "another version: an hour",
    );
  });

  it("answers /favicon.ico with the favicon, and names the organization and its logo in every header", async () => {
    const logo = staticAsset(
      "/assets/logo.svg",
      "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "image/svg+xml",
    );
    const app = createApp(store, {
      site: siteIdentity({ organizationName: "熊本市", organizationNameEn: null, logo }),
    });
    try {
      const icon = await app.request("/favicon.ico");
      assert.equal(icon.status, 200);
      assert.equal(icon.headers.get("content-type"), "image/svg+xml");
      for (const path of [`/plans/${slug}`, "/no/such/page", "/accessibility"]) {
        const body = await (await app.request(path)).text();
        assert.ok(
          body.includes(`<img class="site-logo" src="${logo.href}" alt="" height="40">`),
          path,
        );
        assert.match(body, /<span class="site-organization">熊本市<\/span>/u, path);
        assert.match(body, /<link rel="icon" href="\/assets\/favicon\.svg\?v=/u, path);
      }
      const english = await (await app.request(`/plans/${slug}?lang=en`)).text();
      assert.match(english, /<span class="site-organization" lang="ja">熊本市<\/span>/u);
      const served = await app.request(logo.href);
      assert.equal(served.status, 200);
      assert.match(served.headers.get("content-security-policy") ?? "", /script-src 'none'/u);
      assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    } finally {
      createApp(store, { site: DEFAULT_SITE_IDENTITY });
    }
  });

  it("marks Japanese content lang=ja on English pages and writes fiscal years as FY2013 (Heisei 25)", async () => {
    const app = createApp(store);
    const body = await (await app.request(`/plans/${slug}/items/56?lang=en`)).text();
    assert.match(body, /<html lang="en">/u);
    assert.match(body, /<h1 lang="ja">No\.56 ア\. 保育園の待機児童ゼロ<\/h1>/u);
    assert.match(body, /<th scope="col" class="col-year">FY2013 \(Heisei 25\)<\/th>/u);
    assert.match(body, /as of 30 September 2013 \(Heisei 25\)/u);
    assert.ok(!body.includes("平成25年9月末"), "no 和暦 date left in English");
    assert.equal(fiscalYearText("en", 2019), "FY2019 (Reiwa 1)");
    assert.equal(fiscalYearText("ja", 2019), "令和元年度");
  });
});

describe("the accessibility pages", () => {
  const results: AccessibilityResults = {
    date: "2026-12-05",
    standard: "JIS X 8341-3:2016",
    level: "AA",
    tool: { name: "axe-core", version: "4.11.0", tags: ["wcag2a", "wcag2aa"] },
    browser: "Chromium 140",
    pages: [
      {
        ja: "計画の概要",
        en: "A plan's overview",
        path: "/plans/431001-1",
        lang: "ja",
        violations: 0,
        passes: 30,
        incomplete: 1,
      },
      {
        ja: "計画の概要",
        en: "A plan's overview",
        path: "/plans/431001-1?lang=en",
        lang: "en",
        violations: 2,
        passes: 29,
        incomplete: 1,
      },
    ],
    keyboard: [{ ja: "検索できる", en: "Searching", passed: true }],
  };

  it("publishes the policy: JIS X 8341-3:2016, level AA, its scope and exceptions", async () => {
    const app = new Hono();
    accessibilityRoutes(app, results);
    const body = await (await app.request("/accessibility")).text();
    for (const words of [
      "ウェブアクセシビリティ方針",
      "JIS X 8341-3:2016",
      "適合レベル AA",
      "対象範囲",
      "例外",
      "/accessibility/results",
    ])
      assert.ok(body.includes(words), words);
  });

  it("publishes the recorded results: date, standard, level, each page with its violations, the keyboard checks", async () => {
    const app = new Hono();
    accessibilityRoutes(app, results);
    const body = await (await app.request("/accessibility/results")).text();
    assert.match(body, /<time datetime="2026-12-05">令和8年12月5日<\/time>/u);
    assert.match(body, /<meter id="passed-pages" min="0" max="2" value="1">/u);
    assert.match(body, /2ページ中1ページ/u);
    assert.match(
      body,
      /<tr><th scope="row">計画の概要<\/th><td><code>\/plans\/431001-1\?lang=en<\/code><\/td><td>英語<\/td><td>2<\/td><td>29<\/td><td>1<\/td><td>違反あり<\/td><\/tr>/u,
    );
    assert.match(body, /<tr><th scope="row">検索できる<\/th><td>できた<\/td><\/tr>/u);
    const empty = new Hono();
    accessibilityRoutes(empty, null);
    assert.match(
      await (await empty.request("/accessibility/results")).text(),
      /まだ記録されていません/u,
    );
  });
});
