import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { addSampleIndicators } from "../../test/factories/indicators.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { forEachStore, freshStore, type StoreSeed, seededStore } from "../../test/store-targets.ts";
import { exportCommand } from "../cli/export-command.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import { importPlanCsv } from "../import/plan-csv/plan-csv-importer.ts";
import { importReportBytes, importReportFile } from "../import/report-importer.ts";
import { loadPlanIndicators } from "../store/queries/indicator-query.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "../web/app.ts";
import { indicatorsCsv } from "./indicators-csv.ts";
import { measuresCsv } from "./measures-csv.ts";
import { planJson } from "./plan-json.ts";
import { roadmapCsv } from "./roadmap-csv.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** The model report with indicators on a measure, an item and a group. */
const indicatorSeed: StoreSeed<{ planSlug: string; measureCode: string }> = {
  name: "model-report-indicators",
  build: async (store) => {
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    return { planSlug, measureCode: await addSampleIndicators(store, planSlug) };
  },
};

async function exported(store: Store, slug: string) {
  const tree = (await loadPlanTree(store.db, slug)) as PlanTree;
  const indicators = await loadPlanIndicators(store.db, tree.id, {
    asOf: tree.period?.asOf ?? null,
  });
  return { tree, indicators, csv: indicatorsCsv(indicators.indicators) };
}

forEachStore("the indicators CSV (long format)", (dialect) => {
  it("writes one row per indicator, fiscal year and kind of value, decimals as written and blanks apart from zero", async () => {
    const { store, value } = await seededStore(dialect, indicatorSeed);
    try {
      const { csv } = await exported(store, value.planSlug);
      const lines = csv.replace(/^\uFEFF/u, "").split("\r\n");
      assert.equal(
        lines[0],
        "指標ID,取組ID,階層,階層番号,指標,単位,種類,方向,出典,達成率の算定,年度,値の種類,値,備考,報告期の基準日",
      );
      const m = value.measureCode;
      assert.deepEqual(lines.slice(1, 9), [
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2010,基準値,5.05,,`,
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2013,目標値,40.0,,`,
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2015,最終目標値,82.50,,`,
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2012,実績値,12.5,※単年実績,`,
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2013,実績値,,集計中,`,
        `I0001,${m},取組,,市電の低床車両の割合,%,KPI,増やす,交通局調べ,,2013,実績値,30,見込み,2013-09-30`,
        `I0002,${m},取組,,事業費,千円,事業費,,,,2012,実績値,3437,,`,
        `I0002,${m},取組,,事業費,千円,事業費,,,,2013,実績値,-1.50,,`,
      ]);
      assert.match(
        lines[9] ?? "",
        /^I0003,,項目,1,待機児童数,人,成果指標,減らす,,実績÷目標,2012,基準値,100,,$/u,
      );
      assert.match(csv, /\r\nI0004,,[^,]+,\d+-\d+,市民満足度,%,成果指標,維持,/u);
      // The same file from `shinchoku export --format csv --table indicators`.
      const dir = mkdtempSync(join(tmpdir(), "indicators-"));
      const saved = process.env.DATABASE_URL;
      try {
        process.env.DATABASE_URL = store.url;
        const out = join(dir, "indicators.csv");
        const status = await exportCommand([
          "--format",
          "csv",
          "--table",
          "indicators",
          "--out",
          out,
        ]);
        assert.equal(status, 0);
        assert.equal(readFileSync(out, "utf8"), csv);
      } finally {
        if (saved === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = saved;
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await store.dispose();
    }
  });

  it("round-trips through an empty store: export → import with the measures and roadmap CSV → export gives the same rows", async () => {
    const { store, value } = await seededStore(dialect, indicatorSeed);
    const second = await freshStore(dialect);
    try {
      const { tree, csv } = await exported(store, value.planSlug);
      const { planSlug, report } = await importPlanCsv(
        second,
        { bytes: bytes(measuresCsv(tree)), file: "measures.csv" },
        { bytes: bytes(roadmapCsv(tree)), file: "roadmap.csv" },
        { indicators: { bytes: bytes(csv), file: "indicators.csv" } },
      );
      assert.ok(report.messages.some((m) => m.message.includes("指標を 4 件読みました")));
      const again = await exported(second, planSlug);
      assert.equal(again.csv, csv, "the indicators CSV, byte for byte");
    } finally {
      await second.dispose();
      await store.dispose();
    }
  });

  it("refuses an indicators CSV naming a measure the plan does not have, storing nothing", async () => {
    const { store, value } = await seededStore(dialect, indicatorSeed);
    const second = await freshStore(dialect);
    try {
      const { tree, csv } = await exported(store, value.planSlug);
      const broken = csv.replace(`,${value.measureCode},取組,`, ",M9999,取組,");
      await assert.rejects(
        importPlanCsv(
          second,
          { bytes: bytes(measuresCsv(tree)), file: "measures.csv" },
          undefined,
          { indicators: { bytes: bytes(broken), file: "indicators.csv" } },
        ),
        (error: Error & { location?: { field?: string; line?: number } }) =>
          /M9999/u.test(error.message) &&
          error.location?.field === "取組ID" &&
          error.location.line === 2,
      );
      assert.equal((await second.db.selectFrom("plan").selectAll().execute()).length, 0);
    } finally {
      await second.dispose();
      await store.dispose();
    }
  });
});

forEachStore("indicators in the plan JSON", (dialect) => {
  it("carries indicators with their values as decimal text and achievement, and reads them back", async () => {
    const { store, value } = await seededStore(dialect, indicatorSeed);
    const second = await freshStore(dialect);
    try {
      const { tree, indicators } = await exported(store, value.planSlug);
      const json = planJson(tree, indicators);
      const doc = JSON.parse(json);
      assert.deepEqual(doc.indicatorKinds, ["活動指標", "対象指標", "成果指標", "KPI", "事業費"]);
      assert.equal(doc.indicators[0].values[0].value, "5.05");
      assert.deepEqual(doc.indicators[0].place, {
        level: "measure",
        levelName: "取組",
        measure: value.measureCode,
      });
      // 2013: the fiscal year's own result is 集計中 (no value), so its mid-year result is judged.
      assert.deepEqual(doc.indicators[0].achievement, {
        fiscalYear: 2013,
        baseline: "5.05",
        target: "40.0",
        result: "30",
        rate: 71.4,
        score: "C",
      });
      // The ratio form where the plan says so, for a decrease: target / result.
      assert.equal(doc.indicators[2].achievement.rate, 50);
      const { planSlug } = await importReportBytes(second, bytes(json), "plan.json");
      const again = await exported(second, planSlug);
      assert.deepEqual(
        JSON.parse(planJson(again.tree, again.indicators)).indicators,
        doc.indicators,
      );
    } finally {
      await second.dispose();
      await store.dispose();
    }
  });
});

forEachStore("indicators on the public side", (dialect) => {
  it("shows a mid-year result only once its period is published, in the API and the download", async () => {
    const { store, value } = await seededStore(dialect, indicatorSeed);
    try {
      const plan = await store.db
        .selectFrom("plan")
        .select("id")
        .where("slug", "=", value.planSlug)
        .executeTakeFirstOrThrow();
      await store.db.transaction().execute(async (trx) => {
        const period = await trx
          .insertInto("reporting_period")
          .values({
            plan_id: plan.id,
            // Dated before the published period: only its state keeps it off the public side.
            as_of: "2013-06-30",
            published_on: null,
            deadline: null,
            state: "open",
            created_at: new Date().toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const indicator = await trx
          .selectFrom("indicator")
          .select("id")
          .where("code", "=", "I0001")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("indicator_value")
          .values({
            indicator_id: indicator.id,
            kind: "result",
            fiscal_year: 2013,
            reporting_period_id: period.id,
            value: "39",
            note: null,
          })
          .execute();
      });
      const staffSide = await loadPlanIndicators(store.db, plan.id);
      assert.ok(
        staffSide.indicators[0]?.values.some((v) => v.value === "39"),
        "stored",
      );
      const app = createApp(store);
      const api = (await (
        await app.request(`/api/v1/plans/${value.planSlug}/indicators/I0001`)
      ).json()) as { values: Array<{ value: string | null }>; achievement: { result: string } };
      assert.ok(!api.values.some((v) => v.value === "39"));
      assert.equal(api.achievement.result, "30", "judged on the published mid-year result");
      const csv = await (await app.request(`/plans/${value.planSlug}/indicators.csv`)).text();
      assert.ok(csv.includes(",30,見込み,2013-09-30"));
      assert.ok(!csv.includes(",39,"), "the draft period's result is not in the download");
    } finally {
      await store.dispose();
    }
  });
});
