import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { deepPlanCsv, deepPlanMapping } from "../../test/factories/deep-plan.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import { effectiveTitle } from "../domain/title-revision.ts";
import { measuresCsv } from "../export/measures-csv.ts";
import { planJson } from "../export/plan-json.ts";
import { importMappedSheet } from "../import/mapping/mapped-sheet-importer.ts";
import { parseMapping } from "../import/mapping/mapping-schema.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { createApp } from "../web/app.ts";

const ORG = { organization: { code: "431001", name: "熊本市" } };
const FIRST = "2024-03-31";
const SECOND = "2025-03-31";

/** The same sheet a year later, the city having renamed a 政策 (a group), a 施策 (an item) and a measure. */
function renamed(): Uint8Array {
  const text = new TextDecoder()
    .decode(deepPlanCsv(3))
    .replaceAll("政策 1-1", "安全な暮らしの政策")
    .replaceAll("施策 1-1-1", "地域防災力の強化")
    .replaceAll("防災訓練の実施", "総合防災訓練の実施");
  return new TextEncoder().encode(text);
}

it("takes the latest revision up to a date, or the earliest for a date before all of them", () => {
  const revisions = [
    { asOf: "2025-03-31", title: "新" },
    { asOf: "2024-03-31", title: "旧" },
  ];
  assert.equal(effectiveTitle(revisions, "2024-12-31"), "旧");
  assert.equal(effectiveTitle(revisions, "2025-03-31"), "新");
  assert.equal(effectiveTitle(revisions, "2023-03-31"), "旧");
  assert.equal(effectiveTitle([], "2025-03-31"), null);
});

forEachStore("titles versioned per reporting period", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let slug: string;
  const tree = async (asOf: string): Promise<PlanTree> =>
    (await loadPlanTree(store.db, slug, asOf)) ?? assert.fail(`period ${asOf}`);
  before(async () => {
    store = await freshStore(dialect);
    const mapping = (asOf: string) => parseMapping(deepPlanMapping(3, asOf), "mapping.json");
    slug = (await importMappedSheet(store, deepPlanCsv(3), "plan.csv", mapping(FIRST), ORG))
      .planSlug;
    await importMappedSheet(store, renamed(), "plan.csv", mapping(SECOND), ORG);
  });
  after(async () => store?.dispose());

  it("exports each period with the titles it was published with, in the CSV and the JSON", async () => {
    const first = await tree(FIRST);
    const second = await tree(SECOND);
    const csv1 = measuresCsv(first);
    const csv2 = measuresCsv(second);
    for (const old of ["政策 1-1", "施策 1-1-1", "防災訓練の実施"])
      assert.ok(csv1.includes(old), old);
    for (const renamedTitle of ["安全な暮らしの政策", "地域防災力の強化", "総合防災訓練の実施"]) {
      assert.ok(!csv1.includes(renamedTitle), `${renamedTitle} not in the first period`);
      assert.ok(csv2.includes(renamedTitle), `${renamedTitle} in the second period`);
    }
    assert.ok(!csv2.includes(",防災訓練の実施,"), "the old title is gone from the second period");
    const json1 = JSON.parse(planJson(first));
    const json2 = JSON.parse(planJson(second));
    const area = (json: {
      pillars: Array<{
        children: Array<{
          title: string;
          items: Array<{ title: string; measures: Array<{ title: string }> }>;
        }>;
      }>;
    }) => {
      const a = json.pillars[0]?.children[0];
      return [a?.title, a?.items[0]?.title, a?.items[0]?.measures[0]?.title];
    };
    assert.deepEqual(area(json1), ["政策 1-1", "施策 1-1-1", "防災訓練の実施"]);
    assert.deepEqual(area(json2), ["安全な暮らしの政策", "地域防災力の強化", "総合防災訓練の実施"]);
  });

  it("keeps one row per group, item and measure, holding the latest period's title", async () => {
    const measures = await store.db.selectFrom("measure").select(["code", "title"]).execute();
    assert.equal(measures.length, 3);
    assert.equal(measures.find((m) => m.code === "A-1")?.title, "総合防災訓練の実施");
    const groups = await store.db.selectFrom("plan_group").select("title").execute();
    assert.equal(groups.length, 4);
    const revisions = await store.db.selectFrom("title_revision").select("title").execute();
    assert.deepEqual(
      revisions.map((r) => r.title).sort(),
      [
        "地域防災力の強化",
        "安全な暮らしの政策",
        "総合防災訓練の実施",
        "施策 1-1-1",
        "政策 1-1",
        "防災訓練の実施",
      ].sort(),
    );
  });

  it("shows an earlier period's pages with the titles it was published with", async () => {
    const app = createApp(store);
    const old = await (await app.request(`/plans/${slug}/items/111?period=${FIRST}`)).text();
    assert.ok(old.includes("防災訓練の実施"));
    assert.ok(!old.includes("総合防災訓練の実施"));
    assert.ok(old.includes("政策 1-1"), "the breadcrumbs name the 政策 as it was");
    const now = await (await app.request(`/plans/${slug}/items/111`)).text();
    assert.ok(now.includes("総合防災訓練の実施"));
    assert.ok(now.includes("安全な暮らしの政策"));
  });

  it("names an earlier period's search results by the titles it published", async () => {
    const app = createApp(store);
    const q = encodeURIComponent("防災");
    const old = await (await app.request(`/plans/${slug}/search?q=${q}&period=${FIRST}`)).text();
    assert.ok(old.includes("<mark>防災</mark>訓練の実施"), "the measure as it was");
    assert.ok(!old.includes("総合"), "not as it is now");
    const now = await (await app.request(`/plans/${slug}/search?q=${q}`)).text();
    assert.ok(now.includes("総合<mark>防災</mark>訓練の実施"));
  });

  it("changes no title when the same spelling comes again", async () => {
    const kept = await store.db.selectFrom("title_revision").select("id").execute();
    await importMappedSheet(
      store,
      renamed(),
      "plan.csv",
      parseMapping(deepPlanMapping(3, "2026-03-31"), "mapping.json"),
      ORG,
    );
    const now = await store.db.selectFrom("title_revision").select("id").execute();
    assert.equal(now.length, kept.length);
  });
});
