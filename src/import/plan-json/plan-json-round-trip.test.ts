import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { measuresCsv } from "../../export/measures-csv.ts";
import { planJson } from "../../export/plan-json.ts";
import { roadmapCsv } from "../../export/roadmap-csv.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { importReportBytes, importReportFile } from "../report-importer.ts";

forEachStore("the JSON round trip", (dialect) => {
  it("gives the same data after import → export → import into an empty store → export", async () => {
    const first = await freshStore(dialect);
    const second = await freshStore(dialect);
    try {
      const { planSlug } = await importReportFile(first, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      const tree = (await loadPlanTree(first.db, planSlug)) as PlanTree;
      const json = planJson(tree);
      const { planSlug: slug2 } = await importReportBytes(
        second,
        new TextEncoder().encode(json),
        "plan.json",
        { planSlug },
      );
      const again = (await loadPlanTree(second.db, slug2)) as PlanTree;
      assert.equal(planJson(again), json);
      assert.equal(measuresCsv(again), measuresCsv(tree));
      assert.equal(roadmapCsv(again), roadmapCsv(tree));
      const relisting = JSON.parse(json).pillars[0].children[1].children[2].items[0].measures[1];
      assert.equal(
        relisting.relistingOf.itemNumber,
        31,
        "the JSON keeps re-listings as references",
      );
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it("refuses a JSON plan with a wrong value, naming the field, and stores nothing", async () => {
    const store = await freshStore(dialect);
    try {
      const doc = {
        format: "shinchoku-plan/1",
        organization: KUMAMOTO,
        plan: { id: "x", title: "", fiscalYears: [2012], contact: null },
      };
      await assert.rejects(
        importReportBytes(store, new TextEncoder().encode(JSON.stringify(doc)), "bad.json"),
        (e: Error & { location?: { field?: string } }) => {
          assert.equal(e.location?.field, "plan.title");
          return true;
        },
      );
      await assert.rejects(
        importReportBytes(store, new TextEncoder().encode('{\n  "format": \n}'), "broken.json"),
        (e: Error & { location?: { line?: number } }) => {
          assert.equal(e.location?.line, 3);
          return true;
        },
      );
      assert.equal((await store.db.selectFrom("plan").select("id").execute()).length, 0);
    } finally {
      await store.dispose();
    }
  });
});
