import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  clearSuggestedStatuses,
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { type Staff, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, freshStore, seededStore } from "../../../test/store-targets.ts";
import { assignDepartment } from "../../commands/departments/department-assigner.ts";
import { measurePlacements } from "../../domain/plan-tree.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import type { Store } from "../store.ts";
import {
  listMeasures,
  loadMeasureListFacets,
  type MeasureListFacets,
  type MeasureListFilter,
  type MeasureListRow,
  UNSET_STATUS,
} from "./measure-list-query.ts";
import { loadPlanTree } from "./plan-tree-query.ts";

const EARLIER = "2013-09-30";
const LATER = "2014-03-31";
const NURSERY = "保育所整備による待機児童の解消";
const MARATHON = "熊本城マラソンの開催";
const ADDED = "小規模保育の推進";

const filterOf = (over: Partial<MeasureListFilter> = {}): MeasureListFilter => ({
  period: LATER,
  since: null,
  status: null,
  pillar: null,
  category: null,
  figures: null,
  changedOnly: false,
  relistings: false,
  sort: "item",
  direction: "asc",
  page: 1,
  ...over,
});

/**
 * The model report and a later period, with statuses set by hand: in both periods item 1's
 * measures and the marathon are 実施中; in the later one only, the nursery measure (whose
 * narrative also changed) is 完了 and item 2's first measure 検討・準備中. Figures: the nursery's
 * later progress has one, the marathon's earlier progress another.
 */
async function seed(store: Store) {
  const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
  await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
  await clearSuggestedStatuses(store);
  const db = store.db;
  const periodId = async (asOf: string) =>
    (
      await db
        .selectFrom("reporting_period")
        .select("id")
        .where("as_of", "=", asOf)
        .executeTakeFirstOrThrow()
    ).id;
  const measures = await db
    .selectFrom("measure")
    .innerJoin("item", "item.id", "measure.item_id")
    .select(["measure.id", "measure.title", "item.number"])
    .where("measure.relisting_of_measure_id", "is", null)
    .orderBy("measure.position")
    .execute();
  const byTitle = (title: string) => {
    const found = measures.find((m) => m.title === title);
    assert.ok(found, title);
    return found.id;
  };
  const item1 = measures.filter((m) => m.number === 1).map((m) => m.id);
  const item2First = measures.find((m) => m.number === 2)?.id ?? -1;
  const [earlier, later] = [await periodId(EARLIER), await periodId(LATER)];
  const setStatus = (period: number, ids: number[], code: string) =>
    db
      .updateTable("progress")
      .set({ status_code: code })
      .where("reporting_period_id", "=", period)
      .where("measure_id", "in", ids)
      .execute();
  for (const period of [earlier, later])
    await setStatus(period, [...item1, byTitle(MARATHON)], "in_progress");
  await setStatus(later, [byTitle(NURSERY)], "completed");
  await setStatus(later, [item2First], "preparing");
  const progressId = async (period: number, title: string) =>
    (
      await db
        .selectFrom("progress")
        .select("id")
        .where("reporting_period_id", "=", period)
        .where("measure_id", "=", byTitle(title))
        .executeTakeFirstOrThrow()
    ).id;
  for (const [period, title] of [
    [later, NURSERY],
    [earlier, MARATHON],
  ] as const)
    await db
      .insertInto("progress_figure")
      .values({
        progress_id: await progressId(period, title),
        position: 0,
        value: 10,
        total: null,
        unit: "ヶ所",
        text: "10ヶ所",
      })
      .execute();
  return { planSlug, item1Count: item1.length };
}

forEachStore("the measure list query", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let facets: MeasureListFacets;
  let item1Count: number;
  /** Where each measure row stands (pillar, category), from the plan tree: the oracle. */
  let placements: ReturnType<typeof measurePlacements>;

  before(async () => {
    store = await freshStore(dialect);
    const seeded = await seed(store);
    item1Count = seeded.item1Count;
    const loaded = await loadMeasureListFacets(store.db, seeded.planSlug);
    assert.ok(loaded);
    facets = loaded;
    const tree = await loadPlanTree(store.db, seeded.planSlug, LATER);
    assert.ok(tree);
    placements = measurePlacements(tree);
  });
  after(() => store?.dispose());

  const originals = () => placements.filter((p) => p.measure.relistingOf === null);
  const list = (over: Partial<MeasureListFilter> = {}) =>
    listMeasures(store.db, facets, filterOf(over));
  /** Every row of every page. */
  const all = async (over: Partial<MeasureListFilter> = {}): Promise<MeasureListRow[]> => {
    const first = await list(over);
    const rows = [...first.rows];
    for (let page = 2; page <= first.pageCount; page++)
      rows.push(...(await list({ ...over, page })).rows);
    assert.equal(rows.length, first.total);
    return rows;
  };
  const titles = (rows: MeasureListRow[]) => rows.map((r) => r.title).sort();

  it("offers the plan's statuses, published periods, pillars and categories keyed from the pillar down", async () => {
    assert.deepEqual(
      facets.statuses.map((s) => s.name),
      ["完了", "実施中", "検討・準備中", "未着手", "中止"],
    );
    assert.deepEqual(
      facets.periods.map((p) => p.asOf),
      [EARLIER, LATER],
    );
    assert.deepEqual(
      facets.pillars.map((p) => p.label),
      ["I", "II", "III"],
    );
    const keys = facets.categories.map((c) => c.key);
    assert.ok(keys.includes("1-1-1") && keys.includes("1-2-1") && keys.includes("2-2"), `${keys}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(
      facets.categories.find((c) => c.key === "1-2-1")?.area?.title,
      "交通体系の再デザイン",
    );
    assert.equal(await loadMeasureListFacets(store.db, "no-such-plan"), null);
  });

  it("lists every measure once, re-listings left out, in item-number order, 50 to a page", async () => {
    const page = await list();
    assert.equal(page.total, originals().length);
    assert.equal(page.rows.length, 50);
    assert.equal(page.pageCount, Math.ceil(originals().length / 50));
    assert.equal(page.rows[0]?.item.number, 1);
    const rows = await all();
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
    assert.ok(rows.every((r) => r.relistingOf === null));
    const numbers = rows.map((r) => r.item.number ?? 0);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    const nursery = rows.find((r) => r.title === NURSERY);
    assert.equal(nursery?.item.number, 56);
    assert.equal(nursery?.narrative, "新設含む10ヶ所の保育所整備が完了");
    assert.equal(nursery?.statusCode, "completed");
  });

  it("adds the re-listings as rows naming their original, with the original's status and progress", async () => {
    const rows = await all({ relistings: true });
    assert.equal(rows.length, placements.length);
    const relisting = rows.find((r) => r.item.number === 37 && r.relistingOf !== null);
    assert.equal(relisting?.title, "熊本駅東口駅前広場の整備");
    assert.equal(relisting?.relistingOf?.itemNumber, 31);
    const original = rows.find((r) => r.code === relisting?.relistingOf?.code);
    assert.ok(original?.narrative);
    assert.equal(relisting?.narrative, original.narrative);
    // A re-listed item without a number of its own sorts with its original's number.
    const unnumbered = rows.find((r) => r.item.number === null);
    assert.ok(unnumbered?.relistingOf);
  });

  it("filters by a status of the plan, and by 未設定", async () => {
    assert.deepEqual(titles(await all({ status: "completed" })), [NURSERY]);
    const inProgress = await all({ status: "in_progress" });
    assert.equal(inProgress.length, item1Count + 1);
    assert.ok(inProgress.some((r) => r.title === MARATHON));
    assert.equal((await all({ status: "preparing" })).length, 1);
    assert.equal((await list({ status: "discontinued" })).total, 0);
    const unset = await all({ status: UNSET_STATUS });
    assert.equal(unset.length, originals().length - item1Count - 3);
    assert.ok(unset.every((r) => r.statusCode === null));
  });

  it("filters by pillar, and by a category within it", async () => {
    for (const pillar of [1, 2, 3]) {
      const expected = originals().filter((p) => p.pillar.number === pillar);
      assert.deepEqual(
        titles(await all({ pillar })),
        expected.map((p) => p.measure.title).sort(),
        `pillar ${pillar}`,
      );
    }
    const childcare = await all({ category: "2-2" });
    assert.deepEqual(
      titles(childcare),
      originals()
        .filter((p) => p.pillar.number === 2 && p.category.number === 2)
        .map((p) => p.measure.title)
        .sort(),
    );
    assert.ok(childcare.some((r) => r.title === NURSERY));
    const transport = await all({ category: "1-2-1" });
    assert.deepEqual(
      titles(transport),
      originals()
        .filter((p) => p.area?.number === 2 && p.category.number === 1)
        .map((p) => p.measure.title)
        .sort(),
    );
  });

  it("filters by whether the period's progress has figures", async () => {
    assert.deepEqual(titles(await all({ figures: "with" })), [NURSERY]);
    assert.equal((await list({ figures: "without" })).total, originals().length - 1);
    assert.deepEqual(titles(await all({ period: EARLIER, figures: "with" })), [MARATHON]);
  });

  it("marks what changed since an earlier period: a narrative, a status, figures and the roadmap, a new measure", async () => {
    const rows = await all({ since: EARLIER });
    const changed = rows.filter((r) => r.changed);
    assert.equal(changed.length, 4);
    assert.ok(
      changed.some((r) => r.title === NURSERY),
      "narrative and status",
    );
    assert.ok(
      changed.some((r) => r.title === ADDED),
      "new since then",
    );
    assert.ok(
      changed.some((r) => r.item.number === 2 && r.statusCode === "preparing"),
      "status",
    );
    // Same status in both, but its earlier figure is gone and its 2013 roadmap cell was revised.
    assert.ok(rows.find((r) => r.title === MARATHON)?.changed, "figures and roadmap");
    assert.deepEqual(titles(await all({ since: EARLIER, changedOnly: true })), titles(changed));
    assert.ok(
      (await all()).every((r) => !r.changed),
      "nothing is marked without a comparison",
    );
  });

  it("combines filters", async () => {
    const pillarOfItem1 = originals().find((p) => p.item.number === 1)?.pillar.number;
    const pillarOfMarathon = originals().find((p) => p.measure.title === MARATHON)?.pillar.number;
    const both = await all({ status: "in_progress", pillar: pillarOfItem1 ?? 0 });
    assert.equal(both.length, item1Count + (pillarOfMarathon === pillarOfItem1 ? 1 : 0));
    assert.deepEqual(
      titles(
        await all({
          status: "completed",
          figures: "with",
          category: "2-2",
          since: EARLIER,
          changedOnly: true,
        }),
      ),
      [NURSERY],
    );
    assert.equal((await list({ status: "completed", pillar: 3 })).total, 0);
    assert.equal(
      (await list({ status: "in_progress", since: EARLIER, changedOnly: true })).total,
      1,
    );
  });

  it("sorts by title, status and changed first, in either direction, then by item number", async () => {
    const byTitle = (await all({ sort: "title" })).map((r) => r.title);
    assert.deepEqual(
      byTitle,
      [...byTitle].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const byTitleDesc = (await all({ sort: "title", direction: "desc" })).map((r) => r.title);
    assert.deepEqual(byTitleDesc, [...byTitle].reverse());

    const byStatus = await all({ sort: "status" });
    assert.equal(byStatus[0]?.title, NURSERY);
    assert.deepEqual(
      byStatus.slice(1, item1Count + 2).map((r) => r.statusCode),
      Array(item1Count + 1).fill("in_progress"),
    );
    assert.equal(byStatus[item1Count + 2]?.statusCode, "preparing");
    assert.equal(byStatus.at(-1)?.statusCode, null);
    const byStatusDesc = await all({ sort: "status", direction: "desc" });
    assert.equal(byStatusDesc[0]?.statusCode, null);
    assert.equal(byStatusDesc.at(-1)?.title, NURSERY);

    const changedFirst = await all({ sort: "changed", since: EARLIER });
    assert.deepEqual(
      changedFirst.slice(0, 5).map((r) => r.changed),
      [true, true, true, true, false],
    );
    const changedLast = await all({ sort: "changed", direction: "desc", since: EARLIER });
    assert.deepEqual(
      changedLast.slice(-5).map((r) => r.changed),
      [false, true, true, true, true],
    );

    const byItemDesc = (await all({ direction: "desc" })).map((r) => r.item.number ?? 0);
    assert.deepEqual(
      byItemDesc,
      [...byItemDesc].sort((a, b) => b - a),
    );
    assert.equal(byItemDesc[0], 130);
  });

  it("sorts changed first with no earlier period to compare as by item number: nothing changed", async () => {
    const byItem = (await all()).map((r) => r.code);
    for (const direction of ["asc", "desc"] as const) {
      const rows = await all({ sort: "changed", direction, since: null });
      assert.ok(
        rows.every((r) => !r.changed),
        direction,
      );
      assert.deepEqual(
        rows.map((r) => r.code),
        byItem,
        direction,
      );
    }
  });

  it("keeps the page within bounds and the pages without overlap", async () => {
    const pages = [];
    const { pageCount } = await list();
    for (let page = 1; page <= pageCount; page++) pages.push(await list({ page }));
    const codes = pages.flatMap((p) => p.rows.map((r) => r.code));
    assert.equal(codes.length, originals().length);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(pages.at(-1)?.rows.length, originals().length - (pageCount - 1) * 50);

    const beyond = await list({ page: pageCount + 10 });
    assert.equal(beyond.page, pageCount);
    assert.deepEqual(beyond.rows, pages.at(-1)?.rows);
    for (const page of [0, -1, Number.NaN]) assert.equal((await list({ page })).page, 1);
    const none = await list({ status: "discontinued", page: 3 });
    assert.deepEqual([none.page, none.pageCount, none.rows.length], [1, 1, 0]);
  });

  it("shows the progress of the period asked for", async () => {
    const rows = await all({ period: EARLIER });
    assert.equal(
      rows.find((r) => r.title === NURSERY)?.narrative,
      "新設含む10ヶ所の保育所整備を実施中",
    );
    assert.equal(rows.find((r) => r.title === NURSERY)?.statusCode, null);
    const added = rows.find((r) => r.title === ADDED);
    assert.ok(added, "a measure added later is listed, without progress");
    assert.equal(added.narrative, null);
  });
});

forEachStore("the measure list's departments", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let facets: MeasureListFacets;
  let planSlug: string;
  let staff: Staff;
  let placements: ReturnType<typeof measurePlacements>;

  before(async () => {
    ({
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed));
    await clearSuggestedStatuses(store);
    const nursery = await store.db
      .selectFrom("measure")
      .select("id")
      .where("title", "=", NURSERY)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable("progress")
      .set({ status_code: "in_progress" })
      .where("measure_id", "=", nursery.id)
      .execute();
    const loaded = await loadMeasureListFacets(store.db, planSlug);
    assert.ok(loaded);
    facets = loaded;
    const tree = await loadPlanTree(store.db, planSlug, EARLIER);
    assert.ok(tree);
    placements = measurePlacements(tree);
  });
  after(() => store?.dispose());

  const list = (over: Partial<MeasureListFilter> = {}) =>
    listMeasures(store.db, facets, filterOf({ period: EARLIER, ...over }));
  const all = async (over: Partial<MeasureListFilter> = {}): Promise<MeasureListRow[]> => {
    const first = await list(over);
    const rows = [...first.rows];
    for (let page = 2; page <= first.pageCount; page++)
      rows.push(...(await list({ ...over, page })).rows);
    assert.equal(rows.length, first.total);
    return rows;
  };
  const idOf = (name: string) => {
    const found = facets.departments?.find((d) => d.name === name);
    assert.ok(found, name);
    return found.id;
  };
  /** The codes of the original measures of these items, from the plan tree: the oracle. */
  const codesOfItems = (from: number, to: number) =>
    placements
      .filter((p) => p.measure.relistingOf === null)
      .filter((p) => p.item.number !== null && p.item.number >= from && p.item.number <= to)
      .map((p) => p.measure.code)
      .sort();
  const codes = (rows: MeasureListRow[]) => rows.map((r) => r.code).sort();

  it("offers the departments owning the plan's measures, by name", () => {
    assert.deepEqual(
      facets.departments?.map((d) => d.name),
      ["交通政策課", "保育幼稚園課"],
    );
  });

  it("filters by department and names each row's lead department, 未設定 as null", async () => {
    const nursery = await all({ department: idOf("保育幼稚園課") });
    assert.deepEqual(codes(nursery), codesOfItems(56, 58));
    assert.ok(nursery.every((r) => r.leadDepartment === "保育幼稚園課"));
    const transport = await all({ department: idOf("交通政策課") });
    assert.deepEqual(codes(transport), codesOfItems(25, 30));
    assert.ok(transport.every((r) => r.leadDepartment === "交通政策課"));
    const everything = await all();
    assert.equal(everything.find((r) => r.item.number === 1)?.leadDepartment, null);
    assert.equal(
      everything.filter((r) => r.leadDepartment !== null).length,
      nursery.length + transport.length,
    );
    assert.equal((await list({ department: -1 })).total, 0);
  });

  it("gives a re-listing its original's department, and filters it by it", async () => {
    const transport = await all({ department: idOf("交通政策課"), relistings: true });
    const relistings = transport.filter((r) => r.relistingOf !== null);
    assert.ok(relistings.length > 0);
    assert.ok(
      relistings.every(
        (r) =>
          r.leadDepartment === "交通政策課" &&
          (r.relistingOf?.itemNumber ?? 0) >= 25 &&
          (r.relistingOf?.itemNumber ?? 0) <= 30,
      ),
    );
    const expected = placements.filter(
      (p) =>
        (p.measure.relistingOf?.itemNumber ?? 0) >= 25 &&
        (p.measure.relistingOf?.itemNumber ?? 0) <= 30,
    );
    assert.equal(relistings.length, expected.length);
  });

  it("combines the department with the status and the pillar", async () => {
    const nursery = idOf("保育幼稚園課");
    assert.deepEqual(
      (await all({ department: nursery, status: "in_progress" })).map((r) => r.title),
      [NURSERY],
    );
    assert.equal(
      (await list({ department: nursery, status: UNSET_STATUS })).total,
      codesOfItems(56, 58).length - 1,
    );
    assert.equal((await list({ department: idOf("交通政策課"), status: "in_progress" })).total, 0);
    const pillarOfNursery = placements.find((p) => p.measure.title === NURSERY)?.pillar.number;
    assert.equal(
      (await list({ department: nursery, pillar: pillarOfNursery ?? 0 })).total,
      codesOfItems(56, 58).length,
    );
    assert.equal(
      (await list({ department: nursery, pillar: pillarOfNursery === 1 ? 2 : 1 })).total,
      0,
    );
  });

  it("sorts by department name, 未設定 after them, in either direction, then by item number", async () => {
    const names = (rows: MeasureListRow[]) => rows.map((r) => r.leadDepartment);
    const transport = codesOfItems(25, 30).length;
    const nursery = codesOfItems(56, 58).length;
    const asc = await all({ sort: "department" });
    assert.deepEqual(names(asc.slice(0, transport + nursery + 1)), [
      ...Array(transport).fill("交通政策課"),
      ...Array(nursery).fill("保育幼稚園課"),
      null,
    ]);
    assert.ok(names(asc.slice(transport + nursery)).every((n) => n === null));
    const numbers = asc.slice(0, transport).map((r) => r.item.number ?? 0);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    const desc = await all({ sort: "department", direction: "desc" });
    assert.deepEqual(names(desc.slice(-(transport + nursery + 1))), [
      null,
      ...Array(nursery).fill("保育幼稚園課"),
      ...Array(transport).fill("交通政策課"),
    ]);
  });

  it("reads the assignments live: a contributing department's measures are listed at once", async () => {
    const nursery = idOf("保育幼稚園課");
    const earlier = (await list({ department: nursery })).total;
    await assignDepartment(store, staff.planner, {
      planSlug,
      department: "保育幼稚園課",
      itemNumbers: [64],
      role: "contributor",
    });
    const rows = await all({ department: nursery });
    assert.equal(rows.length, earlier + codesOfItems(64, 64).length);
    assert.ok(
      rows.filter((r) => r.item.number === 64).every((r) => r.leadDepartment === null),
      "a contributor is not the lead",
    );
  });
});
