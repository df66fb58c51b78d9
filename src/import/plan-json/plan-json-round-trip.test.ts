import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { measureCodeOf, staffedPlan } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
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

  it("keeps a period's status and confirmed figures through export → import into an empty store → export", async () => {
    const first = await freshStore(dialect);
    const second = await freshStore(dialect);
    try {
      const { planSlug, staff } = await staffedPlan(first);
      const asOf = "2014-03-31";
      await openPeriod(first, staff.planner, { planSlug, asOf, deadline: null });
      const code = await measureCodeOf(first, planSlug, 29);
      await saveProgress(first, staff.transport, {
        planSlug,
        asOf,
        measureCode: code,
        narrative: "35電停中19電停が改良済、約935mを整備",
        statusCode: "in_progress",
        expectedVersion: 1,
        figures: [
          { value: 19, total: 35, unit: "電停", text: "35電停中19電停" },
          { value: 935, unit: "m", qualifier: "約", text: "約935m" },
          { value: 12.5 },
        ],
      });
      await reviewProgress(first, staff.planner, {
        ...{ planSlug, asOf, measureCode: code },
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(first, staff.planner, { planSlug, asOf, publishedOn: "2014-05-15" });
      const json = planJson((await loadPlanTree(first.db, planSlug, asOf)) as PlanTree);
      const measure = JSON.parse(json)
        .pillars.flatMap(function all(g: { items?: unknown[]; children?: unknown[] }): unknown[] {
          return [...(g.items ?? []), ...(g.children ?? []).flatMap((c) => all(c as typeof g))];
        })
        .flatMap((i: { measures: unknown[] }) => i.measures)
        .find((m: { id: string }) => m.id === code);
      assert.deepEqual(measure.progress, {
        narrative: "35電停中19電停が改良済、約935mを整備",
        statusCode: "in_progress",
        statusSource: "confirmed",
        statusSuggestion: null,
        figures: [
          { value: 19, total: 35, unit: "電停", qualifier: null, text: "35電停中19電停" },
          { value: 935, total: null, unit: "m", qualifier: "約", text: "約935m" },
          { value: 12.5, total: null, unit: null, qualifier: null, text: "" },
        ],
      });
      const { planSlug: slug2 } = await importReportBytes(
        second,
        new TextEncoder().encode(json),
        "plan.json",
        { planSlug },
      );
      const again = planJson((await loadPlanTree(second.db, slug2)) as PlanTree);
      // The empty store holds only the exported period, so compare the tree, not the period list.
      assert.deepEqual(JSON.parse(again).pillars, JSON.parse(json).pillars);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it("refuses a figure that a save would refuse, naming the measure and the field", async () => {
    const store = await freshStore(dialect);
    try {
      const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      const doc = JSON.parse(planJson((await loadPlanTree(store.db, planSlug)) as PlanTree));
      const measure = doc.pillars[0].children[0].children[0].items[0].measures[0];
      measure.progress.figures = [{ value: 1, total: -1, unit: null, qualifier: null, text: "" }];
      const other = await freshStore(dialect);
      try {
        await assert.rejects(
          importReportBytes(other, new TextEncoder().encode(JSON.stringify(doc)), "plan.json"),
          (e: Error & { location?: { field?: string } }) =>
            e.location?.field === `取組 ${measure.id}.figures.0.total`,
        );
        assert.equal((await other.db.selectFrom("plan").select("id").execute()).length, 0);
      } finally {
        await other.dispose();
      }
    } finally {
      await store.dispose();
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
