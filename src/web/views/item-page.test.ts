import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { createApp } from "../app.ts";

forEachStore("the item page", (dialect) => {
  it("shows the confirmed figures of the shown period under the narrative, with their qualifier, and the plan JSON carries them", async () => {
    const store = await freshStore(dialect);
    try {
      const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
        organization: KUMAMOTO,
      });
      const progress = await store.db
        .selectFrom("progress")
        .innerJoin("measure", "measure.id", "progress.measure_id")
        .innerJoin("item", "item.id", "measure.item_id")
        .select(["progress.id", "measure.code"])
        .where("item.number", "=", 29)
        .orderBy("measure.id")
        .executeTakeFirstOrThrow();
      // Stored as the save command stores them (tested there); here only what the page shows.
      await store.db
        .insertInto("progress_figure")
        .values([
          {
            progress_id: progress.id,
            position: 0,
            value: 19,
            total: 35,
            unit: "電停",
            qualifier: null,
            text: "35電停中19電停",
          },
          {
            progress_id: progress.id,
            position: 1,
            value: 935,
            total: null,
            unit: "m",
            qualifier: "約",
            text: "約935m",
          },
          {
            progress_id: progress.id,
            position: 2,
            value: 31000,
            total: null,
            unit: "人",
            qualifier: "以上",
            text: "3万1千人以上",
          },
        ])
        .execute();
      const app = createApp(store);
      const page = await (await app.request(`/plans/${planSlug}/items/29`)).text();
      const section = page.slice(page.indexOf(`id="measure-${progress.code}"`));
      assert.match(
        section,
        /<p class="narrative">[^<]*<\/p>\s*<p class="figures-label" id="measure-M\d+-figures">数値（担当課が確定した値）<\/p>\s*<ul class="figure-list" aria-labelledby="measure-M\d+-figures"><li>19 \/ 35 電停<\/li><li>約 935 m<\/li><li>31,000 人以上<\/li><\/ul>/u,
      );
      const other = await (await app.request(`/plans/${planSlug}/items/56`)).text();
      assert.doesNotMatch(other, /figure-list/u, "no list where nothing was confirmed");

      const json = await (await app.request(`/plans/${planSlug}/plan.json`)).text();
      assert.match(
        json,
        /"figures": \[\s*\{\s*"value": 19,\s*"total": 35,\s*"unit": "電停",\s*"qualifier": null,\s*"text": "35電停中19電停"/u,
      );
    } finally {
      await store.dispose();
    }
  });
});
