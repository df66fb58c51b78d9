import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  kpiTableCsv,
  kpiTableMapping,
  PROGRAMME_ROWS,
  pledgeListMapping,
  pledgeListTsv,
  programmeEvaluationMapping,
  programmeEvaluationWorkbook,
} from "../../../test/factories/mapped-sheets.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../../web/app.ts";
import { importMappedSheet } from "./mapped-sheet-importer.ts";
import { parseMapping } from "./mapping-schema.ts";

const ORG = { organization: { code: "431001", name: "熊本市" } };

function importWith(store: Store, bytes: Uint8Array, file: string, mapping: unknown) {
  return importMappedSheet(store, bytes, file, parseMapping(mapping, "mapping.json"), ORG);
}

/** What the store holds of the plan: levels, groups, items, measures, departments, fields, scale. */
async function stored(store: Store) {
  const db = store.db;
  const levels = await db
    .selectFrom("plan_level")
    .select(["key", "name"])
    .orderBy("position")
    .execute();
  const groups = await db
    .selectFrom("plan_group")
    .select(["level", "label", "title"])
    .orderBy("id")
    .execute();
  const items = await db
    .selectFrom("item")
    .select(["number", "label", "title"])
    .orderBy("position")
    .execute();
  const measures = await db
    .selectFrom("measure")
    .innerJoin("item", "item.id", "measure.item_id")
    .select(["measure.code", "measure.title", "item.title as item"])
    .orderBy("measure.code")
    .execute();
  const departments = await db
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .innerJoin("department", "department.id", "measure_department.department_id")
    .select(["measure.code", "department.name", "measure_department.role"])
    .orderBy("measure.code")
    .execute();
  const fields = await db
    .selectFrom("measure_field")
    .innerJoin("measure", "measure.id", "measure_field.measure_id")
    .select(["measure.code", "measure_field.heading", "measure_field.value"])
    .orderBy("measure.code")
    .orderBy("measure_field.position")
    .execute();
  const scale = await db
    .selectFrom("status_definition")
    .select("code")
    .orderBy("position")
    .execute();
  const progress = await db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .select(["measure.code", "progress.narrative", "progress.status_code"])
    .orderBy("measure.code")
    .execute();
  const periods = await db
    .selectFrom("reporting_period")
    .select("as_of")
    .orderBy("as_of")
    .execute();
  return {
    levels,
    groups,
    items,
    measures,
    departments,
    fields,
    scale: scale.map((s) => s.code),
    progress,
    periods: periods.map((p) => p.as_of),
  };
}

forEachStore("importing a 事務事業評価 workbook through a column mapping", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let bytes: Uint8Array;
  before(async () => {
    bytes = await programmeEvaluationWorkbook();
  });
  after(async () => store?.dispose());

  it("stores the plan's own levels, one group per 政策 number whatever its spelling, and the 施策 as items", async () => {
    store = await freshStore(dialect);
    const { report } = await importWith(store, bytes, "jigyo.xlsx", programmeEvaluationMapping());
    const s = await stored(store);
    assert.deepEqual(
      s.levels.map((l) => l.name),
      ["政策", "施策", "事務事業"],
    );
    assert.deepEqual(s.groups, [
      { level: "pillar", label: "01", title: "子どもを生かしたまちづくり" },
      { level: "pillar", label: "04", title: "快適な都市環境の創造" },
    ]);
    assert.deepEqual(
      s.items.map((i) => [i.number, i.label, i.title]),
      [
        [101, "01", "子育て支援"],
        [401, "01", "ごみの減量"],
        [402, "02", "道路の整備"],
      ],
    );
    const spelling = report.messages.find((m) => m.code === "inconsistent-spelling");
    assert.match(
      spelling?.message ?? "",
      /「快適な都市環境の創造」データ集計マクロ用シート!E4、データ集計マクロ用シート!E6、データ集計マクロ用シート!E8 \/ 「快適な生活環境の創造」データ集計マクロ用シート!E3/u,
    );
  });

  it("keeps the city's text IDs, unsorted rows in ID order under their 施策, and each 部課名 as the lead department", async () => {
    const s = await stored(store);
    assert.deepEqual(
      s.measures.map((m) => [m.code, m.title, m.item]),
      [
        ["0012", "子育て支援事業", "子育て支援"],
        ["0013", "保育所運営事業", "子育て支援"],
        ["0086", "ごみ収集事業", "ごみの減量"],
        ["0087", "資源回収事業", "ごみの減量"],
        ["0120", "道路維持事業", "道路の整備"],
        ["0121", "橋梁修繕事業", "道路の整備"],
      ],
    );
    assert.deepEqual(
      s.departments.map((d) => [d.code, d.name, d.role]),
      [
        ["0012", "こども局子ども政策課", "lead"],
        ["0013", "こども局保育幼稚園課", "lead"],
        ["0086", "環境局ごみ対策課", "lead"],
        ["0087", "環境局ごみ対策課", "lead"],
        ["0120", "土木部道路維持課", "lead"],
        ["0121", "土木部道路維持課", "lead"],
      ],
    );
    const count = await store.db
      .selectFrom("department")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 4);
  });

  it("keeps every mapped column without a place as a custom field, line breaks and formula values included", async () => {
    const s = await stored(store);
    const of = (code: string) =>
      Object.fromEntries(s.fields.filter((f) => f.code === code).map((f) => [f.heading, f.value]));
    assert.deepEqual(of("0120"), {
      事務事業の概要: "市道の維持補修\n舗装の打ち換え",
      根拠法令: "道路法",
      活動指標合計: "75",
      "2020年度": "10",
      "2021年度": "11",
      "2022年度": "12",
      "2023年度": "13",
      "2024年度": "14",
      "2025年度": "15",
    });
    // L4's formula has no stored value: no field, and a warning naming the cell.
    assert.equal(of("0086").活動指標合計, undefined);
  });

  it("builds the status scale from the values in order of first appearance and says so", async () => {
    const s = await stored(store);
    assert.deepEqual(s.scale, ["改善", "現状維持", "縮小"]);
    assert.deepEqual(
      s.progress.map((p) => [p.code, p.status_code]),
      [
        ["0012", "現状維持"],
        ["0013", "改善"],
        ["0086", "現状維持"],
        ["0087", "縮小"],
        ["0120", "改善"],
        ["0121", "現状維持"],
      ],
    );
  });

  it("shows the custom fields on the item page with their line breaks", async () => {
    const plan = await store.db.selectFrom("plan").select("slug").executeTakeFirstOrThrow();
    const res = await createApp(store).request(`/plans/${plan.slug}/items/402`);
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.ok(
      body.includes("<dt>事務事業の概要</dt><dd>市道の維持補修\n舗装の打ち換え</dd>"),
      body,
    );
    assert.ok(body.includes("<dt>2025年度</dt><dd>15</dd>"));
  });

  it("warns of a formula without a stored value, naming its cell", async () => {
    const again = await freshStore(dialect);
    try {
      const { report } = await importWith(again, bytes, "jigyo.xlsx", programmeEvaluationMapping());
      const warning = report.messages.find((m) => m.code === "formula-without-value");
      assert.match(warning?.message ?? "", /^データ集計マクロ用シート!L4 /u);
      const scale = report.messages.find((m) => m.code === "scale-from-values");
      assert.match(scale?.message ?? "", /改善、現状維持、縮小/u);
    } finally {
      await again.dispose();
    }
  });

  it("changes nothing when the same file comes again with the same mapping, and says so", async () => {
    const before = await stored(store);
    const result = await importWith(store, bytes, "jigyo.xlsx", programmeEvaluationMapping());
    assert.equal(result.unchanged, true);
    assert.ok(result.report.messages.some((m) => m.code === "unchanged"));
    assert.deepEqual(await stored(store), before);
  });

  it("adds a period for the same file with a later asOf, matching measures by their IDs", async () => {
    const result = await importWith(
      store,
      bytes,
      "jigyo.xlsx",
      programmeEvaluationMapping("2026-09-24"),
    );
    assert.equal(result.unchanged, false);
    const s = await stored(store);
    assert.deepEqual(s.periods, ["2025-09-22", "2026-09-24"]);
    assert.equal(s.measures.length, 6);
    // Custom fields are kept per period only where they change: nothing changed.
    assert.equal(s.fields.length, 6 * 9 - 1);
  });

  it("matches a measure by its ID in a later workbook where it moved and was renamed", async () => {
    const rows = PROGRAMME_ROWS.map((r) =>
      r[0] === "0086"
        ? ["0086", "家庭ごみの戸別収集事業", 0, 4, "快適な都市環境の創造", 0, 2, ...r.slice(7)]
        : r,
    );
    const result = await importWith(
      store,
      await programmeEvaluationWorkbook(rows),
      "jigyo-2027.xlsx",
      programmeEvaluationMapping("2027-09-22"),
    );
    assert.deepEqual(result.report.matched, { measures: 6, added: 0, missing: 0 });
    const s = await stored(store);
    assert.deepEqual(
      s.measures.find((m) => m.code === "0086"),
      { code: "0086", title: "家庭ごみの戸別収集事業", item: "道路の整備" },
    );
  });
});

forEachStore("importing a KPI table (Shift_JIS CSV) through a column mapping", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  after(async () => store?.dispose());

  it("fills blank cells down and keeps one measure per 施策 with each indicator's values and units", async () => {
    store = await freshStore(dialect);
    await importWith(store, kpiTableCsv(), "kpi.csv", kpiTableMapping());
    const s = await stored(store);
    assert.deepEqual(
      s.levels.map((l) => l.name),
      ["計画", "基本目標", "施策"],
    );
    assert.deepEqual(
      s.items.map((i) => i.title),
      ["安心して暮らせるまち", "活力あるまち"],
    );
    assert.deepEqual(
      s.measures.map((m) => [m.code, m.title, m.item]),
      [
        ["11", "防災力の向上", "安心して暮らせるまち"],
        ["12", "地域医療の充実", "安心して暮らせるまち"],
        ["21", "産業の振興", "活力あるまち"],
      ],
    );
    const of = (code: string) =>
      Object.fromEntries(s.fields.filter((f) => f.code === code).map((f) => [f.heading, f.value]));
    assert.deepEqual(of("21"), {
      指標名: "製造品出荷額【百万円】\n新規創業件数【件】",
      基準値: "3,437百万円 (平成20年)\n12件",
      目標値: "4,000百万円\n20件",
    });
    assert.deepEqual(
      s.departments.map((d) => [d.code, d.name]),
      [
        ["11", "危機管理課"],
        ["12", "健康福祉課"],
        ["21", "商工課"],
      ],
    );
  });
});

forEachStore("importing a pledge list (TSV with BOM) with an A/B/C rating", (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  after(async () => store?.dispose());

  it("stores the rating on the given scale, the reason as progress with its line break, and the 部局", async () => {
    store = await freshStore(dialect);
    await importWith(store, pledgeListTsv(), "pledges.tsv", pledgeListMapping());
    const s = await stored(store);
    assert.deepEqual(s.scale, ["A", "B", "C"]);
    const places = await store.db
      .selectFrom("status_definition")
      .select(["code", "progress_status"])
      .orderBy("position")
      .execute();
    assert.deepEqual(
      places.map((p) => [p.code, p.progress_status]),
      [
        ["A", "completed"],
        ["B", "in_progress"],
        ["C", null],
      ],
    );
    assert.deepEqual(
      s.progress.map((p) => [p.code, p.status_code, p.narrative]),
      [
        ["1", "A", "対象を中学生まで広げた"],
        ["2", "B", "医師数は増えたが\n目標には届かない"],
        ["3", "C", "誘致件数が伸びない"],
      ],
    );
    assert.deepEqual(
      s.groups.map((g) => g.title),
      ["くらし", "しごと"],
    );
    assert.deepEqual(
      s.departments.map((d) => [d.code, d.name]),
      [
        ["1", "健康福祉部"],
        ["2", "健康福祉部"],
        ["3", "商工労働部"],
      ],
    );
  });
});
