import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, type StoreSeed, seededStore } from "../../../test/store-targets.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import type { Store } from "../store.ts";
import { reindexPlan } from "./search-indexer.ts";
import { findSimilarMeasures } from "./similar-measures.ts";

const CHIYODA = { code: "131016", name: "千代田区" };
const SAPPORO = { code: "011002", name: "札幌市" };
const TITLE = "保育所整備による待機児童の解消";
/** Sapporo words the measure its own way: alike, not the same. */
const SAPPORO_TITLE = "保育所の整備で待機児童を解消";

/** The model plan for Kumamoto and Chiyoda, and Sapporo's with one measure reworded. */
const threeCities: StoreSeed<Record<string, string>> = {
  name: "similar-measures-three-cities",
  build: async (store) => {
    const slugs: Record<string, string> = {};
    for (const organization of [KUMAMOTO, CHIYODA])
      slugs[organization.code] = (
        await importReportFile(store, MODEL_REPORT_PATH, { organization })
      ).planSlug;
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(MODEL_REPORT_PATH, "utf8").replace(TITLE, SAPPORO_TITLE);
    slugs[SAPPORO.code] = (
      await importReportBytes(store, new TextEncoder().encode(text), "sapporo.txt", {
        organization: SAPPORO,
      })
    ).planSlug;
    return slugs;
  },
};

async function codeOf(store: Store, slug: string, title: string): Promise<string> {
  const { rows } = await sql<{ code: string }>`SELECT m.code FROM measure m
    JOIN plan p ON p.id = m.plan_id WHERE p.slug = ${slug} AND m.title = ${title}
    AND m.relisting_of_measure_id IS NULL`.execute(store.db);
  assert.ok(rows[0], `${title} in ${slug}`);
  return rows[0].code;
}

forEachStore("similar measures in other organizations", (dialect) => {
  it("lists the most alike measures of other organizations' plans, each with its organization and status", async () => {
    const { store, value: slugs } = await seededStore(dialect, threeCities);
    try {
      const kumamoto = slugs[KUMAMOTO.code] ?? "";
      const chiyoda = slugs[CHIYODA.code] ?? "";
      const chiyodaCode = await codeOf(store, chiyoda, TITLE);
      await sql`UPDATE progress SET status_code = 'in_progress' WHERE measure_id =
        (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id
          WHERE p.slug = ${chiyoda} AND m.code = ${chiyodaCode})`.execute(store.db);
      // Sapporo's narrative suggests a status on import: clear it to see a measure without one.
      const sapporo = slugs[SAPPORO.code] ?? "";
      const sapporoCode = await codeOf(store, sapporo, SAPPORO_TITLE);
      await sql`UPDATE progress SET status_code = NULL, status_suggested = 0 WHERE measure_id =
        (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id
          WHERE p.slug = ${sapporo} AND m.code = ${sapporoCode})`.execute(store.db);
      const code = await codeOf(store, kumamoto, TITLE);
      const similar = (await findSimilarMeasures(store, kumamoto, [code])).get(code) ?? [];
      assert.ok(similar.length > 0 && similar.length <= 5, `${similar.length} found`);
      assert.ok(
        similar.every((s) => s.plan.organizationCode !== KUMAMOTO.code),
        "never the plan's own organization",
      );
      const first = similar[0];
      assert.equal(first?.measureTitle, TITLE, "the same title ranks first");
      assert.equal(first?.plan.organizationCode, CHIYODA.code);
      assert.deepEqual(first?.plan, {
        slug: chiyoda,
        title: "挑戦元年アクションプラン",
        organizationCode: CHIYODA.code,
        organizationName: "千代田区",
      });
      assert.deepEqual(first?.status, { code: "in_progress", name: "実施中" });
      assert.equal(first?.period, "2013-09-30");
      assert.equal(first?.item.number, 56);
      const reworded = similar.find((s) => s.plan.organizationCode === SAPPORO.code);
      assert.equal(reworded?.measureTitle, SAPPORO_TITLE, "a reworded title is found as well");
      assert.equal(reworded?.status, null, "a measure without a status says so");
      assert.ok(
        (reworded?.score ?? 1) < (first?.score ?? 0),
        "the reworded title is less alike than the same one",
      );
      for (const organization of [CHIYODA.code, SAPPORO.code])
        assert.ok(
          similar.filter((s) => s.plan.organizationCode === organization).length <= 2,
          "at most two of one organization",
        );
    } finally {
      await store.dispose();
    }
  });

  it("keeps to the limit and to the candidates it may read", async () => {
    const { store, value: slugs } = await seededStore(dialect, threeCities);
    try {
      const kumamoto = slugs[KUMAMOTO.code] ?? "";
      const code = await codeOf(store, kumamoto, TITLE);
      const one = await findSimilarMeasures(store, kumamoto, [code], { limit: 1 });
      assert.equal(one.get(code)?.length, 1);
      const few = await findSimilarMeasures(store, kumamoto, [code], { candidates: 1 });
      assert.ok((few.get(code)?.length ?? 0) <= 1, "one candidate read, at most one listed");
      const none = await findSimilarMeasures(store, kumamoto, []);
      assert.equal(none.size, 0);
      assert.equal((await findSimilarMeasures(store, "999999-9", [code])).size, 0);
    } finally {
      await store.dispose();
    }
  });

  it("finds nothing when no other organization has published a plan", async () => {
    const { store, value: slugs } = await seededStore(dialect, threeCities);
    try {
      const kumamoto = slugs[KUMAMOTO.code] ?? "";
      const code = await codeOf(store, kumamoto, TITLE);
      // The other plans' periods become open drafts: nothing of theirs is published any more.
      await sql`UPDATE reporting_period SET state = 'open' WHERE plan_id IN
        (SELECT id FROM plan WHERE slug <> ${kumamoto})`.execute(store.db);
      const { rows } = await sql<{
        id: number;
      }>`SELECT id FROM plan WHERE slug <> ${kumamoto}`.execute(store.db);
      for (const { id } of rows) await reindexPlan(store.db, Number(id));
      assert.deepEqual((await findSimilarMeasures(store, kumamoto, [code])).get(code), []);
    } finally {
      await store.dispose();
    }
  });
});
