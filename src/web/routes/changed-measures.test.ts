import assert from "node:assert/strict";
import { it } from "node:test";
import { clearSuggestedStatuses } from "../../../test/factories/model-report.ts";
import { measureCodeOf, type staffedPlan, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { publishPeriod } from "../../commands/cycle/period-publisher.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
import { reviseRoadmap } from "../../commands/cycle/roadmap-reviser.ts";
import type { FigureInput } from "../../domain/confirmed-figure.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const FIRST = "2013-09-30";
const NEXT = "2014-03-31";

async function versionOf(store: Store, code: string): Promise<number> {
  const row = await store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select("progress.version")
    .where("measure.code", "=", code)
    .where("reporting_period.as_of", "=", NEXT)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The section of one measure on an item page. */
function measureSection(body: string, code: string): string {
  const start = body.indexOf(`<section class="measure" id="measure-${code}"`);
  assert.ok(start >= 0, `${code} is on the page`);
  return body.slice(start, body.indexOf("</section>", start));
}

/** Open the next period as the staffed example plan, re-save drafts as given, accept them and publish. */
async function publishWith(
  store: Store,
  planSlug: string,
  staff: Awaited<ReturnType<typeof staffedPlan>>["staff"],
  edits: Array<{
    actor: Actor;
    code: string;
    narrative?: string;
    statusCode?: string | null;
    figures?: FigureInput[];
  }>,
  before: (store: Store) => Promise<void> = async () => {},
) {
  await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
  await before(store);
  for (const edit of edits) {
    const draft = await store.db
      .selectFrom("progress")
      .innerJoin("measure", "measure.id", "progress.measure_id")
      .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
      .select(["progress.narrative", "progress.status_code"])
      .where("measure.code", "=", edit.code)
      .where("reporting_period.as_of", "=", NEXT)
      .executeTakeFirstOrThrow();
    await saveProgress(store, edit.actor, {
      planSlug,
      asOf: NEXT,
      measureCode: edit.code,
      narrative: edit.narrative ?? draft.narrative,
      statusCode: edit.statusCode === undefined ? draft.status_code : edit.statusCode,
      expectedVersion: await versionOf(store, edit.code),
      ...(edit.figures ? { figures: edit.figures } : {}),
    });
    await reviewProgress(store, staff.planner, {
      planSlug,
      asOf: NEXT,
      measureCode: edit.code,
      decision: "accept",
      comment: "",
      expectedVersion: await versionOf(store, edit.code),
    });
  }
  await publishPeriod(store, staff.planner, { planSlug, asOf: NEXT, publishedOn: "2014-05-01" });
}

forEachStore("changed measures after a publication", (dialect) => {
  it("reports exactly the measures whose text, status, figures or roadmap changed, and keeps No.2's first period", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await clearSuggestedStatuses(store);
      const nursery = await measureCodeOf(store, planSlug, 56);
      const transport = await measureCodeOf(store, planSlug, 25);
      // No.2's second measure: its first report printed no text of its own.
      const second = await store.db
        .selectFrom("measure")
        .select("code")
        .where("title", "=", "熊本都市圏及び九州縦軸・横軸連携の推進")
        .executeTakeFirstOrThrow();
      const firstReport = await store.db
        .selectFrom("progress")
        .innerJoin("measure", "measure.id", "progress.measure_id")
        .select("progress.narrative")
        .where("measure.code", "=", second.code)
        .execute();
      assert.ok(
        firstReport.every((p) => p.narrative === ""),
        "the example's No.2 second measure has no text",
      );

      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      for (const [actor, code] of [
        [staff.nursery, nursery],
        [staff.transport, transport],
      ] as const) {
        await saveProgress(store, actor, {
          planSlug,
          asOf: NEXT,
          measureCode: code,
          narrative: "今期の取組を進めた",
          statusCode: "in_progress",
          expectedVersion: await versionOf(store, code),
        });
        await reviewProgress(store, staff.planner, {
          planSlug,
          asOf: NEXT,
          measureCode: code,
          decision: "accept",
          comment: "",
          expectedVersion: await versionOf(store, code),
        });
      }
      await publishPeriod(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        publishedOn: "2014-05-01",
      });
      const app = createApp(store);

      const overview = await (await app.request(`/plans/${planSlug}`)).text();
      assert.match(overview, /進捗状況の記述または状況区分が変わった取組：2件/u);
      // The legend names the mark; no change in the list carries it.
      assert.ok(!overview.includes('<p><strong class="tag change-new">'), "no measure is new");
      assert.ok(!overview.includes(`#measure-${second.code}"`), "No.2 is not listed as changed");

      const item = measureSection(
        await (await app.request(`/plans/${planSlug}/items/2`)).text(),
        second.code,
      );
      assert.match(item, /<time datetime="2013-09-30">/u, "the first period is kept");
      assert.match(item, /<time datetime="2014-03-31">/u);
      assert.equal(item.match(/最初の報告/gu)?.length, 1, "one first report");
      assert.ok(
        item.indexOf("前回から変更なし") < item.indexOf("2013-09-30"),
        "the new period is unchanged",
      );

      const list = await (
        await app.request(`/plans/${planSlug}/measures?since=${FIRST}&changed=1`)
      ).text();
      assert.match(list, /2件のうち 1〜2件目を表示/u);
      assert.ok(list.includes(nursery) && list.includes(transport));
      assert.ok(!list.includes(`>${second.code}<`), "No.2 is not changed");
    } finally {
      await store.dispose();
    }
  });
  it("counts a measure changed by its status, its figures or its roadmap alone, and not one saved again as it was", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await clearSuggestedStatuses(store);
      const [status, figures, resaved] = [
        await measureCodeOf(store, planSlug, 56),
        await measureCodeOf(store, planSlug, 25),
        await measureCodeOf(store, planSlug, 57),
      ];
      const roadmap = await measureCodeOf(store, planSlug, 3);
      await publishWith(
        store,
        planSlug,
        staff,
        [
          { actor: staff.nursery, code: status, statusCode: "in_progress" },
          {
            actor: staff.transport,
            code: figures,
            figures: [{ value: 19, total: 35, unit: "電停" }],
          },
          { actor: staff.nursery, code: resaved },
        ],
        async () => {
          await reviseRoadmap(store, staff.planner, {
            planSlug,
            measureCode: roadmap,
            years: [{ fiscalYear: 2015, text: "⇒ 新たな提言" }],
          });
        },
      );
      const list = await (
        await createApp(store).request(`/plans/${planSlug}/measures?since=${FIRST}&changed=1`)
      ).text();
      assert.match(list, /3件のうち 1〜3件目を表示/u);
      for (const code of [status, figures, roadmap]) assert.ok(list.includes(code), code);
      assert.ok(!list.includes(resaved), "saved again as it was: unchanged");
    } finally {
      await store.dispose();
    }
  });
});
