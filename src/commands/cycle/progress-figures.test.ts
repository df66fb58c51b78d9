import assert from "node:assert/strict";
import { it } from "node:test";
import { measureCodeOf, staffedPlan } from "../../../test/factories/staff.ts";
import { forEachStore, type StoreSeed, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { openPeriod } from "./period-opener.ts";
import { publishPeriod } from "./period-publisher.ts";
import { reviewProgress } from "./progress-reviewer.ts";
import { ProgressConflict, saveProgress } from "./progress-saver.ts";

const NEXT = "2014-03-31";
const AFTER = "2014-09-30";
const TRAMS = { value: 19, total: 35, unit: "電停", qualifier: null, text: "35電停中19電停" };
const SUPPORTERS = {
  value: 31000,
  total: null,
  unit: "人",
  qualifier: "以上",
  text: "3万1千人以上",
};

/** The stored figures of a measure's progress in a period, in order. */
async function storedFigures(store: Store, code: string, asOf: string) {
  return store.db
    .selectFrom("progress_figure as f")
    .innerJoin("progress as p", "p.id", "f.progress_id")
    .innerJoin("measure as m", "m.id", "p.measure_id")
    .innerJoin("reporting_period as r", "r.id", "p.reporting_period_id")
    .select(["f.value", "f.total", "f.unit", "f.qualifier", "f.text"])
    .where("m.code", "=", code)
    .where("r.as_of", "=", asOf)
    .orderBy("f.position")
    .execute();
}

async function rows(store: Store) {
  const all = async (table: "progress" | "progress_figure" | "audit_event") =>
    (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    progress: await all("progress"),
    figures: await all("progress_figure"),
    audit: await all("audit_event"),
  };
}

async function cycle(store: Store) {
  const { planSlug, staff } = await staffedPlan(store);
  await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
  const code = await measureCodeOf(store, planSlug, 29);
  const edit = {
    planSlug,
    asOf: NEXT,
    measureCode: code,
    narrative: "35電停中19電停が改良済。サポーターは3万1千人以上",
    statusCode: "in_progress",
  };
  return { planSlug, staff, code, edit };
}

/** The staffed plan with the next period open, copied for each test. */
const cycleSeed: StoreSeed<Awaited<ReturnType<typeof cycle>>> = {
  name: "figures-cycle",
  build: cycle,
};

forEachStore("confirmed figures", (dialect) => {
  it("stores the confirmed figures with the save, replaces them, keeps them when none are given and removes them", async () => {
    const {
      store,
      value: { staff, code, edit },
    } = await seededStore(dialect, cycleSeed);
    try {
      await saveProgress(store, staff.transport, {
        ...edit,
        expectedVersion: 1,
        figures: [TRAMS, { ...SUPPORTERS, value: "３１，０００" }],
      });
      assert.deepEqual(await storedFigures(store, code, NEXT), [TRAMS, SUPPORTERS]);

      await saveProgress(store, staff.transport, {
        ...edit,
        expectedVersion: 2,
        figures: [
          { ...SUPPORTERS, qualifier: "約" },
          { value: "1,234.56", total: 0.1 },
        ],
      });
      assert.deepEqual(await storedFigures(store, code, NEXT), [
        { ...SUPPORTERS, qualifier: "約" },
        { value: 1234.56, total: 0.1, unit: null, qualifier: null, text: "" },
      ]);

      await saveProgress(store, staff.transport, { ...edit, expectedVersion: 3 });
      assert.equal((await storedFigures(store, code, NEXT)).length, 2, "left out: kept");

      await saveProgress(store, staff.transport, { ...edit, expectedVersion: 4, figures: [] });
      assert.deepEqual(await storedFigures(store, code, NEXT), []);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a bad figure naming the field and stores nothing, not even the narrative", async () => {
    const {
      store,
      value: { staff, edit },
    } = await seededStore(dialect, cycleSeed);
    try {
      const before = await rows(store);
      await assert.rejects(
        saveProgress(store, staff.transport, {
          ...edit,
          expectedVersion: 1,
          figures: [TRAMS, TRAMS, { ...TRAMS, value: "十九" }],
        }),
        (e: unknown) =>
          e instanceof ShinchokuError &&
          e.id === "invalid_input" &&
          e.location.field === "figures.2.value" &&
          /3件目の数値/u.test(e.message),
      );
      await assert.rejects(
        saveProgress(store, staff.transport, {
          ...edit,
          expectedVersion: 1,
          figures: [{ ...TRAMS, qualifier: "ぐらい" }],
        }),
        (e: unknown) => e instanceof ShinchokuError && e.location.field === "figures.0.qualifier",
      );
      await assert.rejects(
        saveProgress(store, staff.nursery, { ...edit, expectedVersion: 1, figures: [TRAMS] }),
        (e: unknown) => e instanceof ShinchokuError && e.id === "forbidden",
      );
      assert.deepEqual(await rows(store), before);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a save on an old version with the stored figures, storing nothing", async () => {
    const {
      store,
      value: { staff, edit },
    } = await seededStore(dialect, cycleSeed);
    try {
      await saveProgress(store, staff.transport, { ...edit, expectedVersion: 1, figures: [TRAMS] });
      const before = await rows(store);
      await assert.rejects(
        saveProgress(store, staff.planner, { ...edit, expectedVersion: 1, figures: [SUPPORTERS] }),
        (e: unknown) =>
          e instanceof ProgressConflict &&
          JSON.stringify(e.current.figures) === JSON.stringify([TRAMS]),
      );
      assert.deepEqual(await rows(store), before);
    } finally {
      await store.dispose();
    }
  });

  it("records the figures before and after in the audit trail", async () => {
    const {
      store,
      value: { staff, edit },
    } = await seededStore(dialect, cycleSeed);
    try {
      await saveProgress(store, staff.transport, { ...edit, expectedVersion: 1, figures: [TRAMS] });
      await saveProgress(store, staff.transport, {
        ...edit,
        expectedVersion: 2,
        figures: [SUPPORTERS],
      });
      const events = await store.db
        .selectFrom("audit_event")
        .select(["before", "after"])
        .where("action", "=", "progress.save")
        .orderBy("id")
        .execute();
      const last = events.at(-1);
      assert.deepEqual(JSON.parse(last?.before ?? "{}").figures, [TRAMS]);
      assert.deepEqual(JSON.parse(last?.after ?? "{}").figures, [SUPPORTERS]);
      assert.deepEqual(JSON.parse(events.at(-2)?.before ?? "{}").figures, []);
    } finally {
      await store.dispose();
    }
  });

  it("carries the confirmed figures into the next period's draft and shows them in the published tree", async () => {
    const {
      store,
      value: { planSlug, staff, code, edit },
    } = await seededStore(dialect, cycleSeed);
    try {
      await saveProgress(store, staff.transport, {
        ...edit,
        expectedVersion: 1,
        figures: [TRAMS, SUPPORTERS],
      });
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        measureCode: code,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        publishedOn: "2014-05-15",
      });
      const tree = await loadPlanTree(store.db, planSlug, NEXT);
      const measure = tree?.pillars
        .flatMap(function all(g): typeof g.items {
          return [...g.items, ...g.children.flatMap(all)];
        })
        .flatMap((i) => i.measures)
        .find((m) => m.code === code);
      assert.deepEqual(measure?.progress?.figures, [TRAMS, SUPPORTERS]);

      await openPeriod(store, staff.planner, { planSlug, asOf: AFTER, deadline: null });
      assert.deepEqual(await storedFigures(store, code, AFTER), [TRAMS, SUPPORTERS]);
      assert.deepEqual(await storedFigures(store, code, NEXT), [TRAMS, SUPPORTERS], "kept");
    } finally {
      await store.dispose();
    }
  });
});
