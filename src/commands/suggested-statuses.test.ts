import assert from "node:assert/strict";
import { it } from "node:test";
import { staffedPlanSeed } from "../../test/factories/staff.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import { measurePlacements } from "../domain/plan-tree.ts";
import { suggestStatus } from "../domain/status-rules.ts";
import { measuresCsv } from "../export/measures-csv.ts";
import { planJson } from "../export/plan-json.ts";
import { loadPlanTree } from "../store/queries/plan-tree-query.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "../web/app.ts";
import { openPeriod } from "./cycle/period-opener.ts";
import { reviewProgress } from "./cycle/progress-reviewer.ts";
import { saveProgress } from "./cycle/progress-saver.ts";

const NEXT = "2014-03-31";
/** Item 56's first measure: 「新設含む10ヶ所の保育所整備を実施中」. */
const NURSERY = "保育所整備による待機児童の解消";

async function progressRow(store: Store, title: string, asOf: string) {
  return store.db
    .selectFrom("progress")
    .innerJoin("measure", "measure.id", "progress.measure_id")
    .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
    .select([
      "measure.code",
      "progress.status_code",
      "progress.status_suggested",
      "progress.status_words",
      "progress.version",
    ])
    .where("measure.title", "=", title)
    .where("measure.relisting_of_measure_id", "is", null)
    .where("reporting_period.as_of", "=", asOf)
    .executeTakeFirstOrThrow();
}

/** The first object anywhere in a JSON value with this title. */
function findByTitle(value: unknown, title: string): unknown {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findByTitle(v, title);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    if ((value as { title?: unknown }).title === title) return value;
    return findByTitle(Object.values(value), title);
  }
  return undefined;
}

forEachStore("statuses suggested from the narrative", (dialect) => {
  it("gives the example plan, imported without statuses, the suggested status of each narrative, labelled as suggested with its words", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const tree = await loadPlanTree(store.db, value.planSlug);
      assert.ok(tree);
      const originals = measurePlacements(tree).filter((p) => !p.measure.relistingOf);
      const withStatus = originals.filter((p) => p.measure.progress?.statusCode);
      assert.ok(withStatus.length > 100, `${withStatus.length} measures got a status`);
      for (const { measure } of withStatus) {
        const progress = measure.progress;
        assert.ok(progress);
        assert.equal(progress.statusSource, "suggested", measure.code);
        const suggestion = suggestStatus(progress.narrative);
        assert.equal(progress.statusCode, suggestion.status, measure.code);
        assert.ok((progress.statusWords ?? []).length > 0, measure.code);
        for (const word of progress.statusWords ?? [])
          assert.ok(progress.narrative.includes(word), `${measure.code}: 「${word}」`);
      }
      // Where no rule applies, nothing is guessed.
      const without = originals.filter((p) => p.measure.progress && !p.measure.progress.statusCode);
      for (const { measure } of without)
        assert.equal(suggestStatus(measure.progress?.narrative ?? "").status, null, measure.code);

      const csv = measuresCsv(tree);
      const header = csv.split("\r\n")[0] ?? "";
      assert.ok(header.endsWith(",状況区分,状況区分の判定,担当課"), header);
      assert.match(
        csv,
        new RegExp(
          `${NURSERY},,,新設含む10ヶ所の保育所整備を実施中,実施中,自動判定,[^,\r\n]*\r\n`,
          "u",
        ),
      );
      const json = JSON.parse(planJson(tree));
      const measure = findByTitle(json, NURSERY) as {
        progress: { statusCode: string; statusSource: string; statusSuggestion: unknown };
      };
      assert.deepEqual(
        {
          statusCode: measure.progress.statusCode,
          statusSource: measure.progress.statusSource,
          statusSuggestion: measure.progress.statusSuggestion,
        },
        {
          statusCode: "in_progress",
          statusSource: "suggested",
          statusSuggestion: { label: "本文から自動判定", words: ["実施中"] },
        },
      );
    } finally {
      await store.dispose();
    }
  });

  it("counts suggested statuses apart from confirmed ones in the overview's chart and table, labelled 自動判定", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const body = await (await createApp(store).request(`/plans/${value.planSlug}`)).text();
      const table = body.slice(body.indexOf('<table class="status-table">'));
      const headers = [...table.matchAll(/<th scope="col" class="num[^"]*">([^<]*)<\/th>/gu)].map(
        (m) => m[1],
      );
      assert.ok(headers.includes("実施中（自動判定）"), headers.join(" "));
      assert.ok(headers.includes("実施中"), "the confirmed column is still there");
      const firstRow = table.slice(table.indexOf("<tbody>")).split("</tr>")[0] ?? "";
      const cells = [...firstRow.matchAll(/<td class="num[^"]*">(\d+)<\/td>/gu)].map((m) =>
        Number(m[1]),
      );
      const at = (name: string) => cells[headers.indexOf(name)] ?? -1;
      // Nothing is confirmed yet: every confirmed column of the whole plan is 0.
      for (const name of ["完了", "実施中", "検討・準備中", "未着手", "中止"])
        assert.equal(at(name), 0, name);
      assert.ok(at("実施中（自動判定）") > 0);
      assert.match(body, /class="segment-suggested"/u);
      assert.match(body, /本文から自動判定/u);
      assert.match(body, /市が判断した状況区分ではありません/u);
    } finally {
      await store.dispose();
    }
  });

  it("replaces a suggestion by the status a person saves, and confirms it when the planning division accepts it", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    const { planSlug, staff } = value;
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      const carried = await progressRow(store, NURSERY, NEXT);
      assert.equal(carried.status_code, "in_progress");
      assert.equal(carried.status_suggested, 1, "opening a period keeps a suggestion a suggestion");

      await saveProgress(store, staff.nursery, {
        planSlug,
        asOf: NEXT,
        measureCode: carried.code,
        narrative: "新設含む10ヶ所の保育所整備が完了",
        statusCode: "completed",
        expectedVersion: carried.version,
      });
      const saved = await progressRow(store, NURSERY, NEXT);
      assert.deepEqual(
        [saved.status_code, saved.status_suggested, saved.status_words],
        ["completed", 0, null],
      );

      // Another carried suggestion, accepted as it stands by the planning division.
      const other = await progressRow(store, "家庭的保育事業の実施", NEXT);
      assert.equal(other.status_suggested, 1);
      await reviewProgress(store, staff.planner, {
        planSlug,
        asOf: NEXT,
        measureCode: other.code,
        decision: "accept",
        comment: "",
        expectedVersion: other.version,
      });
      const accepted = await progressRow(store, "家庭的保育事業の実施", NEXT);
      assert.deepEqual(
        [accepted.status_code, accepted.status_suggested, accepted.status_words],
        [other.status_code, 0, null],
      );
      // The published period keeps its suggestion.
      assert.equal((await progressRow(store, NURSERY, "2013-09-30")).status_suggested, 1);
    } finally {
      await store.dispose();
    }
  });
});
