import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, laterReportText, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../test/store-targets.ts";
import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { importReportBytes, importReportFile } from "./report-importer.ts";

async function importedModel(dialect: "sqlite" | "postgres") {
  const store = await freshStore(dialect);
  const { report, planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
    organization: KUMAMOTO,
  });
  const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
  return { store, report, tree, planSlug };
}

const itemNumbers = (group: PlanTree["pillars"][number]): number[] => [
  ...group.items.flatMap((i) => (i.number === null ? [] : [i.number])),
  ...group.children.flatMap(itemNumbers),
];
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

forEachStore("importing the model report", (dialect) => {
  it("stores three pillars, with the three areas under pillar I only", async () => {
    const { store, tree } = await importedModel(dialect);
    try {
      assert.deepEqual(
        tree.pillars.map((p) => p.label),
        ["I", "II", "III"],
      );
      const [one, two, three] = tree.pillars;
      assert.deepEqual(
        one?.children.map((a) => [a.level, a.number, a.title]),
        [
          ["area", 1, "市役所の再デザイン"],
          ["area", 2, "交通体系の再デザイン"],
          ["area", 3, "中心市街地の再デザイン"],
        ],
      );
      assert.deepEqual(one?.children.map(itemNumbers), [
        range(1, 24),
        range(25, 38),
        range(39, 50),
      ]);
      assert.ok(two?.children.every((c) => c.level === "category"));
      assert.deepEqual(two && itemNumbers(two), range(51, 104));
      assert.deepEqual(three && itemNumbers(three), range(105, 130));
      assert.equal(two?.title, "もっと暮らしやすさを実感できるまちを実現します");
    } finally {
      await store.dispose();
    }
  });

  it("stores 32 categories, 130 numbered items and 3 unnumbered re-listed items", async () => {
    const { store, tree } = await importedModel(dialect);
    try {
      const categories = tree.pillars
        .flatMap((p) => [p, ...p.children])
        .filter((g) => g.level === "category")
        .concat(tree.pillars.flatMap((p) => p.children.flatMap((a) => a.children)));
      assert.equal(categories.length, 32);
      assert.deepEqual(
        categories
          .slice(0, 7)
          .map((c) => c.label)
          .join(""),
        "①②③④⑤⑥⑦",
      );
      const items = measurePlacements(tree).map((r) => r.item);
      const unique = [...new Set(items)];
      assert.deepEqual(
        unique.flatMap((i) => (i.number === null ? [] : [i.number])),
        range(1, 130),
      );
      const unnumbered = unique.filter((i) => i.number === null);
      assert.deepEqual(
        unnumbered.map((i) => i.relistingOfItemNumber),
        [38, 66, 44],
      );
      assert.deepEqual(
        unnumbered.map((i) => i.title),
        [
          "公用車のカーシェアリングの導入",
          "高齢者に適した居住環境の整備",
          "MICE(マイス)機能の充実",
        ],
      );
    } finally {
      await store.dispose();
    }
  });

  it("stores 198 measures, 13 of them re-listings that refer to their original measure", async () => {
    const { store, tree, report } = await importedModel(dialect);
    try {
      const rows = measurePlacements(tree);
      assert.equal(rows.length, 198);
      assert.equal(new Set(rows.map((r) => r.measure.code)).size, 198);
      const relistings = rows.filter((r) => r.measure.relistingOf);
      assert.deepEqual(
        relistings
          .map((r) => r.measure.relistingOf?.itemNumber)
          .sort((a, b) => (a ?? 0) - (b ?? 0)),
        [29, 31, 36, 38, 44, 44, 44, 66, 90, 90, 94, 94, 130],
      );
      const byCode = new Map(rows.map((r) => [r.measure.code, r]));
      for (const r of relistings) {
        const original = byCode.get(r.measure.relistingOf?.code ?? "");
        assert.ok(original, `original of ${r.measure.title}`);
        assert.equal(
          original.measure.relistingOf,
          null,
          "a re-listing refers to an original, not to another re-listing",
        );
        assert.equal(original.item.number, r.measure.relistingOf?.itemNumber);
      }
      const hall = relistings.find((r) => r.measure.title === "花畑地区文化ホール等の整備");
      assert.equal(hall?.measure.relistingOf?.title, "花畑地区文化ホールの整備");
      assert.equal(report.counts.relistings, 13);
      assert.equal(report.counts.measures, 198);
    } finally {
      await store.dispose();
    }
  });

  it("keeps a re-listing as a reference: it has no roadmap or progress rows of its own", async () => {
    const { store } = await importedModel(dialect);
    try {
      const own = await store.db
        .selectFrom("measure")
        .leftJoin("roadmap_entry", "roadmap_entry.measure_id", "measure.id")
        .leftJoin("progress", "progress.measure_id", "measure.id")
        .select(["measure.code", "roadmap_entry.id as roadmapId", "progress.id as progressId"])
        .where("measure.relisting_of_measure_id", "is not", null)
        .execute();
      assert.equal(own.length, 13);
      assert.ok(own.every((r) => r.roadmapId === null && r.progressId === null));
    } finally {
      await store.dispose();
    }
  });

  it("shows in the import report where a re-listing's printed text differs from its original's", async () => {
    const { store, report } = await importedModel(dialect);
    try {
      const progress = report.messages.filter((m) => m.code === "relisting-progress-differs");
      assert.ok(
        progress.some(
          (m) => m.message.includes("No.29") && m.message.includes("「平成25」→「今」年度"),
        ),
      );
      assert.ok(
        progress.some(
          (m) => m.message.includes("No.94") && m.message.includes("「 平成25」→「本」年度"),
        ),
      );
      assert.ok(progress.every((m) => m.line !== null));
    } finally {
      await store.dispose();
    }
  });

  it("splits a row of several <li> into measures, with the roadmap cells split one part each", async () => {
    const { store, tree } = await importedModel(dialect);
    try {
      const item = (n: number) =>
        measurePlacements(tree)
          .filter((r) => r.item.number === n)
          .map((r) => r.measure);
      const [first, second] = item(1);
      assert.deepEqual(
        [first?.title, second?.title],
        ["5つの区役所の設置", "事務権限移譲の円滑化"],
      );
      assert.deepEqual(
        first?.roadmap.map((r) => r.text),
        ["供用", "⇒"],
      );
      assert.deepEqual(
        second?.roadmap.map((r) => r.text),
        ["引継事務の実施", "⇒"],
      );
      assert.equal(second?.roadmap[1]?.activity, "引継事務の実施");
      assert.deepEqual(
        item(2).map((m) => m.roadmap.map((r) => r.text)),
        [
          ["都市ブランド情報発信強化", "⇒"],
          ["連携事業の推進", "⇒"],
        ],
      );
      assert.equal(item(14).length, 2);
    } finally {
      await store.dispose();
    }
  });

  it("reads fiscal years 2012 and 2013, as-of 2013-09-30 and publication 2013-11", async () => {
    const { store, tree } = await importedModel(dialect);
    try {
      assert.deepEqual(tree.fiscalYears, [2012, 2013]);
      assert.deepEqual(tree.period, {
        asOf: "2013-09-30",
        publishedOn: "2013-11",
        state: "published",
      });
      assert.equal(tree.title, "挑戦元年アクションプラン");
      assert.equal(tree.organization.code, "431001");
    } finally {
      await store.dispose();
    }
  });

  it("adds a later report of the same plan as a new reporting period without duplicating anything", async () => {
    const { store, tree: before, planSlug } = await importedModel(dialect);
    try {
      const { report } = await importReportBytes(
        store,
        new TextEncoder().encode(laterReportText()),
        "later.txt",
      );
      assert.deepEqual(report.matched, { measures: 198, added: 1, missing: 0 });
      const after = (await loadPlanTree(store.db, planSlug)) as PlanTree;
      assert.deepEqual(
        after.periods.map((p) => p.asOf),
        ["2013-09-30", "2014-03-31"],
      );
      const rows = measurePlacements(after);
      assert.equal(rows.length, 199);
      const codesBefore = new Map(
        measurePlacements(before).map((r) => [r.measure.title + r.item.number, r.measure.code]),
      );
      for (const r of rows) {
        const code = codesBefore.get(r.measure.title + r.item.number);
        if (code) assert.equal(r.measure.code, code, "a matched measure keeps its ID");
      }
      const nursery = rows.find((r) => r.measure.title === "保育所整備による待機児童の解消");
      assert.equal(nursery?.measure.progress?.narrative, "新設含む10ヶ所の保育所整備が完了");
      const marathon = rows.find((r) => r.measure.title === "熊本城マラソンの開催");
      assert.equal(marathon?.measure.roadmap[1]?.activity, "開催／第3回大会");
      const old = (await loadPlanTree(store.db, planSlug, "2013-09-30")) as PlanTree;
      const oldNursery = measurePlacements(old).find(
        (r) => r.measure.title === "保育所整備による待機児童の解消",
      );
      assert.equal(oldNursery?.measure.progress?.narrative, "新設含む10ヶ所の保育所整備を実施中");
      const counts = await store.db
        .selectFrom("item")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(counts.n), 133);
    } finally {
      await store.dispose();
    }
  });
});
