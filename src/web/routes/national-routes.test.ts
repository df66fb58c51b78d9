import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

const CHIYODA = { code: "131016", name: "千代田区" };
const SAPPORO = { code: "011002", name: "札幌市" };

forEachStore("the national index, organization pages and national search", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  const slugs: Record<string, string> = {};
  before(async () => {
    store = await freshStore(dialect);
    for (const organization of [KUMAMOTO, CHIYODA, SAPPORO])
      slugs[organization.code] = (
        await importReportFile(store, MODEL_REPORT_PATH, { organization })
      ).planSlug;
    app = createApp(store);
  });
  after(() => store.dispose());

  const get = async (path: string, status = 200) => {
    const res = await app.request(path);
    assert.equal(res.status, status, path);
    return res.text();
  };

  it("groups the organizations by prefecture in code order, 北海道 first, with a jump list and counts", async () => {
    const body = await get("/");
    const headings = [...body.matchAll(/<h2 id="(pref-\d\d)">([^<]+)/gu)].map((m) => [m[1], m[2]]);
    assert.deepEqual(headings, [
      ["pref-01", "北海道"],
      ["pref-13", "東京都"],
      ["pref-43", "熊本県"],
    ]);
    assert.match(body, /<p class="national-totals">3団体・3計画<\/p>/u);
    assert.match(
      body,
      /<nav class="prefecture-jump" aria-labelledby="prefecture-jump-heading">\s*<h2 id="prefecture-jump-heading">都道府県から探す<\/h2>\s*<ul><li><a href="#pref-01">北海道<span class="count">（1団体・1計画）<\/span><\/a><\/li><li><a href="#pref-13">/u,
    );
    assert.match(body, /<h3 class="organization-name"><a href="\/orgs\/011002">札幌市<\/a><\/h3>/u);
    assert.match(
      body,
      new RegExp(
        `<a href="/plans/${slugs[KUMAMOTO.code]}">挑戦元年アクションプラン</a><span class="count">（平成25年9月末時点（2013年9月30日））</span>`,
        "u",
      ),
    );
    assert.match(body, /<form role="search" method="get" action="\/search"/u);
  });

  it("shows the index in English with the prefectures' English names", async () => {
    const body = await get("/?lang=en");
    assert.match(body, /<html lang="en">/u);
    assert.match(
      body,
      /<h2 id="pref-01">Hokkaido<span class="count">（organizations: 1, plans: 1）/u,
    );
    assert.match(body, /<input type="hidden" name="lang" value="en">/u);
  });

  it("shows an organization's page at its code, with its prefecture and plans, and links to it from a plan", async () => {
    const body = await get(`/orgs/${CHIYODA.code}`);
    assert.match(body, /<h1>千代田区<\/h1>/u);
    assert.match(body, /東京都・全国地方公共団体コード 131016/u);
    assert.match(
      body,
      /<li><a href="\/#pref-13">東京都<\/a><\/li>/u,
      "breadcrumbs to the prefecture",
    );
    assert.match(
      body,
      new RegExp(
        `<h3 id="plan-${slugs[CHIYODA.code]}"><a href="/plans/${slugs[CHIYODA.code]}">挑戦元年アクションプラン</a></h3>`,
        "u",
      ),
    );
    assert.match(body, /平成24年度（2012年度）〜/u);
    assert.match(body, /平成25年9月末時点（2013年9月30日）/u);
    assert.match(body, /<input type="hidden" name="org" value="131016">/u);
    const overview = await get(`/plans/${slugs[CHIYODA.code]}`);
    assert.match(overview, /<p class="plan-meta"><a href="\/orgs\/131016">千代田区<\/a>・/u);
  });

  it("answers 404 in Japanese with a way back for an unknown or malformed organization code", async () => {
    for (const code of ["999999", "43100", "abc", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"]) {
      const body = await get(`/orgs/${code}`, 404);
      assert.match(body, /<h1>ページが見つかりません<\/h1>/u, code);
      assert.match(body, /<a href="\/">全国の計画の一覧に戻る<\/a>/u, code);
      assert.ok(!body.includes("<script>alert"), code);
    }
  });

  it("searches every plan, names each result's organization and plan, and links to the item's anchor", async () => {
    const body = await get(`/search?q=${encodeURIComponent("保育")}`);
    assert.match(body, /<title>「保育」の検索結果（18件）｜/u);
    assert.match(body, /「保育」に一致する取組は18件です（1〜18件目を表示）。/u);
    assert.match(
      body,
      new RegExp(
        `<a href="/orgs/431001">熊本市</a><span class="result-separator">／</span><a href="/plans/${slugs[KUMAMOTO.code]}">挑戦元年アクションプラン</a>`,
        "u",
      ),
    );
    assert.match(
      body,
      new RegExp(`href="/plans/${slugs[SAPPORO.code]}/items/56#measure-M\\d+"`, "u"),
    );
    assert.match(body, /<mark>保育<\/mark>/u);
  });

  it("narrows by prefecture and organization, offering the prefecture's organizations", async () => {
    const tokyo = await get(`/search?q=${encodeURIComponent("保育")}&pref=13`);
    assert.match(tokyo, /一致する取組は6件です/u);
    assert.match(tokyo, /<option value="13" selected>東京都<\/option>/u);
    assert.match(tokyo, /<option value="131016">千代田区<\/option>/u);
    assert.ok(!tokyo.includes(`/plans/${slugs[KUMAMOTO.code]}/`));
    const sapporo = await get(`/search?q=${encodeURIComponent("保育")}&org=011002`);
    assert.match(sapporo, /一致する取組は6件です/u);
    assert.match(sapporo, /<option value="01" selected>北海道<\/option>/u);
    assert.match(sapporo, /<option value="011002" selected>札幌市<\/option>/u);
    assert.match(sapporo, /札幌市の計画の最新の進捗状況から取組を探します。/u);
    // 札幌市 is not in 熊本県: a stale combination drops the organization, never an error.
    const stale = await get(`/search?q=${encodeURIComponent("保育")}&pref=43&org=011002`);
    assert.match(stale, /一致する取組は6件です/u);
    assert.ok(stale.includes(`/plans/${slugs[KUMAMOTO.code]}/`));
    const unknown = await get(`/search?q=${encodeURIComponent("保育")}&pref=99&org=123456&page=x`);
    assert.match(unknown, /一致する取組は18件です/u);
  });

  it("pages the results 20 at a time with the total, keeping the filters in the page links", async () => {
    const first = await get(`/search?q=${encodeURIComponent("電")}`);
    const total = Number(/一致する取組は(\d+)件です（1〜20件目を表示）/u.exec(first)?.[1]);
    assert.ok(total > 20, `${total}`);
    assert.match(first, /<a href="\/search\?q=%E9%9B%BB&amp;page=2" rel="next">次の20件<\/a>/u);
    const second = await get(`/search?q=${encodeURIComponent("電")}&page=2`);
    assert.match(
      second,
      new RegExp(`一致する取組は${total}件です（21〜${Math.min(40, total)}件目を表示）`, "u"),
    );
    assert.match(second, /<ol class="search-results" start="21"/u);
    assert.match(second, /rel="prev">前の20件<\/a>/u);
    const filtered = await get(`/search?q=${encodeURIComponent("電")}&pref=43`);
    if (total / 3 > 20) assert.match(filtered, /pref=43&amp;page=2" rel="next"/u);
    else assert.doesNotMatch(filtered, /rel="next"/u);
  });

  it("answers bad input with the page, never an error and never markup of its own", async () => {
    for (const q of [
      "保".repeat(1000),
      "!!!???",
      "'; DROP TABLE measure; --",
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
    ]) {
      const body = await get(
        `/search?q=${encodeURIComponent(q)}&pref=${encodeURIComponent("<b>")}`,
      );
      assert.ok(!body.includes("<script>alert"), q);
      assert.ok(!body.includes("<img src=x"), q);
      assert.ok(!body.includes("<b>"), q);
    }
    assert.match(
      await get(`/search?q=${encodeURIComponent("保".repeat(1000))}`),
      /先頭の200文字で検索しました/u,
    );
    assert.match(
      await get("/search?q=!!!%3F%3F%3F"),
      /検索に使える文字（文字や数字）が含まれていません/u,
    );
    assert.match(await get("/search"), /探したい言葉を入力して「検索」を押してください。/u);
    assert.equal((await get(`/search?q=${encodeURIComponent("保育")}`)).includes("18件"), true);
  });

  it("keeps the new public pages in the page cache, with an ETag", async () => {
    for (const path of ["/", `/orgs/${KUMAMOTO.code}`, `/search?q=${encodeURIComponent("保育")}`]) {
      const res = await app.request(path);
      const etag = res.headers.get("etag");
      assert.ok(etag, path);
      const again = await app.request(path, { headers: { "If-None-Match": etag } });
      assert.equal(again.status, 304, path);
    }
  });
});
