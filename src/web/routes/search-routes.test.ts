import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { type staffedPlan, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { assignDepartment } from "../../commands/departments/department-assigner.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

const NURSERY = "保育所整備による待機児童の解消";

forEachStore("the search page", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let slug: string;
  let nurseryCode: string;

  before(async () => {
    store = await freshStore(dialect);
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    await clearSuggestedStatuses(store);
    nurseryCode = (
      await store.db
        .selectFrom("measure")
        .select("code")
        .where("title", "=", NURSERY)
        .executeTakeFirstOrThrow()
    ).code;
    app = createApp(store);
  });
  after(() => store.dispose());

  const get = async (query: string) => {
    const res = await app.request(`/plans/${slug}/search${query}`);
    return { status: res.status, body: await res.text() };
  };

  it("answers 保育 with a labelled search form, the count in text, and results linking to their items with the matches marked", async () => {
    const { status, body } = await get(`?q=${encodeURIComponent("保育")}`);
    assert.equal(status, 200);
    assert.match(body, /<title>「保育」の検索結果（6件）｜/u);
    assert.match(body, /<form role="search" method="get" action="\/plans\/[^"]+\/search"/u);
    assert.match(body, /<label for="search-q">キーワード<\/label>/u);
    assert.match(body, /<input type="search" id="search-q" name="q" value="保育"/u);
    assert.match(
      body,
      /<p class="result-count" id="result-count">「保育」に一致する取組は6件です/u,
    );
    assert.ok(
      body.includes(
        `<a href="/plans/${slug}/items/56#measure-${nurseryCode}"><mark>保育</mark>所整備による待機児童の解消</a>`,
      ),
    );
    assert.match(body, /新設含む10ヶ所の<mark>保育<\/mark>所整備を実施中/u);
    assert.equal(body.match(/<li class="search-result">/gu)?.length, 6);
    for (const label of ["状況区分", "柱", "区分", "年度"])
      assert.match(body, new RegExp(`<label for="search-[a-z]+">${label}</label>`, "u"));
  });

  it("asks for a query, without results or an error, when there is none", async () => {
    for (const query of ["", "?q=", "?q=%20%E3%80%80"]) {
      const { status, body } = await get(query);
      assert.equal(status, 200, query);
      assert.match(body, /探したい言葉を入力して「検索」を押してください。/u);
      assert.ok(!body.includes('class="search-results"'));
    }
  });

  it("answers a query of 1,000 characters, of symbols only, of SQL or of HTML with a sensible page and no markup injected", async () => {
    const long = await get(`?q=${encodeURIComponent("あ".repeat(1000))}`);
    assert.equal(long.status, 200);
    assert.match(long.body, /キーワードが長すぎるため、先頭の200文字で検索しました。/u);
    assert.match(long.body, /value="あ{200}"/u);
    assert.ok(!long.body.includes("あ".repeat(201)));

    const symbols = await get(`?q=${encodeURIComponent("!!!???")}`);
    assert.equal(symbols.status, 200);
    assert.match(
      symbols.body,
      /「!!!\?\?\?」には検索に使える文字（文字や数字）が含まれていません。/u,
    );

    const sqlText = await get(`?q=${encodeURIComponent("'; DROP TABLE measure; --")}`);
    assert.equal(sqlText.status, 200);
    assert.match(
      sqlText.body,
      /「&#39;; DROP TABLE measure; --」に一致する取組は見つかりませんでした。/u,
    );
    assert.equal((await get(`?q=${encodeURIComponent("保育")}`)).status, 200, "measure is there");

    const htmlText = await get(`?q=${encodeURIComponent('<script>alert(1)</script>"><b>')}`);
    assert.equal(htmlText.status, 200);
    assert.ok(!htmlText.body.includes("<script"), "no script element");
    assert.ok(!htmlText.body.includes("<b>"));
    assert.ok(
      htmlText.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;b&gt;"'),
    );
    assert.match(
      htmlText.body,
      /「&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;b&gt;」に一致する取組は見つかりませんでした。/u,
    );
  });

  it("combines the query with the filters, keeps them in the form, and ignores values the plan does not have", async () => {
    const pillarI = await get(`?q=${encodeURIComponent("保育")}&pillar=1`);
    assert.match(pillarI.body, /<option value="1" selected>I\. /u);
    assert.match(pillarI.body, /「保育」に一致する取組は見つかりませんでした。/u);

    const area = await get(`?q=${encodeURIComponent("市電")}&category=1-2&fy=2013`);
    assert.match(area.body, /<option value="1-2" selected>/u);
    assert.match(area.body, /<option value="2013" selected>平成25年度（2013年度）<\/option>/u);
    assert.ok(area.body.includes(`/items/29#measure-`));
    assert.ok(!area.body.includes(`/items/43#measure-`), "item 43 is in area 3");

    const unknown = await get(
      `?q=${encodeURIComponent("保育")}&pillar=99&status=bogus&category=9-9&fy=abc&period=2000-01-01&page=-3`,
    );
    assert.equal(unknown.status, 200);
    assert.match(unknown.body, /「保育」に一致する取組は6件です（1〜6件目を表示）。/u);
  });

  it("pages through many results with links that keep the query and the filters", async () => {
    const first = await get(`?q=${encodeURIComponent("実施")}&status=unset`);
    const total = Number(/は(\d+)件です（1〜20件目を表示）/u.exec(first.body)?.[1]);
    assert.ok(total > 20, `${total} results`);
    const next = /<a href="([^"]+)" rel="next">次の20件<\/a>/u.exec(first.body)?.[1];
    assert.ok(next);
    const url = new URL(next.replaceAll("&amp;", "&"), "http://localhost");
    assert.deepEqual(
      [url.searchParams.get("q"), url.searchParams.get("status"), url.searchParams.get("page")],
      ["実施", "unset", "2"],
    );
    const second = await get(url.search);
    assert.match(second.body, new RegExp(`は${total}件です（21〜`, "u"));
    assert.match(second.body, /<ol class="search-results" start="21"/u);
    assert.match(second.body, /rel="prev">前の20件<\/a>/u);
  });

  it("offers no department filter while no department is assigned, and shows 担当課 未設定", async () => {
    const { body } = await get(`?q=${encodeURIComponent("保育")}`);
    assert.ok(!body.includes('name="department"'));
    assert.match(body, /<span class="result-label">担当課：<\/span>未設定/u);
  });

  it("shows the frame in English when asked, and keeps English in the form", async () => {
    const { body } = await get(`?q=${encodeURIComponent("保育")}&lang=en`);
    assert.match(body, /<html lang="en">/u);
    assert.match(body, /Measures matching “<span lang="ja">保育<\/span>”: 6 \(showing 1–6\)\./u);
    assert.match(body, /<input type="hidden" name="lang" value="en">/u);
  });

  it("answers an unknown plan with the 404 page, and serves the page's stylesheet", async () => {
    const missing = await app.request("/plans/no-such-plan/search?q=a");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /お探しの計画は見つかりませんでした。/u);
    const css = await app.request("/assets/search.css");
    assert.equal(css.status, 200);
    assert.match(css.headers.get("content-type") ?? "", /text\/css/u);
    assert.match(await css.text(), /\.search-form/u);
  });
});

forEachStore("the search page's department filter", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let slug: string;
  const ids = new Map<string, number>();

  before(async () => {
    let staffed: Awaited<ReturnType<typeof staffedPlan>>;
    ({ store, value: staffed } = await seededStore(dialect, staffedPlanSeed));
    await clearSuggestedStatuses(store);
    slug = staffed.planSlug;
    // Enough measures for a second page of results: 交通政策課 contributes to items 1–24 too.
    await assignDepartment(store, staffed.staff.planner, {
      planSlug: slug,
      department: "交通政策課",
      itemNumbers: Array.from({ length: 24 }, (_, i) => i + 1),
      role: "contributor",
    });
    for (const d of await store.db.selectFrom("department").select(["id", "name"]).execute())
      ids.set(d.name, d.id);
    const nursery = await store.db
      .selectFrom("measure")
      .select("id")
      .where("title", "=", NURSERY)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: "in_progress" })
      .where("measure_id", "=", nursery.id)
      .execute();
    app = createApp(store);
  });
  after(() => store?.dispose());

  const get = async (query: string) => {
    const res = await app.request(`/plans/${slug}/search${query}`);
    assert.equal(res.status, 200, query);
    return res.text();
  };
  const q = `?q=${encodeURIComponent("保育")}`;

  it("offers the plan's departments in a labelled select and shows each result's lead department", async () => {
    const body = await get(q);
    assert.match(body, /<label for="search-department">担当課<\/label>/u);
    assert.match(
      body,
      /<select id="search-department" name="department" aria-describedby="search-department-hint"><option value="" selected>すべて<\/option><option value="\d+">交通政策課<\/option><option value="\d+">保育幼稚園課<\/option><\/select>/u,
    );
    assert.match(body, /<p class="hint" id="search-department-hint">/u);
    assert.equal(
      body.match(/<span class="result-label">担当課：<\/span>保育幼稚園課/gu)?.length,
      5,
    );
    assert.equal(body.match(/<span class="result-label">担当課：<\/span>未設定/gu)?.length, 1);
  });

  it("narrows the query by department, alone and with the status, and keeps the choice", async () => {
    const nursery = ids.get("保育幼稚園課");
    const transport = ids.get("交通政策課");
    const alone = await get(`${q}&department=${nursery}`);
    assert.match(alone, /「保育」に一致する取組は5件です（1〜5件目を表示）。/u);
    assert.match(
      alone,
      new RegExp(`<option value="${nursery}" selected>保育幼稚園課</option>`, "u"),
    );
    assert.match(
      await get(`${q}&department=${transport}`),
      /「保育」に一致する取組は見つかりませんでした。/u,
    );
    const withStatus = await get(`${q}&department=${nursery}&status=in_progress`);
    assert.match(withStatus, /「保育」に一致する取組は1件です（1〜1件目を表示）。/u);
    assert.ok(withStatus.includes("<mark>保育</mark>所整備による待機児童の解消</a>"));
    assert.match(
      await get(`${q}&department=${nursery}&status=unset`),
      /「保育」に一致する取組は4件です/u,
    );
    assert.match(
      await get(`${q}&department=${transport}&status=in_progress`),
      /「保育」に一致する取組は見つかりませんでした。/u,
    );
  });

  it("ignores a department the plan does not have", async () => {
    for (const department of ["99999", "abc", "-1", "<b>"]) {
      const body = await get(`${q}&department=${encodeURIComponent(department)}`);
      assert.match(body, /「保育」に一致する取組は6件です（1〜6件目を表示）。/u, department);
      assert.match(
        body,
        /<option value="" selected>すべて<\/option><option value="\d+">交通政策課/u,
      );
      assert.ok(!body.includes("<b>"));
    }
  });

  it("keeps the department in the links to further pages", async () => {
    const transport = ids.get("交通政策課");
    const first = await get(`?q=${encodeURIComponent("の")}&department=${transport}`);
    const total = Number(/は(\d+)件です（1〜20件目を表示）/u.exec(first)?.[1]);
    assert.ok(total > 20, `${total} results`);
    const next = /<a href="([^"]+)" rel="next">/u.exec(first)?.[1] ?? "";
    const url = new URL(next.replaceAll("&amp;", "&"), "http://localhost");
    assert.deepEqual(
      [url.searchParams.get("department"), url.searchParams.get("page")],
      [String(transport), "2"],
    );
    assert.match(await get(url.search), new RegExp(`は${total}件です（21〜`, "u"));
  });
});
