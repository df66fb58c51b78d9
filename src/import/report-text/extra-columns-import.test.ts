import assert from "node:assert/strict";
import { it } from "node:test";
import { PLEDGES } from "../../../test/factories/pledge-list.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import type { ImportReport } from "../import-report.ts";
import { importReportBytes } from "../report-importer.ts";

forEachStore("importing a table with 評価 and 部局 columns", (dialect) => {
  it("stores each measure with its 評価理由 as progress and its 部局 as the lead department, and lists every 評価 it cannot keep, by line", async () => {
    const store = await freshStore(dialect);
    try {
      const { report } = await importReportBytes(
        store,
        new TextEncoder().encode(PLEDGES),
        "pledges.txt",
        { organization: { code: "430005", name: "熊本県" } },
      );
      const stored = await store.db
        .selectFrom("measure")
        .innerJoin("progress", "progress.measure_id", "measure.id")
        .select(["measure.title", "progress.narrative"])
        .orderBy("measure.id")
        .execute();
      assert.deepEqual(
        stored.map((m) => [m.title, m.narrative]),
        [
          ["自主防災組織の結成促進", "結成率が目標の90%を上回った"],
          ["避難所の耐震化", "工事の一部が翌年度に繰り越された"],
          ["保育所の整備", "用地の確保が遅れている"],
          ["放課後児童クラブの拡充", "待機児童が解消された"],
          ["企業立地の促進", "誘致件数は目標の8割"],
        ],
      );
      const run = await store.db
        .selectFrom("import_run")
        .select("report")
        .executeTakeFirstOrThrow();
      const kept = JSON.parse(run.report) as ImportReport;
      assert.deepEqual(kept.messages, report.messages);
      const leads = await store.db
        .selectFrom("measure_department")
        .innerJoin("measure", "measure.id", "measure_department.measure_id")
        .innerJoin("department", "department.id", "measure_department.department_id")
        .select(["measure.title", "department.name", "measure_department.role"])
        .orderBy("measure.id")
        .execute();
      assert.deepEqual(
        leads.map((l) => [l.title, l.name, l.role]),
        [
          ["自主防災組織の結成促進", "危機管理部", "lead"],
          ["避難所の耐震化", "総務部", "lead"],
          ["保育所の整備", "こども未来部", "lead"],
        ],
      );
      assert.equal(kept.messages.filter((m) => m.code === "department-not-stored").length, 0);
      assert.equal(kept.messages.filter((m) => m.code === "rating-not-stored").length, 5);
    } finally {
      await store.dispose();
    }
  });
});
