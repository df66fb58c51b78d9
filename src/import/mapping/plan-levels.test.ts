import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { parse } from "csv-parse/sync";
import {
  DEEP_LEVEL_NAMES,
  deepPlanCsv,
  deepPlanMapping,
} from "../../../test/factories/deep-plan.ts";
import { pledgeListMapping, pledgeListTsv } from "../../../test/factories/mapped-sheets.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import type { ShinchokuError } from "../../domain/errors.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { loadMeasureDepartments } from "../../store/queries/measure-departments-query.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../../web/app.ts";
import { importReportBytes } from "../report-importer.ts";
import { importMappedSheet } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const ORG = { organization: { code: "431001", name: "熊本市" } };

it("refuses a mapping of seven levels above the measure, naming levels", () => {
  assert.throws(
    () => parseMapping(deepPlanMapping(7), "mapping.json"),
    (error: ShinchokuError) => error.location.field === "levels" && /6 つまで/u.test(error.message),
  );
  assert.doesNotThrow(() => parseMapping(deepPlanMapping(6), "mapping.json"));
});

async function importDeep(store: Store, depth: number) {
  return importMappedSheet(
    store,
    deepPlanCsv(depth),
    "plan.csv",
    parseMapping(deepPlanMapping(depth), "mapping.json"),
    ORG,
  );
}

async function treeOf(store: Store, slug: string): Promise<PlanTree> {
  return (await loadPlanTree(store.db, slug)) ?? assert.fail(`plan ${slug}`);
}

/** The depth of group nesting in a tree, counting the pillar. */
function groupDepth(tree: PlanTree): number {
  let depth = 0;
  for (let g = tree.pillars[0]; g; g = g.children[0]) depth++;
  return depth;
}

for (const depth of [5, 6]) {
  forEachStore(`a plan of ${depth} levels named by the plan`, (dialect) => {
    let store: Awaited<ReturnType<typeof freshStore>>;
    let slug: string;
    before(async () => {
      store = await freshStore(dialect);
      slug = (await importDeep(store, depth)).planSlug;
    });
    after(async () => store?.dispose());

    it("stores every level with its name, the groups nested as deep, and the measures under their items", async () => {
      const levels = await store.db
        .selectFrom("plan_level")
        .select(["key", "name"])
        .orderBy("position")
        .execute();
      assert.deepEqual(
        levels.map((l) => l.name),
        [...DEEP_LEVEL_NAMES.slice(0, depth), "取組"],
      );
      assert.deepEqual(
        levels.map((l) => l.key),
        [
          "pillar",
          ...Array.from({ length: depth - 3 }, () => "area"),
          "category",
          "item",
          "measure",
        ],
      );
      const tree = await treeOf(store, slug);
      assert.equal(groupDepth(tree), depth - 1);
      const last = DEEP_LEVEL_NAMES[depth - 1];
      const top = tree.pillars.map((p) => p.title);
      assert.deepEqual(top, ["基本目標 1", "基本目標 2"]);
      let group = tree.pillars[0];
      while (group?.children[0]) group = group.children[0];
      assert.deepEqual(
        group?.items.map((i) => [i.title, i.measures.map((m) => m.code)]),
        [
          [
            `${last} ${["1", ...Array.from({ length: depth - 1 }, () => "1")].join("-")}`,
            ["A-1", "A-2"],
          ],
        ],
      );
    });

    it("shows the deepest group's page, its breadcrumbs through every level, the item page and the report", async () => {
      const app = createApp(store);
      const areas = Array.from({ length: depth - 3 }, () => "/areas/1").join("");
      const res = await app.request(`/plans/${slug}/pillars/1${areas}/categories/1`);
      assert.equal(res.status, 200);
      const page = await res.text();
      const names = DEEP_LEVEL_NAMES.slice(0, depth - 1);
      for (const [i, name] of names.entries()) {
        const path = ["1", ...Array.from({ length: i }, () => "1")].join("-");
        assert.ok(page.includes(`${name} ${path}`), `${name} in the page`);
      }
      assert.ok(page.includes("防災訓練の実施"));
      const number = "1".repeat(depth);
      const item = await app.request(`/plans/${slug}/items/${number}`);
      assert.equal(item.status, 200);
      assert.ok((await item.text()).includes("年2回実施した"));
      const report = await (await app.request(`/plans/${slug}/report`)).text();
      for (const text of ["防災訓練の実施", "避難所の整備", "商店街の支援", "補助金を交付した"])
        assert.ok(report.includes(text), `${text} in the report`);
      const missing = await app.request(`/plans/${slug}/pillars/1${areas}/areas/9/categories/1`);
      assert.equal(missing.status, 404);
    });

    it("serves the overview, the measure list filtered by the deepest group, the search and every download", async () => {
      const app = createApp(store);
      const ok = async (path: string) => {
        const res = await app.request(path);
        assert.equal(res.status, 200, path);
        return res;
      };
      assert.ok((await (await ok(`/plans/${slug}`)).text()).includes("基本目標 2"));
      const key = Array.from({ length: depth - 1 }, () => "1").join("-");
      const list = await (await ok(`/plans/${slug}/measures?category=${key}`)).text();
      assert.ok(list.includes("防災訓練の実施"));
      assert.ok(!list.includes("商店街の支援"), "only the measures of that group");
      const search = await (
        await ok(`/plans/${slug}/search?q=${encodeURIComponent("避難所")}`)
      ).text();
      assert.ok(
        search.includes("<mark>避難所</mark>の整備"),
        "the measure found, its match marked",
      );
      for (const name of ["measures.csv", "roadmap.csv", "plan.json", "plan.xlsx", "report.pdf"])
        await ok(`/plans/${slug}/${name}`);
      const csv = await (await ok(`/plans/${slug}/measures.csv`)).text();
      assert.ok(csv.includes("危機管理課"), "the public CSV names the departments");
    });

    it("exports the measures CSV with a number and a name column per level and the 担当課", async () => {
      const tree = await treeOf(store, slug);
      const csv = measuresCsv(tree, {
        departments: await loadMeasureDepartments(store.db, tree.id, ["A-1", "A-2", "B-1"]),
      });
      const [header, first] = parse(csv.replace(/^\uFEFF/u, "")) as string[][];
      const groups = DEEP_LEVEL_NAMES.slice(0, depth - 1);
      const item = DEEP_LEVEL_NAMES[depth - 1];
      assert.deepEqual(header?.slice(4), [
        ...groups.flatMap((n) => [`${n}番号`, n]),
        `${item}番号`,
        item,
        "取組ID",
        "取組",
        "進捗状況",
        "状況区分",
        "状況区分の判定",
        "担当課",
      ]);
      assert.deepEqual(first?.slice(4, 4 + 2 * groups.length), [
        ...groups.flatMap((n, i) => [
          "1",
          `${n} ${["1", ...Array.from({ length: i }, () => "1")].join("-")}`,
        ]),
      ]);
      assert.equal(first?.at(-1), "危機管理課");
    });

    it("gives the same plan JSON after export → import into an empty store → export", async () => {
      const tree = await treeOf(store, slug);
      const json = planJson(tree);
      const second = await freshStore(dialect);
      try {
        const { planSlug } = await importReportBytes(
          second,
          new TextEncoder().encode(json),
          "plan.json",
          { planSlug: slug },
        );
        assert.equal(planJson(await treeOf(second, planSlug)), json);
      } finally {
        await second.dispose();
      }
    });
  });
}

forEachStore("a level printed without numbers", (dialect) => {
  it("is known by its title in a later period, wherever its rows now stand", async () => {
    const store = await freshStore(dialect);
    try {
      const first = pledgeListTsv();
      // The same list a year later, its rows in another order: しごと now comes first.
      const lines = new TextDecoder().decode(first).split("\n");
      const later = new TextEncoder().encode(
        [lines[0], lines[4], ...lines.slice(1, 4), ""].join("\n"),
      );
      const mapping = (asOf: string) =>
        parseMapping({ ...pledgeListMapping(), plan: { title: "知事公約の評価", asOf } }, "m.json");
      const { planSlug } = await importMappedSheet(
        store,
        first,
        "pledges.tsv",
        mapping("2018-03-31"),
        ORG,
      );
      await importMappedSheet(store, later, "pledges.tsv", mapping("2019-03-31"), ORG);
      const groups = await store.db.selectFrom("plan_group").select(["title", "number"]).execute();
      assert.deepEqual(groups.map((g) => g.title).sort(), ["くらし", "しごと"]);
      assert.equal(new Set(groups.map((g) => g.number)).size, 2, "numbers tell them apart");
      const res = await createApp(store).request(`/plans/${planSlug}`);
      assert.equal(res.status, 200);
    } finally {
      await store.dispose();
    }
  });
});
