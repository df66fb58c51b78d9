import assert from "node:assert/strict";
import { it } from "node:test";
import { addMeasureIndicator } from "../../../test/factories/indicators.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { saveIndicatorResultIn } from "../../commands/cycle/indicator-result-saver.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { createApp } from "../app.ts";

const OPEN_AS_OF = "2014-03-31";

forEachStore("indicator results in the reporting cycle", (dialect) => {
  it("takes a result on the draft form beside the earlier values and the target, and shows it publicly only once the period is published", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const code = await addMeasureIndicator(store, planSlug, measureCode);
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${measureCode}`;
      const editor = await signedIn(app, "nursery");
      const form = await (await editor.get(url)).text();
      assert.match(
        form,
        new RegExp(`<label for="indicator\\.${code}">保育所の定員（人）</label>`, "u"),
      );
      assert.match(
        form,
        /目標値: 1,500人（平成25年度（2013年度））・基準値: 1,000人・これまでの実績値: 平成24年度（2012年度） 1,100人/u,
      );

      const saved = await editor.post(url, {
        _csrf: csrfOf(form),
        version: "1",
        narrative: "保育所の定員を1,320人まで拡大",
        statusCode: "in_progress",
        [`indicator.${code}`]: "１，３２０",
      });
      assert.equal(saved.status, 303);
      const again = await (await editor.get(url)).text();
      assert.match(
        again,
        new RegExp(
          `id="indicator\\.${code}" name="indicator\\.${code}" type="text" value="1320"`,
          "u",
        ),
      );

      const itemPage = `/plans/${planSlug}/items/56`;
      const before = await (await app.request(itemPage)).text();
      assert.doesNotMatch(before, /1,320/u, "a draft's result is not public");

      const planner = await signedIn(app, "planner");
      const review = await (
        await planner.get(`/staff/plans/${planSlug}/review/${measureCode}`)
      ).text();
      assert.match(
        review,
        /<th scope="row">指標の実績値<\/th><td>なし<\/td><td>保育所の定員 1,320人<\/td>/u,
        "the planner sees the result when reviewing",
      );
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: OPEN_AS_OF,
        measureCode,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: OPEN_AS_OF,
        publishedOn: "2014-05-15",
      });

      const after = await (await app.request(itemPage)).text();
      assert.match(
        after,
        /<th scope="row">平成25年度（2013年度） 平成26年3月末時点<\/th><td class="num"><\/td><td class="num"><\/td><td class="num">1,320<\/td>/u,
      );
      // (1320 − 1000) / (1500 − 1000) = 64% → C
      assert.match(
        after,
        /平成25年度（2013年度）の達成率 64\.0%（実績値 1,320人、目標値 1,500人）/u,
      );
    } finally {
      await store.dispose();
    }
  });

  it("keeps a result's note when the draft is saved again with the same value, and drops it with a new value", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const code = await addMeasureIndicator(store, planSlug, measureCode);
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      // A result with its note, as the workbook's 指標 sheet enters it.
      await store.db.transaction().execute((trx) =>
        saveIndicatorResultIn(trx, staff.nursery, {
          planSlug,
          asOf: OPEN_AS_OF,
          code,
          result: { value: "1320", note: "見込み" },
        }),
      );
      const noteOfResult = async () =>
        (
          await store.db
            .selectFrom("indicator_value as v")
            .innerJoin("indicator as i", "i.id", "v.indicator_id")
            .select(["v.value", "v.note"])
            .where("i.code", "=", code)
            .where("v.kind", "=", "result")
            .where("v.reporting_period_id", "is not", null)
            .execute()
        ).map((r) => `${r.value} ${r.note ?? ""}`);
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${measureCode}`;
      const editor = await signedIn(app, "nursery");
      const save = async (version: string, result: string) => {
        const form = await (await editor.get(url)).text();
        const res = await editor.post(url, {
          _csrf: csrfOf(form),
          version,
          narrative: `保育所の定員を拡大（${result}）`,
          statusCode: "in_progress",
          [`indicator.${code}`]: result,
        });
        assert.equal(res.status, 303);
      };
      await save("1", "1,320");
      assert.deepEqual(await noteOfResult(), ["1320 見込み"]);
      await save("2", "1330");
      assert.deepEqual(await noteOfResult(), ["1330 "]);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a result that is not a number beside its field, keeping what was typed and storing nothing", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const code = await addMeasureIndicator(store, planSlug, measureCode);
      await openPeriod(store, staff.planner, { planSlug, asOf: OPEN_AS_OF, deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${measureCode}`;
      const editor = await signedIn(app, "nursery");
      const form = await (await editor.get(url)).text();
      const refused = await editor.post(url, {
        _csrf: csrfOf(form),
        version: "1",
        narrative: "保育所の定員を拡大中（入力途中）",
        statusCode: "in_progress",
        [`indicator.${code}`]: "集計中",
      });
      assert.equal(refused.status, 400);
      const page = await refused.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, new RegExp(`<p class="field-error" id="indicator\\.${code}-error">`, "u"));
      assert.match(page, /実績値は数値で入力してください（「集計中」は数値ではありません）/u);
      assert.match(
        page,
        new RegExp(
          `id="indicator\\.${code}" name="indicator\\.${code}" type="text" value="集計中"`,
          "u",
        ),
      );
      assert.match(page, /保育所の定員を拡大中（入力途中）/u);
      const results = await store.db
        .selectFrom("indicator_value")
        .select("value")
        .where("reporting_period_id", "is not", null)
        .execute();
      assert.deepEqual(results, []);
      const progress = await store.db
        .selectFrom("progress")
        .select("narrative")
        .where("narrative", "=", "保育所の定員を拡大中（入力途中）")
        .execute();
      assert.deepEqual(progress, [], "nothing of the refused form is stored");
    } finally {
      await store.dispose();
    }
  });
});
