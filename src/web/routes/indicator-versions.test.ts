import assert from "node:assert/strict";
import { it } from "node:test";
import { addSampleIndicators } from "../../../test/factories/indicators.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { changeIndicator } from "../../commands/cycle/indicator-definer.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { IndicatorWriter } from "../../commands/indicator-writer.ts";
import { bumpRevision } from "../../commands/revision-bumper.ts";
import type { IndicatorDefinitionForm } from "../../domain/indicator-definition.ts";
import { ImportReportBuilder } from "../../import/import-report.ts";
import { searchIndicators } from "../../store/search/indicator-search.ts";
import { createApp } from "../app.ts";

const form = (target2013: string, name = "保育所の定員"): IndicatorDefinitionForm => ({
  name,
  unit: "人",
  kind: "成果指標",
  direction: "increase",
  source: "",
  achievementForm: "auto",
  baselineYear: "2011",
  baselineValue: "1000",
  targets: { 2013: target2013 },
  finalYear: "",
  finalValue: "",
});

/** The lines of the indicators CSV (as of a period when given) that hold a text (I0001). */
async function csvLines(
  app: ReturnType<typeof createApp>,
  planSlug: string,
  period?: string,
  text = "I0001",
) {
  const res = await app.request(
    `/plans/${planSlug}/indicators.csv${period ? `?period=${period}` : ""}`,
  );
  assert.equal(res.status, 200);
  return (await res.text()).split(/\r?\n/u).filter((l) => l.includes(text));
}

forEachStore("indicators defined on the staff side, by reporting period", (dialect) => {
  it("keeps a definition private until its period is published, and each published period showing the definition it was published with", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const owner = `measure:${await measureCodeOf(store, planSlug, 56)}`;
      const item = `/plans/${planSlug}/items/56`;
      const page = async (period?: string) =>
        (await app.request(`${item}${period ? `?period=${period}` : ""}`)).text();
      /** The names the national indicator search finds for a query. */
      const found = async (query: string) =>
        (await searchIndicators(store, { query })).results.map((r) => r.name);

      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      await changeIndicator(store, staff.planner, planSlug, {
        action: "define",
        owner,
        form: form("1500"),
      });
      assert.doesNotMatch(await page(), /保育所の定員/u, "not public while its period is open");
      assert.deepEqual(await found("保育所"), [], "nor found by the national search");
      assert.deepEqual(await csvLines(app, planSlug), []);
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-15",
      });
      assert.match(await page(), /保育所の定員/u, "public once the period is published");
      assert.deepEqual(await found("保育所"), ["保育所の定員"]);
      assert.doesNotMatch(
        await page("2013-09-30"),
        /保育所の定員/u,
        "the period before it never had it",
      );
      const asPublished = await csvLines(app, planSlug, "2014-03-31");
      assert.ok(asPublished.some((l) => l.includes("1500")));

      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-09-30", deadline: null });
      await changeIndicator(store, staff.planner, planSlug, {
        action: "revise",
        code: "I0001",
        form: form("1600", "保育所の利用定員"),
      });
      assert.match(await page(), /保育所の定員/u, "the revision is a draft until published");
      assert.doesNotMatch(await page(), /保育所の利用定員/u);
      assert.deepEqual(await found("利用定員"), [], "a draft name is not searchable");
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-09-30",
        publishedOn: "2014-11-15",
      });
      assert.match(await page(), /保育所の利用定員/u);
      assert.deepEqual(await found("利用定員"), ["保育所の利用定員"]);
      assert.ok((await csvLines(app, planSlug)).some((l) => l.includes("1600")));
      assert.deepEqual(
        await csvLines(app, planSlug, "2014-03-31"),
        asPublished,
        "the earlier period's export is unchanged",
      );
      assert.match(await page("2014-03-31"), /保育所の定員/u);
      assert.doesNotMatch(await page("2014-03-31"), /保育所の利用定員/u);

      await openPeriod(store, staff.planner, { planSlug, asOf: "2015-03-31", deadline: null });
      await changeIndicator(store, staff.planner, planSlug, { action: "retire", code: "I0001" });
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2015-03-31",
        publishedOn: "2015-05-15",
      });
      assert.doesNotMatch(await page(), /保育所の利用定員/u, "retired from its period on");
      assert.deepEqual(await csvLines(app, planSlug), []);
      assert.deepEqual(await found("保育所"), [], "a retired indicator is not searched");
      assert.match(await page("2014-09-30"), /保育所の利用定員/u, "kept in the periods before");
    } finally {
      await store.dispose();
    }
  });

  it("keeps an imported indicator's earlier definition in the periods before its first revision", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await addSampleIndicators(store, planSlug);
      const app = createApp(store);
      const { code } = await store.db
        .selectFrom("indicator")
        .select("code")
        .where("name", "=", "待機児童数")
        .executeTakeFirstOrThrow();
      const lines = (period?: string) => csvLines(app, planSlug, period, "待機児童数");
      const asImported = await lines("2013-09-30");
      assert.ok(asImported.some((l) => l.includes("目標値") && l.includes(",20")));
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      await changeIndicator(store, staff.planner, planSlug, {
        action: "revise",
        code,
        form: {
          ...form("10", "待機児童数"),
          direction: "decrease",
          achievementForm: "ratio",
          baselineYear: "2012",
          baselineValue: "100",
        },
      });
      assert.deepEqual(await lines(), asImported, "the revision is a draft until published");
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: "2014-03-31",
        publishedOn: "2014-05-15",
      });
      const revised = await lines();
      assert.ok(revised.some((l) => l.includes("目標値") && l.includes(",10")));
      assert.ok(
        revised.some((l) => l.includes("実績値") && l.includes(",40")),
        "its results are kept",
      );
      assert.deepEqual(await lines("2013-09-30"), asImported, "the earlier period is unchanged");

      // An import afterwards (a corrected target) holds from the latest period on.
      await store.db.transaction().execute(async (trx) => {
        const { plan_id: planId, item_id: itemId } = await trx
          .selectFrom("indicator")
          .select(["plan_id", "item_id"])
          .where("code", "=", code)
          .executeTakeFirstOrThrow();
        await new IndicatorWriter(trx, planId, new ImportReportBuilder("test")).write(
          { itemId: itemId ?? 0 },
          [
            {
              name: "待機児童数",
              unit: "人",
              kind: "成果指標",
              direction: "decrease",
              source: null,
              achievementForm: "ratio",
              line: null,
              values: [
                {
                  kind: "target",
                  fiscalYear: 2013,
                  final: false,
                  periodAsOf: null,
                  value: "5",
                  note: null,
                },
              ],
            },
          ],
        );
        await bumpRevision(trx); // as every import does
      });
      assert.ok((await lines()).some((l) => l.includes("目標値") && l.includes(",5")));
      assert.deepEqual(await lines("2013-09-30"), asImported, "still unchanged");
    } finally {
      await store.dispose();
    }
  });
});
