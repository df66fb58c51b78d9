import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addMeasureIndicator, addSampleIndicators } from "../../../test/factories/indicators.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

/** The cells of a table row, found by the text of its row header (tags stripped). */
function rowOf(body: string, header: string): string[] {
  const row = body
    .split("<tr>")
    .find((r) => r.startsWith('<th scope="row">') && r.split("</th>")[0]?.endsWith(header));
  assert.ok(row, `a row for ${header}`);
  return [...(row.split("</tr>")[0] ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/gu)].map((m) =>
    (m[1] ?? "").replace(/<[^>]+>/gu, ""),
  );
}

/** The part of a page from an element's id to the end of its section. */
function sectionOf(body: string, id: string): string {
  const start = body.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `an element #${id}`);
  return body.slice(start, body.indexOf("</section>", start));
}

forEachStore("public indicator pages", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let get: (url: string) => Promise<{ status: number; body: string }>;
  let slug = "";
  let measureCode = "";
  before(async () => {
    store = await freshStore(dialect);
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    measureCode = await addSampleIndicators(store, slug);
    // The model report names no department for the first measure: give it one, as an import would.
    const { organization_id: organizationId } = await store.db
      .selectFrom("plan")
      .select("organization_id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    const department = await store.db
      .insertInto("department")
      .values({
        organization_id: organizationId,
        name: "交通政策課",
        created_at: "2013-04-01T00:00:00Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const measure = await store.db
      .selectFrom("measure")
      .select("id")
      .where("code", "=", measureCode)
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("measure_department")
      .values({ measure_id: measure.id, department_id: department.id, role: "lead" })
      .execute();
    const app = createApp(store);
    get = async (url) => {
      const res = await app.request(url);
      return { status: res.status, body: await res.text() };
    };
  });
  after(() => store.dispose());

  describe("the item page", () => {
    it("shows a measure's indicator as a labelled chart with the table of its values by fiscal year", async () => {
      const { status, body } = await get(`/plans/${slug}/items/1`);
      assert.equal(status, 200);
      const kpi = sectionOf(body, "indicator-I0001");
      assert.match(
        kpi,
        /<svg class="indicator-chart" role="img" aria-label="市電の低床車両の割合の推移のグラフ。/u,
      );
      assert.match(kpi, /<text[^>]*>平成22年度<\/text><text[^>]*>（2010）<\/text>/u);
      assert.match(
        kpi,
        /<caption id="indicator-I0001-caption">市電の低床車両の割合（単位：%）の基準値・目標値・実績値<\/caption>/u,
      );
      assert.deepEqual(rowOf(kpi, "平成22年度（2010年度）"), ["5.05", "", "", ""]);
      assert.deepEqual(rowOf(kpi, "平成24年度（2012年度）"), ["", "", "12.5", "実績値: ※単年実績"]);
      assert.deepEqual(rowOf(kpi, "平成25年度（2013年度）"), ["", "40.0", "", "実績値: 集計中"]);
      assert.deepEqual(rowOf(kpi, "平成25年度（2013年度） 平成25年9月末時点"), [
        "",
        "",
        "30",
        "実績値: 見込み",
      ]);
      assert.deepEqual(rowOf(kpi, "平成27年度（2015年度）"), ["", "82.50（最終目標）", "", ""]);
    });

    it("states the achievement and score of the latest year with a result", async () => {
      const { body } = await get(`/plans/${slug}/items/1`);
      // (30 − 5.05) / (40.0 − 5.05) = 71.4% → C (≥ 50%)
      assert.match(
        sectionOf(body, "indicator-I0001"),
        /平成25年度（2013年度）の達成率 71\.4%（実績値 30%、目標値 40\.0%）・評価: <strong class="indicator-score">C<\/strong>/u,
      );
      assert.match(
        sectionOf(body, "indicator-I0002"),
        /達成率は、実績値と目標値がそろうと表示します。/u,
      );
      assert.deepEqual(rowOf(sectionOf(body, "indicator-I0002"), "平成24年度（2012年度）"), [
        "",
        "",
        "3,437",
        "",
      ]);
    });

    it("shows the item's own indicator under the item", async () => {
      const { body } = await get(`/plans/${slug}/items/1`);
      const own = sectionOf(body, "item-indicators");
      assert.match(body, /id="indicator-I0003-title">待機児童数<\/h3>/u);
      assert.ok(own.includes("指標"));
      assert.match(
        sectionOf(body, "indicator-I0003"),
        /達成率 50\.0%（実績値 40人、目標値 20人）/u,
      );
    });

    it("shows the English text with ?lang=en", async () => {
      const { body } = await get(`/plans/${slug}/items/1?lang=en`);
      assert.match(
        body,
        /<caption id="indicator-I\d+-caption"><span lang="ja">市電の低床車両の割合<\/span> \(%\): baseline, targets and results<\/caption>/u,
        "the indicator's Japanese name marked as Japanese in the English caption",
      );
      assert.match(body, /<th scope="row">FY2013 \(Heisei 25\)<\/th>/u, "fiscal years in English");
    });
  });

  it("shows a group's indicator on its page", async () => {
    const { status, body } = await get(`/plans/${slug}/pillars/1/areas/1`);
    assert.equal(status, 200);
    assert.match(body, /<h3 id="indicator-I0004-title">市民満足度<\/h3>/u);
    assert.deepEqual(rowOf(sectionOf(body, "indicator-I0004"), "平成25年度（2013年度）"), [
      "",
      "80",
      "82",
      "",
    ]);
  });

  describe("the plan's indicator page", () => {
    it("lists every indicator with the distribution of scores per level", async () => {
      const { status, body } = await get(`/plans/${slug}/indicators`);
      assert.equal(status, 200);
      assert.match(body, /<p id="indicator-count">4件の指標<\/p>/u);
      // A, B, C, D, not scored, total
      assert.deepEqual(rowOf(body, "取組"), ["0", "0", "1", "0", "1", "2"]);
      assert.deepEqual(rowOf(body, "項目"), ["0", "0", "1", "0", "0", "1"]);
      assert.deepEqual(rowOf(body, "分野"), ["1", "0", "0", "0", "0", "1"]);
    });

    it("filters by kind, level, department and achievement through a GET form", async () => {
      const page = await get(`/plans/${slug}/indicators`);
      assert.match(page.body, /<form method="get" action="\/plans\/431001-1\/indicators"/u);
      const ids = (body: string) =>
        [...body.matchAll(/<section class="indicator" id="(I?[^"]+)"/gu)].map((m) => m[1]);
      assert.deepEqual(ids((await get(`/plans/${slug}/indicators?kind=KPI`)).body), [
        "indicator-I0001",
      ]);
      assert.deepEqual(
        ids((await get(`/plans/${slug}/indicators?level=${encodeURIComponent("取組")}`)).body),
        ["indicator-I0001", "indicator-I0002"],
      );
      assert.deepEqual(ids((await get(`/plans/${slug}/indicators?achieved=yes`)).body), [
        "indicator-I0004",
      ]);
      assert.deepEqual(ids((await get(`/plans/${slug}/indicators?achieved=no`)).body), [
        "indicator-I0001",
        "indicator-I0003",
      ]);
      assert.match(page.body, /<option value="交通政策課">交通政策課<\/option>/u);
      const department = "交通政策課";
      assert.deepEqual(
        ids(
          (await get(`/plans/${slug}/indicators?department=${encodeURIComponent(department)}`))
            .body,
        ),
        ["indicator-I0001", "indicator-I0002"],
      );
      const unknown = await get(`/plans/${slug}/indicators?kind=nonsense&achieved=maybe`);
      assert.equal(ids(unknown.body).length, 4);
    });
  });

  it("shows the distribution on the overview with a link to the indicator page", async () => {
    const { body } = await get(`/plans/${slug}`);
    const section = sectionOf(body, "indicator-heading");
    assert.deepEqual(rowOf(section, "取組"), ["0", "0", "1", "0", "1", "2"]);
    assert.match(section, /<a href="\/plans\/431001-1\/indicators">指標の一覧と評価の分布<\/a>/u);
  });

  // Last: it adds sixty indicators, which the tests above do not expect.
  it("shows fifty indicators a page with numbered links that keep the filters, and counts all of them in the distribution", async () => {
    for (let n = 1; n <= 60; n++)
      await addMeasureIndicator(store, slug, measureCode, { name: `保育所の定員${n}`, unit: "人" });
    // A new app: the factory writes behind the page cache of the one above.
    const app = createApp(store);
    const get = async (url: string) => {
      const res = await app.request(url);
      return { status: res.status, body: await res.text() };
    };
    const ids = (body: string) => [...body.matchAll(/<section class="indicator" id="/gu)].length;

    const first = await get(`/plans/${slug}/indicators`);
    assert.match(
      first.body,
      /<p id="indicator-count">64件の指標のうち 1〜50件目を表示（1／2ページ）<\/p>/u,
    );
    assert.equal(ids(first.body), 50);
    assert.deepEqual(rowOf(first.body, "取組"), ["0", "0", "1", "0", "61", "62"]);
    const nav = first.body.slice(first.body.indexOf('<nav class="pagination"'));
    assert.match(nav, /^<nav class="pagination" aria-label="ページ送り">/u);
    assert.match(
      nav,
      /<a href="\/plans\/431001-1\/indicators" aria-current="page" aria-label="1ページ目">1<\/a>/u,
    );
    assert.match(
      nav,
      /<a href="\/plans\/431001-1\/indicators\?page=2" rel="next">次のページ<\/a>/u,
    );

    const second = await get(`/plans/${slug}/indicators?page=2`);
    assert.match(second.body, /64件の指標のうち 51〜64件目を表示（2／2ページ）/u);
    assert.equal(ids(second.body), 14);
    assert.doesNotMatch(second.body, /rel="next"/u);
    // Out of range or not a number: the nearest page, never an error.
    assert.match((await get(`/plans/${slug}/indicators?page=99`)).body, /51〜64件目/u);
    assert.match((await get(`/plans/${slug}/indicators?page=abc`)).body, / 1〜50件目/u);

    const level = encodeURIComponent("取組");
    const filtered = await get(`/plans/${slug}/indicators?level=${level}&page=2&lang=en`);
    assert.match(filtered.body, /Showing 51–62 of 62 indicators \(page 2 of 2\)/u);
    assert.match(
      filtered.body,
      new RegExp(
        `<a href="/plans/431001-1/indicators\\?lang=en&amp;level=${level}" rel="prev">Previous page</a>`,
        "u",
      ),
    );
  });
});
