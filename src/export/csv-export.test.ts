import assert from "node:assert/strict";
import { it } from "node:test";
import { parse } from "csv-parse/sync";
import { modelReportSeed } from "../../test/factories/model-report.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import { MEASURES_CSV_HEADER, measuresCsv } from "./measures-csv.ts";
import { ROADMAP_CSV_HEADER, roadmapCsv } from "./roadmap-csv.ts";

function readCsv(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, skip_empty_lines: false });
}

forEachStore("exporting open-data CSV", (dialect) => {
  it("writes the measures table with 198 rows, the required headers, BOM and CRLF", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const csv = measuresCsv((await loadPlanTree(store.db, planSlug)) as PlanTree);
      assert.ok(csv.startsWith("\uFEFF全国地方公共団体コード,"));
      assert.equal(csv.split("\r\n").length - 1, 199, "header and 198 rows, each ended by CRLF");
      assert.ok(!/[^\r]\n/u.test(csv), "no bare LF");
      const rows = readCsv(csv);
      assert.equal(rows.length, 198);
      assert.deepEqual(Object.keys(rows[0] ?? {}), [...MEASURES_CSV_HEADER]);
      for (const required of [
        "全国地方公共団体コード",
        "地方公共団体名",
        "計画名",
        "基準日",
        "柱",
        "分野",
        "区分",
        "項目番号",
        "項目",
        "取組",
        "再掲元項目番号",
        "進捗状況",
        "状況区分",
        "取組ID",
      ]) {
        assert.ok(MEASURES_CSV_HEADER.includes(required as never), required);
      }
      assert.ok(
        rows.every((r) => r.全国地方公共団体コード === "431001" && r.基準日 === "2013-09-30"),
      );
      const numbers = new Set(rows.map((r) => Number(r.項目番号)).filter((n) => n > 0));
      assert.deepEqual(
        [...numbers].sort((a, b) => a - b),
        Array.from({ length: 130 }, (_, i) => i + 1),
      );
      const relisted = rows.filter((r) => r.再掲元項目番号 !== "");
      assert.equal(relisted.length, 13);
      const no37 = relisted.find((r) => r.項目番号 === "37");
      assert.equal(no37?.再掲元項目番号, "31");
      const original = rows.find((r) => r.取組ID === no37?.再掲元取組ID);
      assert.equal(original?.項目番号, "31");
      assert.equal(
        no37?.進捗状況,
        original?.進捗状況,
        "a re-listing shows its original's progress",
      );
      assert.equal(rows.find((r) => r.項目番号 === "1")?.分野, "市役所の再デザイン");
      assert.equal(rows.find((r) => r.項目番号 === "56")?.分野, "");
    } finally {
      await store.dispose();
    }
  });

  it("writes the roadmap in long format with ⇒ resolved to the continued activity", async () => {
    const {
      store,
      value: { planSlug },
    } = await seededStore(dialect, modelReportSeed);
    try {
      const rows = readCsv(roadmapCsv((await loadPlanTree(store.db, planSlug)) as PlanTree));
      const stored = await store.db.selectFrom("roadmap_entry").select("id").execute();
      assert.equal(rows.length, stored.length);
      assert.deepEqual(Object.keys(rows[0] ?? {}), [...ROADMAP_CSV_HEADER]);
      const nursery = rows.filter((r) => r.取組 === "保育所整備による待機児童の解消");
      assert.deepEqual(
        nursery.map((r) => [r.年度, r.年度表記, r.計画, r.継続, r.実施内容]),
        [
          ["2012", "平成24年度", "保育所整備", "false", "保育所整備"],
          ["2013", "平成25年度", "⇒", "true", "保育所整備"],
        ],
      );
      const added = rows.find((r) => r.項目番号 === "83" && r.年度 === "2013");
      assert.equal(added?.実施内容, "委員選定時の事前協議実施／具体的施策の見直し");
      const none = rows.find(
        (r) => r.取組 === "GPSバスナビゲーションシステム導入" && r.年度 === "2012",
      );
      assert.deepEqual([none?.計画, none?.実施内容], ["—", ""]);
    } finally {
      await store.dispose();
    }
  });
});
