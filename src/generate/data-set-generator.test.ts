import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { DEFAULT_INDICATOR_KINDS, DEFAULT_SCORE_BANDS } from "../domain/indicator.ts";
import { isOrganizationCode } from "../domain/organization-code.ts";
import { indexText } from "../domain/search-tokens.ts";
import { planJson } from "../export/plan-json.ts";
import { loadPlanIndicators } from "../store/queries/indicator-query.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { createApp } from "../web/app.ts";
import { generateDataSet } from "./data-set-generator.ts";

const OPTIONS = {
  organizations: 3,
  plansPerOrganization: 2,
  periods: 2,
  seed: 5,
  fromYear: 2013,
  now: new Date("2024-04-01T00:00:00Z"),
};

forEachStore("the national data set generator", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let other: Awaited<ReturnType<typeof freshStore>>;
  let summary: Awaited<ReturnType<typeof generateDataSet>>;

  before(async () => {
    [store, other] = await Promise.all([freshStore(dialect), freshStore(dialect)]);
    summary = await generateDataSet(store, OPTIONS);
    await generateDataSet(other, OPTIONS);
  });
  after(async () => {
    await Promise.all([store.dispose(), other.dispose()]);
  });

  const slugs = async () =>
    (await store.db.selectFrom("plan").select("slug").orderBy("slug").execute()).map((p) => p.slug);

  it("writes the same data for the same arguments: a sample plan exports byte for byte alike", async () => {
    const sample = (await slugs())[3] ?? "";
    const [a, b] = await Promise.all([
      loadPlanTree(store.db, sample),
      loadPlanTree(other.db, sample),
    ]);
    assert.ok(a && b);
    assert.equal(planJson(a), planJson(b));
    assert.equal(summary.plans, 6);
    assert.ok(summary.rows > summary.progressRows && summary.rowsPerSecond > 0);
  });

  it("stores organizations with valid codes in different prefectures and plans slugged {code}-{n}", async () => {
    const orgs = await store.db.selectFrom("organization").select(["code", "name"]).execute();
    assert.equal(orgs.length, 3);
    assert.ok(orgs.every((o) => isOrganizationCode(o.code)));
    assert.equal(new Set(orgs.map((o) => o.code.slice(0, 2))).size, 3);
    const expected = orgs.flatMap((o) => [`${o.code}-1`, `${o.code}-2`]).sort();
    assert.deepEqual(await slugs(), expected);
  });

  it("publishes every period and gives each original measure progress in each", async () => {
    const periods = await store.db
      .selectFrom("reporting_period")
      .select(["state", "as_of"])
      .execute();
    assert.equal(periods.length, 12);
    assert.ok(periods.every((p) => p.state === "published"));
    const originals = await store.db
      .selectFrom("measure")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("relisting_of_measure_id", "is", null)
      .executeTakeFirstOrThrow();
    const progress = await store.db
      .selectFrom("progress")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(progress.n), Number(originals.n) * 2);
    assert.equal(summary.progressRows, Number(progress.n));
  });

  it("keeps re-listings as references to a measure of the same plan, and stores figures", async () => {
    const relistings = await store.db
      .selectFrom("measure as m")
      .innerJoin("measure as o", "o.id", "m.relisting_of_measure_id")
      .select([
        "m.plan_id as plan",
        "o.plan_id as originalPlan",
        "o.relisting_of_measure_id as chain",
      ])
      .execute();
    assert.ok(relistings.length > 0);
    assert.ok(relistings.every((r) => r.plan === r.originalPlan && r.chain === null));
    const figures = await store.db
      .selectFrom("progress_figure")
      .innerJoin("progress", "progress.id", "progress_figure.progress_id")
      .select(["progress_figure.text", "progress.narrative"])
      .execute();
    assert.ok(figures.length > 0);
    assert.ok(figures.every((f) => f.narrative.includes(f.text)));
  });

  it("serves the overview, an item page and a search of a generated plan", async () => {
    const app = createApp(store);
    const slug = (await slugs())[0] ?? "";
    const overview = await app.request(`/plans/${slug}`);
    assert.equal(overview.status, 200);
    const item = await store.db
      .selectFrom("measure")
      .innerJoin("item", "item.id", "measure.item_id")
      .innerJoin("plan", "plan.id", "measure.plan_id")
      .select(["item.number", "measure.code", "measure.title"])
      .where("plan.slug", "=", slug)
      .where("measure.relisting_of_measure_id", "is", null)
      .orderBy("measure.code")
      .executeTakeFirstOrThrow();
    const page = await app.request(`/plans/${slug}/items/${item.number}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(`measure-${item.code}`, "u"));
    const search = await app.request(`/plans/${slug}/search?q=${encodeURIComponent(item.title)}`);
    assert.equal(search.status, 200);
    assert.ok(
      (await search.text()).includes(`/plans/${slug}/items/${item.number}#measure-${item.code}`),
    );
  });

  it("stores the indicators alike for the same arguments, with the plan's default kinds and score bands", async () => {
    const sample = (await slugs())[2] ?? "";
    const indicatorsOf = async (s: typeof store) => {
      const plan = await s.db
        .selectFrom("plan")
        .select("id")
        .where("slug", "=", sample)
        .executeTakeFirstOrThrow();
      return loadPlanIndicators(s.db, plan.id);
    };
    const [a, b] = await Promise.all([indicatorsOf(store), indicatorsOf(other)]);
    assert.ok(a.indicators.length > 0);
    assert.deepEqual(a, b);
    assert.deepEqual(a.kinds, [...DEFAULT_INDICATOR_KINDS]);
    assert.deepEqual(a.bands, [...DEFAULT_SCORE_BANDS]);
    const stored = await store.db
      .selectFrom("indicator")
      .select(["name", "name_grams", "measure_id", "group_id", "item_id"])
      .execute();
    assert.equal(summary.indicators, stored.length);
    assert.ok(stored.every((i) => i.name_grams === indexText(i.name)));
    assert.ok(stored.some((i) => i.group_id !== null) && stored.some((i) => i.measure_id !== null));
    assert.ok(stored.every((i) => i.item_id === null));
    const page = await createApp(store).request(`/plans/${sample}/indicators`);
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes(a.indicators[0]?.name ?? "?"));
  });

  it("refuses to generate the same organizations into a store that has them", async () => {
    await assert.rejects(generateDataSet(store, OPTIONS), (error: Error & { id?: string }) => {
      assert.equal(error.id, "conflict");
      assert.match(error.message, /団体コード \d{6} の団体が保存先にすでにあります/u);
      return true;
    });
  });
});
