import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { generateDataSet } from "../../generate/data-set-generator.ts";
import { createApp } from "../app.ts";

forEachStore("the national indicator page", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    store = await freshStore(dialect);
    await generateDataSet(store, {
      organizations: 3,
      plansPerOrganization: 1,
      periods: 2,
      seed: 4,
      fromYear: 2013,
      now: new Date("2024-04-01T00:00:00Z"),
    });
    app = createApp(store);
  });
  after(async () => {
    await store.dispose();
  });

  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, body: await response.text() };
  };

  it("offers a labelled search form that works without script before anything is asked", async () => {
    const { status, body } = await get("/indicators");
    assert.equal(status, 200);
    assert.match(body, /<form role="search" method="get" action="\/indicators"/u);
    assert.match(body, /<label for="indicator-q">指標名に含まれる言葉<\/label>/u);
    assert.match(body, /<select id="indicator-pref" name="pref">/u);
    assert.match(body, /探したい指標名の言葉を入力して/u);
    assert.doesNotMatch(body, /<script/u);
  });

  it("is linked from the national index and the national search", async () => {
    for (const path of ["/", "/search?q=%E4%BF%9D%E8%82%B2"]) {
      const { body } = await get(path);
      assert.match(body, /<a href="\/indicators">指標名で探す（全国の計画の指標）<\/a>/u, path);
    }
  });

  it("lists the matching indicators in a table with their organization, plan, owner and figures", async () => {
    const { status, body } = await get(`/indicators?q=${encodeURIComponent("率")}`);
    assert.equal(status, 200);
    assert.match(
      body,
      /<caption id="indicator-caption">指標名「率」の検索結果 1〜\d+件目<\/caption>/u,
    );
    assert.match(body, /<th scope="col">最新の実績値<\/th>/u);
    assert.match(
      body,
      /<th scope="row"><a href="\/plans\/\d{6}-1\/indicators">[^<]*<mark>率<\/mark>/u,
    );
    assert.match(body, /<a href="\/orgs\/\d{6}">/u);
    assert.match(body, /指標名に「率」を含む指標は[\d,]+件です/u);
  });

  it("narrows to a prefecture and keeps it chosen in the form", async () => {
    const org = await store.db
      .selectFrom("organization")
      .select("code")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    const pref = org.code.slice(0, 2);
    const { body } = await get(`/indicators?q=${encodeURIComponent("数")}&pref=${pref}`);
    assert.match(body, new RegExp(`<option value="${pref}" selected>`, "u"));
    const orgs = [...body.matchAll(/<a href="\/orgs\/(\d{6})">/gu)].map((m) => m[1] ?? "");
    assert.ok(orgs.length > 0);
    assert.ok(orgs.every((code) => code.startsWith(pref)));
  });

  it("answers a 1,000-character query, a bad prefecture and page, and markup with a page, not an error", async () => {
    const long = await get(
      `/indicators?q=${encodeURIComponent("率".repeat(1000))}&pref=zz&page=abc`,
    );
    assert.equal(long.status, 200);
    assert.match(long.body, /言葉が長すぎるため、先頭の200文字で検索しました/u);
    const markup = await get(`/indicators?q=${encodeURIComponent("<script>率")}&page=99999`);
    assert.equal(markup.status, 200);
    assert.doesNotMatch(markup.body, /<script>率/u);
    assert.match(markup.body, /&lt;script&gt;率/u);
  });

  it("speaks English on request, with the Japanese data marked as Japanese", async () => {
    const { status, body } = await get(`/indicators?q=${encodeURIComponent("率")}&lang=en`);
    assert.equal(status, 200);
    assert.match(body, /<html lang="en">/u);
    assert.match(body, /Indicators whose name holds “<span lang="ja">率<\/span>”/u);
    assert.match(body, /<th scope="row"><a href="[^"]+" lang="ja">/u);
    assert.match(body, /<input type="hidden" name="lang" value="en">/u);
  });

  it("answers the same search as JSON in the API, paged, and refuses a 1,001-character query with 400", async () => {
    const page = await get(`/indicators?q=${encodeURIComponent("率")}`);
    const total = /指標名に「率」を含む指標は([\d,]+)件/u.exec(page.body)?.[1]?.replaceAll(",", "");
    const res = await app.request(
      `/api/v1/indicators?q=${encodeURIComponent("率")}&per_page=3&page=2`,
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      total: number;
      page: number;
      items: Array<{ indicator: { name: string }; links: { indicator: string } }>;
    };
    assert.equal(String(body.total), total);
    assert.equal(body.page, 2);
    assert.equal(body.items.length, 3);
    assert.ok(body.items.every((i) => i.indicator.name.includes("率")));
    assert.ok(
      body.items.every((i) =>
        /^\/api\/v1\/plans\/\d{6}-1\/indicators\/I\d{4}$/u.test(i.links.indicator),
      ),
    );
    const long = await app.request(`/api/v1/indicators?q=${encodeURIComponent("率".repeat(1001))}`);
    assert.equal(long.status, 400);
  });
});
