import assert from "node:assert/strict";
import { it } from "node:test";
import { laterReportText } from "../../../test/factories/model-report.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { measurePlacements, type PlanTree } from "../../domain/plan-tree.ts";
import { importReportBytes } from "../../import/report-importer.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import { openPeriod } from "./period-opener.ts";
import { publishPeriod } from "./period-publisher.ts";
import { reviseRoadmap } from "./roadmap-reviser.ts";

const roadmapOf = (tree: PlanTree | null, title: string) =>
  measurePlacements(tree as PlanTree)
    .find((r) => r.measure.title === title)
    ?.measure.roadmap.map((e) => [e.fiscalYear, e.text]);

forEachStore("roadmap revisions", (dialect) => {
  it("shows the roadmap as it stood at each published period after a later report revised it", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt", {
        planSlug,
      });
      const then = await loadPlanTree(store.db, planSlug, "2013-09-30");
      const now = await loadPlanTree(store.db, planSlug);
      assert.deepEqual(roadmapOf(then, "熊本城マラソンの開催"), [
        [2012, "開催"],
        [2013, "⇒"],
      ]);
      assert.deepEqual(roadmapOf(now, "熊本城マラソンの開催"), [
        [2012, "開催"],
        [2013, "⇒ 第3回大会"],
      ]);
      assert.equal(
        roadmapOf(then, "小規模保育の推進"),
        undefined,
        "a measure first reported later is not part of the earlier period",
      );
      assert.deepEqual(roadmapOf(now, "小規模保育の推進"), [
        [2012, "—"],
        [2013, "検討"],
      ]);
    } finally {
      await store.dispose();
    }
  });

  it("keeps a roadmap change of the open period a draft until the period is published", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const code = await measureCodeOf(store, planSlug, 98);
      await assert.rejects(
        reviseRoadmap(store, staff.planner, {
          planSlug,
          measureCode: code,
          years: [{ fiscalYear: 2014, text: "⇒" }],
        }),
        /報告期を開いて/u,
      );
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      await assert.rejects(
        reviseRoadmap(store, staff.nursery, {
          planSlug,
          measureCode: code,
          years: [{ fiscalYear: 2014, text: "⇒" }],
        }),
        /権限/u,
      );
      await reviseRoadmap(store, staff.planner, {
        planSlug,
        measureCode: code,
        years: [{ fiscalYear: 2014, text: "⇒ 第4回大会" }],
      });
      assert.deepEqual(
        (await loadPlanTree(store.db, planSlug))?.fiscalYears,
        [2012, 2013],
        "not public before publishing",
      );
      const preview = await loadPlanTree(store.db, planSlug, "2014-03-31", {
        includeUnpublished: true,
      });
      assert.deepEqual(roadmapOf(preview, "熊本城マラソンの開催"), [
        [2012, "開催"],
        [2013, "⇒"],
        [2014, "⇒ 第4回大会"],
      ]);
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-15",
      });
      const published = await loadPlanTree(store.db, planSlug);
      assert.deepEqual(published?.fiscalYears, [2012, 2013, 2014]);
      const marathon = measurePlacements(published as PlanTree).find(
        (r) => r.measure.title === "熊本城マラソンの開催",
      )?.measure;
      assert.equal(marathon?.roadmap.at(-1)?.activity, "開催／第4回大会");
      assert.deepEqual(
        roadmapOf(await loadPlanTree(store.db, planSlug, "2013-09-30"), "熊本城マラソンの開催"),
        [
          [2012, "開催"],
          [2013, "⇒"],
        ],
      );
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["action", "after"])
        .where("action", "=", "roadmap.revise")
        .execute();
      assert.equal(audit.length, 1);
    } finally {
      await store.dispose();
    }
  });
});

forEachStore("items first reported in a later period", (dialect) => {
  it("are not part of an earlier period's plan, and are there from their first period on", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const withNewItem = laterReportText().replace(
        "130\tオ. 東アジアでの商談会の開催、出展支援\t\t\t\n",
        "130\tオ. 東アジアでの商談会の開催、出展支援\t\t\t\n131\tカ. 東アジアの観光客誘致\t\t\t\n\t▪ 観光客誘致の推進\t—\t検討\t誘致策を検討中\n",
      );
      assert.notEqual(withNewItem, laterReportText(), "the later report has item 131");
      await importReportBytes(store, new TextEncoder().encode(withNewItem), "later.txt", {
        planSlug,
      });
      const numbers = (tree: Awaited<ReturnType<typeof loadPlanTree>>) =>
        (tree?.pillars ?? [])
          .flatMap(function walk(g): Array<number | null> {
            return [...g.items.map((i) => i.number), ...g.children.flatMap(walk)];
          })
          .filter((n): n is number => n !== null);
      const then = numbers(await loadPlanTree(store.db, planSlug, "2013-09-30"));
      const now = numbers(await loadPlanTree(store.db, planSlug));
      assert.ok(now.includes(131), "the later period has item 131");
      assert.ok(!then.includes(131), "the earlier period does not");
      assert.equal(then.length, 130, "every item of the earlier period is still there");
    } finally {
      await store.dispose();
    }
  });
});
