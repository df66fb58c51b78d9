import assert from "node:assert/strict";
import { it } from "node:test";
import { addMeasureIndicator } from "../../../test/factories/indicators.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { attachFigureToIndicator } from "../../commands/cycle/figure-result-attacher.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const AS_OF = "2014-03-31";

/** Every mid-year result stored, with its indicator, fiscal year and period. */
async function periodResults(store: Store) {
  return (
    await store.db
      .selectFrom("indicator_value")
      .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
      .innerJoin("reporting_period", "reporting_period.id", "indicator_value.reporting_period_id")
      .select([
        "indicator.code",
        "indicator_value.value",
        "indicator_value.fiscal_year",
        "reporting_period.as_of",
      ])
      .execute()
  ).map((r) => ({ ...r }));
}

const auditCount = async (store: Store) =>
  (
    await store.db
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", "indicator.result")
      .execute()
  ).length;

/**
 * The staffed plan with an open period; item 56's measure has two indicators (保育所の数 in ヶ所
 * first, 保育所の定員 in 人) and a draft whose confirmed figure is 1,320 人; item 25's measure
 * (another department's) has one of its own.
 */
async function setUp(dialect: Parameters<Parameters<typeof forEachStore>[1]>[0]) {
  const seeded = await seededStore(dialect, staffedPlanSeed);
  const { store } = seeded;
  const { planSlug, staff } = seeded.value;
  const measureCode = await measureCodeOf(store, planSlug, 56);
  const places = await addMeasureIndicator(store, planSlug, measureCode, {
    name: "保育所の数",
    unit: "ヶ所",
  });
  const capacity = await addMeasureIndicator(store, planSlug, measureCode);
  const otherMeasure = await measureCodeOf(store, planSlug, 25);
  const other = await addMeasureIndicator(store, planSlug, otherMeasure, {
    name: "低床車両の数",
    unit: "両",
  });
  await openPeriod(store, staff.planner, { planSlug, asOf: AS_OF, deadline: null });
  const app = createApp(store);
  const url = `/staff/plans/${planSlug}/measures/${measureCode}`;
  const editor = await signedIn(app, "nursery");
  const saved = await editor.post(url, {
    _csrf: csrfOf(await (await editor.get(url)).text()),
    version: "1",
    narrative: "保育所の定員を拡大した",
    statusCode: "in_progress",
    "figures.0.kind": "new",
    "figures.0.value": "1,320",
    "figures.0.unit": "人",
    "figures.0.text": "",
  });
  assert.equal(saved.status, 303, "the figure is confirmed with the draft");
  return {
    store,
    app,
    planSlug,
    staff,
    measureCode,
    otherMeasure,
    url,
    editor,
    places,
    capacity,
    other,
  };
}

forEachStore("a confirmed figure stored as an indicator's result in one step", (dialect) => {
  it("offers the measure's indicators beside each confirmed figure, the figure's unit first, and stores its value as the period's result, audited", async () => {
    const { store, url, editor, places, capacity } = await setUp(dialect);
    try {
      const page = await (await editor.get(url)).text();
      assert.match(page, /<h2 id="figure-attach-title">確定した数値を指標の実績値にする<\/h2>/u);
      assert.match(page, /数値 1: <strong>1,320 人<\/strong>/u);
      assert.match(
        page,
        new RegExp(
          `<select id="attach\\.0\\.indicator" name="indicator"[^>]*><option value="">選んでください</option><option value="${capacity}" selected>保育所の定員（人）</option><option value="${places}">保育所の数（ヶ所）</option></select>`,
          "u",
        ),
        "the indicator of the figure's unit comes first, chosen",
      );
      const form = page.slice(page.indexOf('id="figure-attach-title"'));
      const attach = (value: string) =>
        editor.post(`${url}/figure-results`, {
          _csrf: csrfOf(form),
          figure: "0",
          value,
          indicator: capacity,
        });
      const res = await attach("1320");
      assert.equal(res.status, 303);
      assert.match(res.headers.get("location") ?? "", /\?saved=indicator$/u);
      assert.deepEqual(await periodResults(store), [
        { code: capacity, value: "1320", fiscal_year: 2013, as_of: AS_OF },
      ]);
      const after = await (await editor.get(`${url}?saved=indicator`)).text();
      assert.match(after, /数値を指標の実績値として保存しました。/u);
      assert.match(
        after,
        new RegExp(
          `id="indicator\\.${capacity}" name="indicator\\.${capacity}" type="text" value="1320"`,
          "u",
        ),
        "the draft form's result field shows it",
      );

      assert.equal((await attach("1,400")).status, 303);
      assert.deepEqual(
        await periodResults(store),
        [{ code: capacity, value: "1400", fiscal_year: 2013, as_of: AS_OF }],
        "a second attachment replaces the period's result",
      );
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["entity_id", "before", "after"])
        .where("action", "=", "indicator.result")
        .orderBy("id")
        .execute();
      assert.equal(audit.length, 2);
      assert.equal(audit[1]?.entity_id, `${capacity}@${AS_OF}`);
      assert.deepEqual(JSON.parse(audit[1]?.before ?? "null"), {
        indicator: capacity,
        value: "1320",
      });
      assert.deepEqual(JSON.parse(audit[1]?.after ?? "null"), {
        indicator: capacity,
        value: "1400",
        period: AS_OF,
      });
    } finally {
      await store.dispose();
    }
  });

  it("refuses a value that is not a number and an indicator of another measure beside the field, storing nothing", async () => {
    const { store, url, editor, capacity, other } = await setUp(dialect);
    try {
      const csrf = csrfOf(await (await editor.get(url)).text());
      const notANumber = await editor.post(`${url}/figure-results`, {
        _csrf: csrf,
        figure: "0",
        value: "集計中",
        indicator: capacity,
      });
      assert.equal(notANumber.status, 400);
      const page = await notANumber.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(
        page,
        /<p class="field-error" id="attach\.0\.value-error"><span class="visually-hidden">エラー：<\/span>数値ではない値は指標の実績値にできません（「集計中」）<\/p>/u,
      );
      assert.match(page, /<a href="#attach\.0\.value">/u, "the summary links to the figure");

      const otherMeasure = await editor.post(`${url}/figure-results`, {
        _csrf: csrf,
        figure: "0",
        value: "1320",
        indicator: other,
      });
      assert.equal(otherMeasure.status, 400);
      const refused = await otherMeasure.text();
      assert.match(
        refused,
        new RegExp(
          `<p class="field-error" id="attach\\.0\\.indicator-error">.*指標 ${other} はこの取組の指標ではありません</p>`,
          "u",
        ),
      );
      assert.match(refused, /<select id="attach\.0\.indicator"[^>]*aria-invalid="true"/u);

      const none = await editor.post(`${url}/figure-results`, {
        _csrf: csrf,
        figure: "0",
        value: "1320",
        indicator: "",
      });
      assert.equal(none.status, 400);
      assert.match(await none.text(), /実績値にする指標を選んでください/u);

      assert.deepEqual(await periodResults(store), []);
      assert.equal(await auditCount(store), 0);
    } finally {
      await store.dispose();
    }
  });

  it("refuses an editor of another department, a post without the form's token and a closed period, storing nothing", async () => {
    const { store, app, planSlug, staff, measureCode, otherMeasure, url, capacity } =
      await setUp(dialect);
    try {
      const transport = await signedIn(app, "transport");
      const ownPage = await (
        await transport.get(`/staff/plans/${planSlug}/measures/${otherMeasure}`)
      ).text();
      const forbidden = await transport.post(`${url}/figure-results`, {
        _csrf: csrfOf(ownPage),
        figure: "0",
        value: "1320",
        indicator: capacity,
      });
      assert.equal(forbidden.status, 403);

      const editor = await signedIn(app, "nursery");
      const noToken = await editor.post(`${url}/figure-results`, {
        figure: "0",
        value: "1320",
        indicator: capacity,
      });
      assert.equal(noToken.status, 403);
      assert.deepEqual(await periodResults(store), []);
      assert.equal(await auditCount(store), 0);

      const csrf = csrfOf(await (await editor.get(url)).text());
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: AS_OF,
        measureCode,
        decision: "accept",
        comment: "",
        expectedVersion: 2,
      });
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: AS_OF,
        publishedOn: "2014-05-15",
      });
      const closed = await editor.post(`${url}/figure-results`, {
        _csrf: csrf,
        figure: "0",
        value: "1320",
        indicator: capacity,
      });
      assert.equal(closed.status, 400);
      assert.match(await closed.text(), /受付中の報告期がないため、実績値を保存できません/u);
      await assert.rejects(
        attachFigureToIndicator(store, staff.nursery, {
          planSlug,
          asOf: AS_OF,
          measureCode,
          indicatorCode: capacity,
          value: "1320",
          field: "attach.0",
        }),
        (error: unknown) =>
          error instanceof ShinchokuError &&
          error.id === "invalid_state" &&
          error.location.field === "attach.0.indicator" &&
          /基準日 2014-03-31 の報告期は受付中ではない/u.test(error.message),
      );
      assert.deepEqual(await periodResults(store), []);
      assert.equal(await auditCount(store), 0);
    } finally {
      await store.dispose();
    }
  });
});
