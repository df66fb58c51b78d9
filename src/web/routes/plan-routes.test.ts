import assert from "node:assert/strict";
import { it } from "node:test";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { bumpRevision } from "../../commands/revision-bumper.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

/** The model report imported into a fresh store (and the later report, for two periods). */
async function withPlan(
  dialect: "sqlite" | "postgres",
  periods: 1 | 2,
  test: (
    page: (url: string) => Promise<{ status: number; body: string }>,
    store: Store,
  ) => Promise<void>,
) {
  const store = await freshStore(dialect);
  try {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    assert.equal(planSlug, "431001-1");
    if (periods === 2)
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
    await clearSuggestedStatuses(store);
    const app = createApp(store);
    await test(async (url) => {
      const res = await app.request(url);
      return { status: res.status, body: await res.text() };
    }, store);
  } finally {
    await store.dispose();
  }
}

/** The numbers of a status table's row, found by the text of its row header. */
function rowCounts(body: string, header: string): number[] {
  const row = body
    .split("<tr")
    .find((r) => r.includes('<th scope="row">') && r.split("</th>")[0]?.includes(header));
  assert.ok(row, `a status table row for ${header}`);
  return [...row.matchAll(/<td class="num">(\d+)<\/td>/gu)].map((m) => Number(m[1]));
}

/** Set statuses directly in the store, as the reporting cycle will, for the latest period. */
async function setStatuses(store: Store, statuses: Record<string, string>) {
  const period = await store.db
    .selectFrom("reporting_period")
    .select("id")
    .orderBy("as_of", "desc")
    .executeTakeFirstOrThrow();
  for (const [code, status] of Object.entries(statuses)) {
    const measure = await store.db
      .selectFrom("measure")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: status })
      .where("measure_id", "=", measure.id)
      .where("reporting_period_id", "=", period.id)
      .execute();
  }
  await bumpRevision(store.db);
}

const PLAN = "/plans/431001-1";

forEachStore("the plan's public pages", (dialect) => {
  it("shows the overview with the title, the as-of date in 和暦 and 西暦 and the size of the plan", async () => {
    await withPlan(dialect, 1, async (page) => {
      const { status, body } = await page(PLAN);
      assert.equal(status, 200);
      assert.match(body, /<h1>挑戦元年アクションプラン<\/h1>/u);
      assert.match(body, /平成25年9月末時点、<time datetime="2013-09-30">2013-09-30<\/time>/u);
      for (const [term, value] of [
        ["柱", "3件"],
        ["分野", "3件"],
        ["区分", "32件"],
        ["項目", "130件"],
        ["取組（再掲を除く）", "185件"],
        ["再掲された取組", "13件"],
        ["再掲された項目見出し", "3件"],
      ])
        assert.ok(body.includes(`<dt>${term}</dt><dd>${value}</dd>`), `${term} ${value}`);
      assert.match(body, /<a href="\/plans\/431001-1\/report">公表資料と同じ形式の表で見る/u);
      assert.match(
        body,
        /<a href="\/plans\/431001-1\/pillars\/2">II\. もっと暮らしやすさを実感できるまちを実現します<\/a>/u,
      );
      assert.ok(!body.includes('id="item-56"'), "the full report table is on /report now");
      assert.ok(!body.includes('name="period"'), "no period selector for a single period");
    });
  });

  it("counts every measure as 未設定 while no status is set, and says so", async () => {
    await withPlan(dialect, 1, async (page) => {
      const { body } = await page(PLAN);
      assert.match(body, /まだ状況区分が設定されていません/u);
      assert.match(
        body,
        /<th scope="col" class="num">完了<\/th><th scope="col" class="num">実施中<\/th><th scope="col" class="num">検討・準備中<\/th><th scope="col" class="num">未着手<\/th><th scope="col" class="num">中止<\/th><th scope="col" class="num">未設定<\/th><th scope="col" class="num">計<\/th>/u,
      );
      assert.deepEqual(rowCounts(body, "計画全体"), [0, 0, 0, 0, 0, 185, 185]);
      assert.match(
        body,
        /<svg class="status-chart" role="img" aria-label="状況区分の分布のグラフ/u,
      );
    });
  });

  it("counts statuses for the whole plan, each pillar and each category, re-listings left out", async () => {
    await withPlan(dialect, 1, async (page, store) => {
      // M0001, M0002: item 1 (I-1-①); M0082: item 56 (II-②); M0042: item 31, re-listed at No.37.
      await setStatuses(store, {
        M0001: "completed",
        M0002: "in_progress",
        M0082: "in_progress",
        M0042: "discontinued",
      });
      const { body } = await page(PLAN);
      assert.ok(!body.includes("まだ状況区分が設定されていません"));
      assert.deepEqual(rowCounts(body, "計画全体"), [1, 2, 0, 0, 1, 181, 185]);
      assert.deepEqual(
        rowCounts(body, "I. くまもとの再デザインに取り組みます"),
        [1, 1, 0, 0, 1, 69, 72],
      );
      assert.deepEqual(rowCounts(body, "① 政令指定都市くまもとの実現"), [1, 1, 0, 0, 0, 3, 5]);
      assert.deepEqual(
        rowCounts(body, "② 高速交通体系へのアクセスの充実"),
        [0, 0, 0, 0, 1, 10, 11],
      );
      assert.deepEqual(rowCounts(body, "③ 環境負荷の小さい交通体系の実現"), [0, 0, 0, 0, 0, 3, 3]);
      assert.deepEqual(rowCounts(body, "II. もっと暮らしやすさ"), [0, 1, 0, 0, 0, 82, 83]);
      assert.deepEqual(rowCounts(body, "② 子育てしやすいまちづくり"), [0, 1, 0, 0, 0, 5, 6]);

      const pillar = (await page(`${PLAN}/pillars/2`)).body;
      assert.deepEqual(rowCounts(pillar, "II. もっと暮らしやすさ"), [0, 1, 0, 0, 0, 82, 83]);
      const item = (await page(`${PLAN}/items/56`)).body;
      assert.match(
        item,
        /状況区分: <span class="status-badge" data-status="in_progress">実施中<\/span>/u,
      );
    });
  });

  it("says there is no previous period when the plan has one period only", async () => {
    await withPlan(dialect, 1, async (page) => {
      const { body } = await page(PLAN);
      assert.match(body, /<h2 id="changes-heading">前回の報告期からの変更<\/h2>/u);
      assert.match(body, /前回の報告期はありません/u);
    });
  });

  it("shows the changes since the previous period with a word diff, and a period selector", async () => {
    await withPlan(dialect, 2, async (page) => {
      const { body } = await page(PLAN);
      assert.match(body, /平成26年3月末時点、<time datetime="2014-03-31">2014-03-31<\/time>/u);
      assert.match(
        body,
        /平成25年9月末時点（2013-09-30）から、進捗状況の記述または状況区分が変わった取組：2件/u,
      );
      assert.match(
        body,
        /<a href="\/plans\/431001-1\/items\/56#measure-M0082">保育所整備による待機児童の解消<\/a>/u,
      );
      assert.match(
        body,
        /新設含む10ヶ所の保育所整備<del><span class="visually-hidden">［削除：<\/span>を実施中<span class="visually-hidden">：削除ここまで］<\/span><\/del><ins><span class="visually-hidden">［追加：<\/span>が完了<span class="visually-hidden">：追加ここまで］<\/span><\/ins>/u,
      );
      assert.match(
        body,
        /この報告期からの新しい取組<\/strong><\/p><p class="narrative">小規模保育の実施に向けて検討中/u,
      );

      assert.match(body, /<form class="period-form" method="get" action="\/plans\/431001-1">/u);
      assert.match(body, /<label for="period-select">報告期（時点）<\/label>/u);
      assert.match(
        body,
        /<option value="2014-03-31" selected>平成26年3月末時点（2014-03-31）<\/option>/u,
      );
      assert.match(body, /<option value="2013-09-30">平成25年9月末時点（2013-09-30）<\/option>/u);
    });
  });

  it("shows an earlier period when asked, and keeps it in every link", async () => {
    await withPlan(dialect, 2, async (page) => {
      const { status, body } = await page(`${PLAN}?period=2013-09-30`);
      assert.equal(status, 200);
      assert.match(body, /平成25年9月末時点、<time datetime="2013-09-30">/u);
      assert.match(body, /<option value="2013-09-30" selected>/u);
      assert.match(body, /前回の報告期はありません/u);
      assert.match(body, /href="\/plans\/431001-1\/pillars\/2\?period=2013-09-30"/u);
      assert.match(body, /href="\/plans\/431001-1\/report\?period=2013-09-30"/u);
      const item = (await page(`${PLAN}/items/56?period=2013-09-30`)).body;
      assert.match(item, /新設含む10ヶ所の保育所整備を実施中/u);
      assert.ok(!item.includes("が完了"), "nothing from the later period");
    });
  });

  it("shows an item with its roadmap across the fiscal years and ⇒ explained as text", async () => {
    await withPlan(dialect, 1, async (page) => {
      const { status, body } = await page(`${PLAN}/items/56`);
      assert.equal(status, 200);
      assert.match(body, /<h1>No\.56 ア\. 保育園の待機児童ゼロ<\/h1>/u);
      assert.match(body, /<title>No\.56 ア\. 保育園の待機児童ゼロ｜/u);
      assert.match(
        body,
        /<th scope="col" class="col-year">平成24年度<span class="gregorian">（2012年度）<\/span><\/th><th scope="col" class="col-year">平成25年度<span class="gregorian">（2013年度）<\/span><\/th>/u,
      );
      assert.match(
        body,
        /<th scope="row" class="measure-title"><a href="#measure-M0082">保育所整備による待機児童の解消<\/a><\/th><td data-label="平成24年度">保育所整備<\/td><td data-label="平成25年度"><span class="continued-mark" aria-hidden="true" title="前年度から継続: 保育所整備">⇒<\/span><span class="continued-note">前年度から継続: 保育所整備<\/span><\/td>/u,
      );
      assert.match(body, /<section class="measure" id="measure-M0082"/u);
      assert.match(
        body,
        /<h4>進捗状況（平成25年9月末時点）<\/h4>\s*<p class="narrative">新設含む10ヶ所の保育所整備を実施中<\/p>/u,
      );
      assert.match(body, /最初の報告/u);
      // Breadcrumbs: the plans, the plan, the pillar, the category.
      assert.match(
        body,
        /<li><a href="\/">計画の一覧<\/a><\/li><li><a href="\/plans\/431001-1">挑戦元年アクションプラン<\/a><\/li><li><a href="\/plans\/431001-1\/pillars\/2">II\. [^<]+<\/a><\/li><li><a href="\/plans\/431001-1\/pillars\/2\/categories\/2">② 子育てしやすいまちづくり<\/a><\/li><li aria-current="page">No\.56 ア\. 保育園の待機児童ゼロ<\/li>/u,
      );
    });
  });

  it("shows the history of every period on the item page, with what changed", async () => {
    await withPlan(dialect, 2, async (page) => {
      const { body } = await page(`${PLAN}/items/56`);
      const section = (code: string) => {
        const start = body.indexOf(`<section class="measure" id="measure-${code}"`);
        assert.ok(start >= 0, code);
        return body.slice(start, body.indexOf("</section>", start));
      };
      const changed = section("M0082");
      assert.match(
        changed,
        /<h4>進捗状況（平成26年3月末時点）<\/h4>\s*<p class="narrative">新設含む10ヶ所の保育所整備が完了<\/p>/u,
      );
      assert.match(
        changed,
        /平成26年3月末時点<\/strong>（<time datetime="2014-03-31">2014-03-31<\/time>）/u,
      );
      assert.match(
        changed,
        /前回からの変更<\/p><p class="diff">新設含む10ヶ所の保育所整備<del>.*を実施中.*<\/del><ins>.*が完了.*<\/ins><\/p>/u,
      );
      assert.match(
        changed,
        /平成25年9月末時点<\/strong>.*\n<p class="history-label">最初の報告<\/p><p class="narrative">新設含む10ヶ所の保育所整備を実施中<\/p>/u,
      );
      assert.ok(changed.indexOf("2014-03-31") < changed.indexOf("2013-09-30"), "newest first");
      assert.match(section("M0083"), /前回から変更なし/u);
      const added = section("M0199");
      assert.match(added, /小規模保育の推進/u);
      assert.equal(added.match(/<li>/gu)?.length, 1, "one period for a new measure");
    });
  });

  it("links re-listings both ways: 再掲 on the re-listing, 再掲先 on the original", async () => {
    await withPlan(dialect, 1, async (page) => {
      const relisting = (await page(`${PLAN}/items/37`)).body;
      assert.match(
        relisting,
        /<section class="measure" id="measure-M0054"[^>]*>\s*<h3[^>]*>熊本駅東口駅前広場の整備<\/h3>\s*<p class="relisting-note"><a class="relisting" href="\/plans\/431001-1\/items\/31#measure-M0042">再掲: No\.31<\/a>/u,
      );
      assert.match(relisting, /基本計画案の修正/u, "the re-listing shows its original's roadmap");
      const original = (await page(`${PLAN}/items/31`)).body;
      assert.match(
        original,
        /<a class="relisting" href="\/plans\/431001-1\/items\/37#measure-M0054">再掲先: No\.37<\/a>/u,
      );
      // A measure re-listed under an unnumbered item heading: 再掲先 is its category's page.
      const item38 = (await page(`${PLAN}/items/38`)).body;
      assert.match(
        item38,
        /<a class="relisting" href="\/plans\/431001-1\/pillars\/2\/categories\/11#measure-M0149">再掲先: ⑪ 低炭素都市づくり<\/a>/u,
      );
      const category = (await page(`${PLAN}/pillars/2/categories/11`)).body;
      assert.match(category, /<h3 id="relisted-item-2">イ\. 公用車のカーシェアリングの導入<\/h3>/u);
      assert.match(
        category,
        /<a href="\/plans\/431001-1\/items\/38">再掲（元の項目：No\.38）<\/a>/u,
      );
      assert.match(
        category,
        /<li id="measure-M0149">公用車のカーシェアリングの導入 <span class="status">状況区分: <span class="status-badge" data-status="">未設定<\/span><\/span> <a class="relisting" href="\/plans\/431001-1\/items\/38#measure-M0056">再掲: No\.38<\/a><\/li>/u,
      );
    });
  });

  it("shows a pillar, an area and a category with their groups, items and measures", async () => {
    await withPlan(dialect, 1, async (page) => {
      const pillar = await page(`${PLAN}/pillars/2`);
      assert.equal(pillar.status, 200);
      assert.match(pillar.body, /<h1>II\. もっと暮らしやすさを実感できるまちを実現します<\/h1>/u);
      assert.match(
        pillar.body,
        /<a href="\/plans\/431001-1\/pillars\/2\/categories\/2">② 子育てしやすいまちづくり<\/a>/u,
      );
      assert.match(
        pillar.body,
        /<a href="\/plans\/431001-1\/items\/56">No\.56 ア\. 保育園の待機児童ゼロ<\/a>/u,
      );

      const withAreas = (await page(`${PLAN}/pillars/1`)).body;
      assert.match(withAreas, /<h2 id="below-heading">分野<\/h2>/u);
      assert.match(
        withAreas,
        /<a href="\/plans\/431001-1\/pillars\/1\/areas\/2">2\. 交通体系の再デザイン<\/a>/u,
      );

      const area = await page(`${PLAN}/pillars/1/areas/2`);
      assert.equal(area.status, 200);
      assert.match(area.body, /<h1>2\. 交通体系の再デザイン<\/h1>/u);
      assert.match(
        area.body,
        /<li><a href="\/plans\/431001-1\/pillars\/1">I\. [^<]+<\/a><\/li><li aria-current="page">2\. 交通体系の再デザイン<\/li>/u,
      );
      assert.match(
        area.body,
        /href="\/plans\/431001-1\/pillars\/1\/areas\/2\/categories\/3">③ 環境負荷の小さい交通体系の実現<\/a>/u,
      );

      const category = await page(`${PLAN}/pillars/1/areas/2/categories/3`);
      assert.equal(category.status, 200);
      assert.match(category.body, /<h1>③ 環境負荷の小さい交通体系の実現<\/h1>/u);
      assert.match(
        category.body,
        /<h3 id="item-37"><a href="\/plans\/431001-1\/items\/37">No\.37 ア\. 市電の利用促進<\/a><\/h3>/u,
      );
      assert.match(
        category.body,
        /<li id="measure-M0054"><a href="\/plans\/431001-1\/items\/37#measure-M0054">熊本駅東口駅前広場の整備<\/a> <span class="status">状況区分: <span class="status-badge" data-status="">未設定<\/span><\/span>/u,
      );

      const noAreas = await page(`${PLAN}/pillars/2/categories/2`);
      assert.equal(noAreas.status, 200);
      assert.match(
        noAreas.body,
        /<a href="\/plans\/431001-1\/items\/56#measure-M0082">保育所整備による待機児童の解消<\/a>/u,
      );
    });
  });

  it("shows the report view: the published table with its columns and every item's anchor", async () => {
    await withPlan(dialect, 1, async (page) => {
      const { status, body } = await page(`${PLAN}/report`);
      assert.equal(status, 200);
      assert.match(body, /<title>行程表・進捗状況（公表資料の形式）｜/u);
      assert.match(
        body,
        /<th scope="col" class="col-no">区分・No\.<\/th><th scope="col">項目<\/th><th scope="col" class="col-year">平成24年度<span class="gregorian">（2012年度）<\/span><\/th><th scope="col" class="col-year">平成25年度<span class="gregorian">（2013年度）<\/span><\/th><th scope="col">進捗状況<span class="gregorian">（平成25年9月末時点）<\/span><\/th>/u,
      );
      for (let n = 1; n <= 130; n++) assert.ok(body.includes(`id="item-${n}"`), `item ${n}`);
      assert.ok(body.includes('id="measure-M0082"'));
    });
  });

  it("answers an unknown item, pillar, area or category with a Japanese 404 and a way back to the plan", async () => {
    await withPlan(dialect, 1, async (page) => {
      for (const [url, message] of [
        [`${PLAN}/items/999`, "お探しの項目は、この計画にありません。"],
        [`${PLAN}/items/abc`, "お探しの項目は、この計画にありません。"],
        [`${PLAN}/pillars/9`, "お探しの柱・分野・区分は、この計画にありません。"],
        [`${PLAN}/pillars/1/categories/1`, "お探しの柱・分野・区分は、この計画にありません。"],
        [`${PLAN}/pillars/2/areas/1`, "お探しの柱・分野・区分は、この計画にありません。"],
        [
          `${PLAN}/pillars/1/areas/2/categories/99`,
          "お探しの柱・分野・区分は、この計画にありません。",
        ],
      ] as const) {
        const { status, body } = await page(url);
        assert.equal(status, 404, url);
        assert.match(body, /<html lang="ja">/u);
        assert.match(body, /<h1>ページが見つかりません<\/h1>/u, url);
        assert.ok(body.includes(`<p>${message}</p>`), url);
        assert.match(
          body,
          /<a href="\/plans\/431001-1">計画の概要に戻る（挑戦元年アクションプラン）<\/a>/u,
        );
      }
      assert.equal((await page("/plans/no-such-plan/items/1")).status, 404);
      assert.equal((await page(`${PLAN}/items/1?period=2099-01-01`)).status, 404);
    });
  });

  it("escapes narratives in the history diff and shows the frame in English when asked", async () => {
    await withPlan(dialect, 2, async (page, store) => {
      await store.db
        .updateTable("progress")
        .set({ narrative: '<img src=x onerror="alert(1)">完了' })
        .where("narrative", "=", "新設含む10ヶ所の保育所整備が完了")
        .execute();
      await bumpRevision(store.db);
      const { body } = await page(`${PLAN}/items/56?lang=en`);
      assert.match(body, /<html lang="en">/u);
      assert.match(body, /<h2 id="roadmap-heading">Roadmap<\/h2>/u);
      assert.match(body, /History by reporting period/u);
      assert.ok(!body.includes("<img src=x"));
      assert.ok(body.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
      assert.match(body, /<input type="hidden" name="lang" value="en">/u);
    });
  });
});
