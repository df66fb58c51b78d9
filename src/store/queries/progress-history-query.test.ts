import assert from "node:assert/strict";
import { it } from "node:test";
import {
  KUMAMOTO,
  laterReportText,
  MODEL_REPORT_PATH,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportBytes, importReportFile } from "../../import/report-importer.ts";
import { loadProgressHistory } from "./progress-history-query.ts";

forEachStore("progress history across reporting periods", (dialect) => {
  it("gives each measure's narrative in every published period, oldest first, and only what was asked", async () => {
    const store = await freshStore(dialect);
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      await importReportBytes(store, new TextEncoder().encode(laterReportText()), "later.txt");
      const plan = await store.db.selectFrom("plan").select("id").executeTakeFirstOrThrow();
      // An open period (not yet published) must not show.
      const open = await store.db
        .insertInto("reporting_period")
        .values({
          plan_id: plan.id,
          as_of: "2014-09-30",
          state: "open",
          published_on: null,
          deadline: null,
          created_at: "2014-10-01T00:00:00Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const m0082 = await store.db
        .selectFrom("measure")
        .select("id")
        .where("code", "=", "M0082")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("progress")
        .values({
          measure_id: m0082.id,
          reporting_period_id: open.id,
          narrative: "下書き",
          status_code: null,
          version: 1,
          updated_at: "2014-10-01T00:00:00Z",
        })
        .execute();

      const history = await loadProgressHistory(store.db, plan.id, {
        measureCodes: ["M0082", "M0199", "M0054"],
      });
      // The reports print no statuses: each is suggested from its narrative, and says so.
      const suggested = (statusCode: string, word: string) => ({
        statusCode,
        statusSource: "suggested",
        statusWords: [word],
      });
      assert.deepEqual(history.get("M0082"), [
        {
          asOf: "2013-09-30",
          narrative: "新設含む10ヶ所の保育所整備を実施中",
          ...suggested("in_progress", "実施中"),
        },
        {
          asOf: "2014-03-31",
          narrative: "新設含む10ヶ所の保育所整備が完了",
          ...suggested("completed", "完了"),
        },
      ]);
      assert.deepEqual(history.get("M0199"), [
        {
          asOf: "2014-03-31",
          narrative: "小規模保育の実施に向けて検討中",
          ...suggested("preparing", "検討中"),
        },
      ]);
      assert.equal(history.has("M0054"), false, "a re-listing has no progress of its own");
      assert.deepEqual([...history.keys()].sort(), ["M0082", "M0199"]);

      const later = await loadProgressHistory(store.db, plan.id, { asOf: ["2014-03-31"] });
      // All 186 original measures: item 2's second measure, whose report printed no text of its
      // own (one progress cell for item 2's two measures), is there with empty text.
      assert.equal(later.size, 186, "every measure of the later period");
      assert.equal((await loadProgressHistory(store.db, plan.id, { measureCodes: [] })).size, 0);
      assert.equal((await loadProgressHistory(store.db, plan.id + 1)).size, 0, "another plan's");
    } finally {
      await store.dispose();
    }
  });
});
