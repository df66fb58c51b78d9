import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, modelReportText } from "../../../test/factories/model-report.ts";
import { forEachStore, type StoreSeed, seededStore } from "../../../test/store-targets.ts";
import { importReportBytes } from "../../import/report-importer.ts";
import type { Store } from "../store.ts";
import { searchMeasures } from "./measure-search.ts";

/** The model report with one title written 子供 (the report itself writes 子ども and こども). */
const variantsSeed: StoreSeed<{ planSlug: string }> = {
  name: "search-variants",
  build: async (store) => {
    const text = modelReportText().replace("子ども医療費助成の拡大", "子供医療費助成の拡大");
    const { planSlug } = await importReportBytes(
      store,
      new TextEncoder().encode(text),
      "kumamoto-variants.txt",
      { organization: KUMAMOTO },
    );
    return { planSlug };
  },
};

async function titles(store: Store, query: string, planSlug?: string) {
  const found = await searchMeasures(store, {
    query,
    limit: 100,
    ...(planSlug ? { planSlug } : {}),
  });
  assert.ok(found);
  return found.results.map((r) => r.measureTitle);
}

forEachStore("search with notational variants", (dialect) => {
  it("finds 障がい者 for 障害者, in the plan's search and in the national search, leaving the stored text as written", async () => {
    const { store, value } = await seededStore(dialect, variantsSeed);
    try {
      for (const planSlug of [value.planSlug, undefined]) {
        const found = await titles(store, "障害者", planSlug);
        assert.ok(found.includes("障がい者への就労支援の推進"), found.join("、"));
        assert.ok(found.includes("障がい者住宅整備への支援"), found.join("、"));
      }
      const result = (await searchMeasures(store, { planSlug: value.planSlug, query: "障害者" }))
        ?.results[0];
      assert.ok(result?.measureTitle.includes("障がい者"), "shown as the city wrote it");
      assert.ok((result?.titleMatches.length ?? 0) > 0, "the variant is marked as a match");
    } finally {
      await store.dispose();
    }
  });

  it("finds 子供 and こども for 子ども, and 子ども for 子供, on both searches", async () => {
    const { store, value } = await seededStore(dialect, variantsSeed);
    try {
      for (const planSlug of [value.planSlug, undefined]) {
        const found = await titles(store, "子ども", planSlug);
        assert.ok(found.includes("子供医療費助成の拡大"), `子供: ${found.join("、")}`);
        assert.ok(found.includes("こどもセンター設置による子どもの成長支援"), "こども");
        assert.ok(found.includes("子どもを守る地域ネットワークの機能強化"), "子ども");
        const reverse = await titles(store, "子供", planSlug);
        assert.ok(reverse.includes("子どもを守る地域ネットワークの機能強化"), "子供 → 子ども");
      }
    } finally {
      await store.dispose();
    }
  });

  it("reads 保育所 as 保育園 only where the plan opts in", async () => {
    const { store, value } = await seededStore(dialect, variantsSeed);
    try {
      const onlyNursery = "基幹型児童発達支援事業の実施";
      const before = await titles(store, "保育所", value.planSlug);
      assert.ok(!before.includes(onlyNursery), "its progress says 保育園 only");
      await store.db
        .updateTable("plan")
        .set({ search_variants: JSON.stringify(["nursery"]) })
        .where("slug", "=", value.planSlug)
        .execute();
      const after = await titles(store, "保育所", value.planSlug);
      assert.ok(after.includes(onlyNursery), after.join("、"));
      assert.ok(after.length > before.length);
      // The national search spans plans that did not opt in: it keeps them apart.
      assert.ok(!(await titles(store, "保育所")).includes(onlyNursery));
    } finally {
      await store.dispose();
    }
  });
});
