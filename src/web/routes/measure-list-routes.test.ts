import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { type staffedPlan, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { assignDepartment } from "../../commands/departments/department-assigner.ts";
import { addMeasure } from "../../commands/structure/measure-adder.ts";
import { retireMeasure } from "../../commands/structure/measure-retirer.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

const NURSERY = "保育所整備による待機児童の解消";

forEachStore("the measure list page", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let path: string;
  let originals: number;
  let nurseryCode: string;

  before(async () => {
    store = await freshStore(dialect);
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
    await clearSuggestedStatuses(store);
    path = `/plans/${planSlug}/measures`;
    const nursery = await store.db
      .selectFrom("measure")
      .select(["id", "code"])
      .where("title", "=", NURSERY)
      .executeTakeFirstOrThrow();
    nurseryCode = nursery.code;
    await store.db
      .updateTable("progress")
      .set({ status_code: "completed" })
      .where("measure_id", "=", nursery.id)
      .execute();
    const count = await store.db
      .selectFrom("measure")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("relisting_of_measure_id", "is", null)
      .executeTakeFirstOrThrow();
    originals = Number(count.n);
    app = createApp(store);
  });
  after(() => store?.dispose());

  const get = async (url: string) => {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    return res.text();
  };
  /** The rows of the result table, for comparing two pages. */
  const tableOf = (body: string) => /<tbody>[\s\S]*<\/tbody>/u.exec(body)?.[0] ?? "";

  it("shows the result count, the first 50 measures in item order, and links to the other pages", async () => {
    const body = await get(path);
    const pages = Math.ceil(originals / 50);
    assert.ok(body.includes(`${originals}件のうち 1〜50件目を表示（1／${pages}ページ）`));
    assert.equal(tableOf(body).match(/<tr>/gu)?.length, 50);
    assert.match(
      body,
      new RegExp(
        `<a href="${path.replace("/measures", "")}/items/1#measure-M0001">No\\.1 ア\\. `,
        "u",
      ),
    );
    assert.match(body, new RegExp(`<a href="${path}\\?page=2" rel="next">次のページ</a>`, "u"));
    assert.match(
      body,
      /<a href="[^"]*\?page=1" aria-current="page"|<a href="[^"]*measures" aria-current="page"/u,
    );
    assert.match(body, /<td class="col-status" data-label="状況区分">未設定<\/td>/u);
    assert.match(
      body,
      /<label for="f-status">状況区分<\/label><select id="f-status" name="status">/u,
    );
    assert.match(body, /<th scope="row" class="measure-title">/u);
  });

  it("filters by status, keeps the choice in the form and links the row to its item's page", async () => {
    const body = await get(`${path}?status=completed`);
    assert.ok(body.includes("1件のうち 1〜1件目を表示（1／1ページ）"));
    assert.match(body, /<option value="completed" selected>完了<\/option>/u);
    assert.ok(
      body.includes(`/items/56#measure-${nurseryCode}">No.56 ア. 保育園の待機児童ゼロ</a>`),
    );
    assert.match(
      body,
      new RegExp(`${NURSERY}</th>\\s*<td class="col-status" data-label="状況区分">完了</td>`, "u"),
    );
    assert.ok(body.includes("新設含む10ヶ所の保育所整備が完了"));
    assert.ok(!body.includes('class="pagination"'), "one page needs no page links");
  });

  it("shows an earlier period's progress and keeps that period in the links to item pages", async () => {
    const body = await get(`${path}?period=2013-09-30&category=2-2`);
    assert.match(
      body,
      /<option value="2013-09-30" selected>平成25年9月末（2013年9月30日）<\/option>/u,
    );
    assert.ok(body.includes("平成25年9月末（2013年9月30日）時点の進捗状況"));
    assert.ok(body.includes("新設含む10ヶ所の保育所整備を実施中"));
    assert.ok(body.includes(`/items/56?period=2013-09-30#measure-${nurseryCode}"`));
  });

  it("marks 変更あり against an earlier period and keeps the filters in the page links", async () => {
    const body = await get(`${path}?since=2013-09-30&sort=changed`);
    assert.match(body, /<th scope="col">変更<\/th>/u);
    const first = /<tbody><tr>[\s\S]*?<\/tr>/u.exec(body)?.[0] ?? "";
    assert.match(first, /<strong class="changed-mark">変更あり<\/strong>/u);
    // The nursery's text, the new measure, and the marathon's revised roadmap cell.
    assert.equal(tableOf(body).match(/変更あり/gu)?.length, 3);
    assert.ok(body.includes(`href="${path}?since=2013-09-30&amp;sort=changed&amp;page=2"`));
    const changedOnly = await get(`${path}?since=2013-09-30&changed=1`);
    assert.ok(changedOnly.includes("3件のうち 1〜3件目"));
  });

  it("shows re-listings as rows marked 再掲 with their original's number when asked", async () => {
    const without = await get(`${path}?category=1-2-3`);
    const withRelistings = await get(`${path}?category=1-2-3&relistings=1`);
    assert.ok(!without.includes("relisting-mark"), "left out by default");
    assert.match(
      withRelistings,
      /熊本駅東口駅前広場の整備 <span class="relisting-mark">再掲（No\.31）<\/span><\/th>/u,
    );
    assert.equal(
      tableOf(withRelistings).match(/<tr>/gu)?.length,
      (tableOf(without).match(/<tr>/gu)?.length ?? 0) + 1,
    );
    assert.match(
      withRelistings,
      /<input type="checkbox" id="f-relistings" name="relistings" value="1" checked>/u,
    );
    // A re-listed item has no number: its rows lead to the original on the original's item page.
    let all = "";
    for (let page = 1; page <= 4; page++) all += await get(`${path}?relistings=1&page=${page}`);
    assert.match(all, /\/items\/38#measure-M\d+">イ\. 公用車のカーシェアリングの導入<\/a>/u);
  });

  it("gives a normal page for bad parameters, with nothing of them in the markup", async () => {
    const plain = await get(path);
    for (const query of [
      "status=<script>alert(1)</script>",
      "status=%3Cscript%3Ealert(1)%3C%2Fscript%3E&category=%22%3E%3Cb%3Ex",
      "page=-1",
      "page=abc&dir=%22onfocus=",
      "sort=drop table",
      "sort=drop%20table;--&period=1' or '1'='1",
    ]) {
      const body = await get(`${path}?${query}`);
      assert.ok(!body.includes("<script"), query);
      assert.ok(!body.includes("<b>x"), query);
      assert.ok(!/onfocus=(?!%)/u.test(body), query);
      assert.ok(body.includes(`${originals}件のうち 1〜50件目`), query);
      assert.equal(tableOf(body), tableOf(plain), query);
    }
  });

  it("answers sorting by changes with no earlier period to compare with a 400 page: the error summary, the form as sent, the list by item", async () => {
    const plain = await get(path);
    for (const query of [
      "sort=changed",
      "sort=changed&dir=desc",
      // The form's own submission: every field, 比べない as an empty since.
      "period=2014-03-31&status=&pillar=&category=&figures=&since=&sort=changed&dir=asc",
      "since=&changed=1",
      "period=2013-09-30&since=2014-03-31&sort=changed",
    ]) {
      const res = await app.request(`${path}?${query}`);
      assert.equal(res.status, 400, query);
      const body = await res.text();
      assert.match(body, /<title>エラー：取組の一覧/u, query);
      assert.match(body, /<h2 id="error-summary-title">入力内容に問題があります<\/h2>/u, query);
      assert.match(body, /<a href="#f-since">「変更ありを先に」/u, query);
      assert.match(
        body,
        /<select id="f-since" name="since" aria-describedby="f-since-hint f-since-error" aria-invalid="true">/u,
        query,
      );
      if (query.includes("sort=changed"))
        assert.match(body, /<option value="changed" selected>/u, query);
      else assert.match(body, /id="f-changed" name="changed" value="1"(?! checked)/u, query);
      if (!query.includes("period=2013") && !query.includes("desc"))
        assert.equal(tableOf(body), tableOf(plain), query);
    }
    const english = await app.request(`${path}?sort=changed&lang=en`);
    assert.equal(english.status, 400);
    assert.match(await english.text(), /<title>Error: Measures/u);
  });

  it("answers an unknown plan with a 404 page", async () => {
    const res = await app.request("/plans/no-such-plan/measures");
    assert.equal(res.status, 404);
    assert.match(await res.text(), /お探しの計画は見つかりませんでした/u);
  });

  it("shows the frame in English when asked and keeps the language in the form and the links", async () => {
    const body = await get(`${path}?lang=en`);
    assert.match(body, /<html lang="en">/u);
    assert.ok(body.includes(`Showing 1–50 of ${originals} (page 1 of`));
    assert.ok(body.includes('<input type="hidden" name="lang" value="en">'));
    assert.ok(body.includes(`href="${path}?lang=en&amp;page=2"`));
    assert.ok(body.includes(NURSERY) || body.includes("No.1 ア."));
  });

  it("serves the page's stylesheet, allowed by the Content-Security-Policy", async () => {
    const res = await app.request("/assets/measure-list.css");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/css/u);
    assert.match(await res.text(), /min-height: 44px/u);
    assert.ok(
      (await get(path)).includes('<link rel="stylesheet" href="/assets/measure-list.css">'),
    );
  });
});

forEachStore("the measure list page's departments", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let path: string;
  let staffed: Awaited<ReturnType<typeof staffedPlan>>;
  const ids = new Map<string, number>();

  before(async () => {
    ({ store, value: staffed } = await seededStore(dialect, staffedPlanSeed));
    await clearSuggestedStatuses(store);
    const { planSlug } = staffed;
    path = `/plans/${planSlug}/measures`;
    for (const d of await store.db.selectFrom("department").select(["id", "name"]).execute())
      ids.set(d.name, d.id);
    const nursery = await store.db
      .selectFrom("measure")
      .select("id")
      .where("title", "=", NURSERY)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: "completed" })
      .where("measure_id", "=", nursery.id)
      .execute();
    app = createApp(store);
  });
  after(() => store?.dispose());

  const get = async (url: string) => {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    return res.text();
  };
  const tableOf = (body: string) => /<tbody>[\s\S]*<\/tbody>/u.exec(body)?.[0] ?? "";
  /** The 担当課 cell of each row. */
  const departmentsOf = (body: string) =>
    [...tableOf(body).matchAll(/<td data-label="担当課">([^<]*)<\/td>/gu)].map((m) => m[1]);

  it("shows a 担当課 column with the lead department, or 未設定", async () => {
    const body = await get(path);
    assert.match(
      body,
      /<th scope="col" class="col-status">状況区分<\/th><th scope="col">担当課<\/th>/u,
    );
    const cells = departmentsOf(body);
    assert.equal(cells.length, 50);
    assert.equal(cells[0], "未設定", "item 1 has no department yet");
    assert.ok(cells.includes("交通政策課"), "items 25–30 are on the first page");
  });

  it("filters by department in a labelled select, alone and with the status, and keeps the choice", async () => {
    const nursery = ids.get("保育幼稚園課");
    const plain = await get(path);
    assert.match(
      plain,
      /<label for="f-department">担当課<\/label><select id="f-department" name="department" aria-describedby="f-department-hint"><option value="" selected>すべて<\/option><option value="\d+">交通政策課<\/option><option value="\d+">保育幼稚園課<\/option><\/select>/u,
    );
    const alone = await get(`${path}?department=${nursery}`);
    assert.match(
      alone,
      new RegExp(`<option value="${nursery}" selected>保育幼稚園課</option>`, "u"),
    );
    const cells = departmentsOf(alone);
    assert.ok(cells.length > 0 && cells.every((c) => c === "保育幼稚園課"), `${cells}`);
    assert.ok(alone.includes(`${cells.length}件のうち 1〜${cells.length}件目を表示`));
    assert.ok(alone.includes(`/items/56#measure-`));

    const completed = await get(`${path}?department=${nursery}&status=completed`);
    assert.ok(completed.includes("1件のうち 1〜1件目を表示（1／1ページ）"));
    assert.match(
      completed,
      new RegExp(
        `${NURSERY}</th>\\s*<td class="col-status" data-label="状況区分">完了</td>\\s*<td data-label="担当課">保育幼稚園課</td>`,
        "u",
      ),
    );
    const none = await get(`${path}?department=${ids.get("交通政策課")}&status=completed`);
    assert.match(none, /該当する取組は0件です。/u);
  });

  it("sorts by department, and keeps the sort in the page links", async () => {
    const sorted = await get(`${path}?sort=department`);
    assert.match(sorted, /<option value="department" selected>担当課<\/option>/u);
    const cells = departmentsOf(sorted);
    assert.equal(cells[0], "交通政策課");
    assert.equal(cells.at(-1), "未設定");
    assert.ok(sorted.includes(`href="${path}?sort=department&amp;page=2"`));
    const desc = departmentsOf(await get(`${path}?sort=department&dir=desc`));
    assert.equal(desc[0], "未設定");

    const transport = ids.get("交通政策課");
    const filtered = await get(`${path}?department=${transport}&relistings=1&sort=title`);
    assert.ok(departmentsOf(filtered).every((c) => c === "交通政策課"));
    assert.ok(
      filtered.includes("relisting-mark"),
      "a re-listing follows its original's department",
    );
  });

  it("ignores a department the plan does not have", async () => {
    const plain = tableOf(await get(path));
    for (const department of ["99999", "abc", "-1", "%3Cb%3Ex"]) {
      const body = await get(`${path}?department=${department}`);
      assert.equal(tableOf(body), plain, department);
      assert.ok(!body.includes("<b>x"));
    }
  });

  // Last: it gives 交通政策課 more measures than fit on a page.
  it("keeps the department in the page links", async () => {
    await assignDepartment(store, staffed.staff.planner, {
      planSlug: staffed.planSlug,
      department: "交通政策課",
      itemNumbers: Array.from({ length: 60 }, (_, i) => i + 1),
      role: "contributor",
    });
    const transport = ids.get("交通政策課");
    const body = await get(`${path}?department=${transport}`);
    assert.match(body, /件のうち 1〜50件目を表示（1／2ページ）/u);
    assert.ok(body.includes(`href="${path}?department=${transport}&amp;page=2" rel="next"`));
    const second = await get(`${path}?department=${transport}&page=2`);
    assert.match(second, /件のうち 51〜/u);
  });
});

forEachStore("the measure list of a plan whose structure changed on the staff side", (dialect) => {
  it("lists a measure added in a period only once that period is published, and a retired one only in the periods before", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const nursery = await store.db
        .selectFrom("department")
        .select("id")
        .where("name", "=", "保育幼稚園課")
        .executeTakeFirstOrThrow();
      const app = createApp(store);
      // 保育幼稚園課's measures (items 56–58): one page.
      const list = async (query = "") =>
        (await app.request(`/plans/${planSlug}/measures?department=${nursery.id}${query}`)).text();
      const item = (number: number) =>
        store.db
          .selectFrom("item as i")
          .innerJoin("plan as p", "p.id", "i.plan_id")
          .select("i.id")
          .where("p.slug", "=", planSlug)
          .where("i.number", "=", number)
          .executeTakeFirstOrThrow();
      const retiring = await store.db
        .selectFrom("measure")
        .select(["id", "title"])
        .where("item_id", "=", (await item(57)).id)
        .where("relisting_of_measure_id", "is", null)
        .executeTakeFirstOrThrow();
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      await addMeasure(store, staff.planner, {
        planSlug,
        itemId: String((await item(56)).id),
        code: "",
        title: "休日保育の予約窓口",
        departmentId: String(nursery.id),
      });
      await retireMeasure(store, staff.planner, { planSlug, measureId: retiring.id });

      const open = await list();
      assert.doesNotMatch(open, /休日保育の予約窓口/u, "not public while its period is open");
      assert.ok(open.includes(retiring.title), "retiring is a draft too");

      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-15",
      });
      const published = await list();
      assert.match(published, /休日保育の予約窓口/u);
      assert.ok(!published.includes(retiring.title), "retired from its period on");
      const before = await list("&period=2013-09-30");
      assert.doesNotMatch(before, /休日保育の予約窓口/u, "not in the period before it");
      assert.ok(before.includes(retiring.title), "kept in the periods before");
    } finally {
      await store.dispose();
    }
  });
});
