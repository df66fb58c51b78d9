import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { freshStore } from "../../test/store-targets.ts";
import { bumpRevision } from "../commands/revision-bumper.ts";
import { importReportFile } from "../import/report-importer.ts";
import { createApp } from "./app.ts";
import { jsonLogger } from "./logging/json-logger.ts";

describe("the public plan page", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: ReturnType<typeof createApp>;
  let slug: string;
  before(async () => {
    store = await freshStore("sqlite");
    slug = (await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO })).planSlug;
    app = createApp(store);
  });
  after(() => store.dispose());

  it("lists the imported plan on the home page, under its organization", async () => {
    const res = await app.request("/");
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.match(
      body,
      new RegExp(
        `<a href="/orgs/431001">熊本市</a></h3>\\s*<ul class="organization-plans"><li><a href="/plans/${slug}">挑戦元年アクションプラン</a>`,
        "u",
      ),
    );
  });

  it("shows the report table with the as-of date in 和暦 and 西暦, every item and the roadmap years", async () => {
    const res = await app.request(`/plans/${slug}/report`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/u);
    const body = await res.text();
    assert.match(body, /<html lang="ja">/u);
    assert.match(body, /平成25年9月末時点、<time datetime="2013-09-30">2013-09-30<\/time>/u);
    assert.match(body, /平成24年度<span class="gregorian">（2012年度）<\/span>/u);
    for (let n = 1; n <= 130; n++) assert.ok(body.includes(`id="item-${n}"`), `item ${n}`);
    assert.match(body, /保育所整備による待機児童の解消/u);
    assert.match(body, /新設含む10ヶ所の保育所整備を実施中/u);
  });

  it("links a re-listing to its original measure", async () => {
    const body = await (await app.request(`/plans/${slug}/report`)).text();
    const relisting =
      /熊本駅東口駅前広場の整備 <a class="relisting" href="#measure-(M\d+)">再掲: No\.31<\/a>/u.exec(
        body,
      );
    assert.ok(relisting, "the re-listing under No.37 links to No.31");
    assert.ok(body.includes(`id="measure-${relisting[1]}"`));
  });

  it("gives ⇒ its continued activity as text beside it (for screen readers, keyboard and mouse alike)", async () => {
    const body = await (await app.request(`/plans/${slug}/report`)).text();
    assert.match(
      body,
      /<span class="continued-mark" aria-hidden="true" title="前年度から継続: 保育所整備">⇒<\/span><span class="continued-note">前年度から継続: 保育所整備<\/span>/u,
    );
  });

  it("escapes text from the store: the seed's HTML fragments are shown as text, never as markup", async () => {
    await store.db
      .updateTable("measure")
      .set({ title: '<script>alert("x")</script>&' })
      .where("code", "=", "M0001")
      .execute();
    await bumpRevision(store.db); // every write moves the data revision on, or the page stays cached
    const body = await (await app.request(`/plans/${slug}/report`)).text();
    assert.ok(!body.includes("<script>alert"));
    assert.ok(body.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;"));
  });

  it("sends a Content-Security-Policy that allows no script", async () => {
    const res = await app.request(`/plans/${slug}`);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'none'/u);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });

  it("serves the open-data CSV and JSON of the plan", async () => {
    const csv = await app.request(`/plans/${slug}/measures.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /text\/csv/u);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with BOM");
    assert.ok(new TextDecoder().decode(bytes).startsWith("全国地方公共団体コード"));
    const json = (await (await app.request(`/plans/${slug}/plan.json`)).json()) as {
      plan: { title: string };
    };
    assert.equal(json.plan.title, "挑戦元年アクションプラン");
  });

  it("shows the page frame in English when asked, keeping the content as written", async () => {
    const body = await (await app.request(`/plans/${slug}/report?lang=en`)).text();
    assert.match(body, /<html lang="en">/u);
    assert.match(body, /<th scope="col">Progress/u);
    assert.match(body, /保育所整備による待機児童の解消/u);
  });

  it("remembers the language in a cookie and goes back only to a page of this site", async () => {
    const res = await app.request("/language?lang=en&next=%2Fplans%2Fx");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/plans/x");
    assert.match(res.headers.get("set-cookie") ?? "", /lang=en;.*HttpOnly/u);
    for (const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const away = await app.request(`/language?lang=en&next=${encodeURIComponent(next)}`);
      assert.equal(away.headers.get("location"), "/", next);
    }
  });

  it("goes back from the language switch to this site whatever the next hides (tab, backslash, CR, LF, NUL), never with a 500", async () => {
    const tricks: [string, string][] = [
      ["%2F%09%2Fevil.example%2F", "/"],
      ["/%09/evil.example/", "/"],
      ["/%09%5Cevil.example", "/"],
      ["%5C%5Cevil.example", "/"],
      ["/.//evil.example", "/"],
      ["http:evil.example", "/"],
      ["/%0D%0ASet-Cookie:%20a=b", "/Set-Cookie:%20a=b"],
      ["/%0ASet-Cookie:a=b", "/Set-Cookie:a=b"],
      ["/%00Set-Cookie:a=b", "/%00Set-Cookie:a=b"],
      ["/%0BSet-Cookie:a=b", "/%0BSet-Cookie:a=b"],
    ];
    for (const [next, location] of tricks) {
      const res = await app.request(`/language?lang=en&next=${next}`);
      assert.equal(res.status, 303, next);
      assert.equal(res.headers.get("location"), location, next);
      assert.doesNotMatch(res.headers.get("set-cookie") ?? "", /a=b/u, next);
    }
  });

  it("answers an unknown plan with a Japanese 404 page and a way back", async () => {
    const res = await app.request("/plans/no-such-plan");
    assert.equal(res.status, 404);
    const body = await res.text();
    assert.match(body, /ページが見つかりません/u);
    assert.match(body, /<a href="\/">計画の一覧に戻る<\/a>/u);
    assert.equal((await app.request("/nowhere")).status, 404);
  });
});

describe("the error pages", () => {
  it("answers a server error with a page titled 「エラーが発生しました」, never 「ページが見つかりません」", async () => {
    const store = await freshStore("sqlite");
    const lines: string[] = [];
    const app = createApp(store, { logger: jsonLogger("error", (line) => lines.push(line)) });
    await store.dispose(); // every read now fails
    for (const [path, title] of [
      ["/", "<title>エラーが発生しました｜"],
      ["/?lang=en", "<title>An error occurred｜"],
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, 500, path);
      const body = await res.text();
      assert.ok(body.includes(title), path);
      assert.doesNotMatch(body, /ページが見つかりません|Page not found/u, path);
    }
    assert.equal(lines.length, 2, "each error logged");
  });

  it("titles a 404 「ページが見つかりません」", async () => {
    const store = await freshStore("sqlite");
    try {
      const res = await createApp(store).request("/nowhere");
      assert.equal(res.status, 404);
      assert.match(await res.text(), /<title>ページが見つかりません｜/u);
    } finally {
      await store.dispose();
    }
  });
});
