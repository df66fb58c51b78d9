import assert from "node:assert/strict";
import { it } from "node:test";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

async function figureRows(store: Store) {
  return (
    await store.db
      .selectFrom("progress_figure")
      .select(["value", "total", "unit", "qualifier", "text"])
      .orderBy("progress_id")
      .orderBy("position")
      .execute()
  ).map((r) => ({ ...r }));
}

/** A row of the 「数値」 fieldset as the form posts it. */
const row = (i: number, kind: string, f: Record<string, string>) =>
  Object.fromEntries([
    [`figures.${i}.kind`, kind],
    ...Object.entries({ value: "", total: "", unit: "", qualifier: "", text: "", ...f }).map(
      ([k, v]) => [`figures.${i}.${k}`, v],
    ),
  ]);

forEachStore("the 数値 fieldset of the progress form", (dialect) => {
  it("proposes the narrative's figures unchecked, stores only the confirmed ones and those added by hand, and removes a stored one", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const editor = await signedIn(app, "nursery");
      const form = await (await editor.get(url)).text();
      assert.match(form, /<legend>数値<\/legend>/u);
      assert.match(form, /<legend>数値 1（本文から読み取った候補）<\/legend>/u);
      assert.match(
        form,
        /<input type="checkbox" id="figures\.0\.confirm" name="figures\.0\.confirm" value="1"><label for="figures\.0\.confirm">この数値を確定する<\/label>/u,
        "a proposal is not confirmed until ticked",
      );
      assert.match(form, /id="figures\.0\.value" name="figures\.0\.value" type="text" value="10"/u);
      assert.match(form, /<legend>数値 2（手で追加）<\/legend>/u);
      assert.match(form, /<label for="figures\.1\.qualifier">修飾語<\/label>/u);

      const narrative = "新設含む10ヶ所の保育所整備を実施中。定員 1,200 人";
      const saved = await editor.post(url, {
        _csrf: csrfOf(form),
        version: "1",
        narrative,
        statusCode: "in_progress",
        ...row(0, "proposed", { value: "10", unit: "ヶ所", text: "10ヶ所", confirm: "1" }),
        ...row(1, "proposed", { value: "99", text: "99件" }),
        ...row(2, "new", { value: "１，２００", unit: "人", qualifier: "約", text: "1,200 人" }),
        ...row(3, "new", {}),
      });
      assert.equal(saved.status, 303);
      assert.deepEqual(await figureRows(store), [
        { value: 10, total: null, unit: "ヶ所", qualifier: null, text: "10ヶ所" },
        { value: 1200, total: null, unit: "人", qualifier: "約", text: "1,200 人" },
      ]);

      const again = await (await editor.get(url)).text();
      assert.match(again, /<legend>数値 1（確定済み）<\/legend>/u);
      assert.match(again, /<label for="figures\.0\.remove">この数値を削除する<\/label>/u);
      assert.doesNotMatch(again, /本文から読み取った候補/u, "what is stored is not proposed again");
      const removed = await editor.post(url, {
        _csrf: csrfOf(again),
        version: "2",
        narrative,
        statusCode: "in_progress",
        ...row(0, "stored", { value: "10", unit: "ヶ所", text: "10ヶ所", remove: "1" }),
        ...row(1, "stored", { value: "1200", unit: "人", qualifier: "約", text: "1,200 人" }),
      });
      assert.equal(removed.status, 303);
      assert.deepEqual(await figureRows(store), [
        { value: 1200, total: null, unit: "人", qualifier: "約", text: "1,200 人" },
      ]);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a bad figure beside its row with every typed value kept, storing nothing, and keeps typed figures on a conflict", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/measures/${await measureCodeOf(store, planSlug, 56)}`;
      const editor = await signedIn(app, "nursery");
      const form = await (await editor.get(url)).text();
      const before = await store.db.selectFrom("progress").selectAll().orderBy("id").execute();
      const typed = {
        _csrf: csrfOf(form),
        version: "1",
        narrative: "保育所を整備中（入力途中）",
        statusCode: "in_progress",
        // Row 0 is an unticked proposal: it is not saved, so the bad row is figure 0 but form row 1.
        ...row(0, "proposed", { value: "10", unit: "ヶ所", text: "10ヶ所" }),
        ...row(1, "new", { value: "たくさん", unit: "園<b>", total: "35" }),
      };
      const refused = await editor.post(url, typed);
      assert.equal(refused.status, 400);
      const page = await refused.text();
      assert.match(page, /<title>エラー：/u);
      assert.match(page, /<a href="#figures\.1\.value">1件目の数値: 値を数字で/u);
      assert.match(page, /<p class="field-error" id="figures\.1\.value-error">/u);
      assert.match(
        page,
        /id="figures\.1\.value" name="figures\.1\.value" type="text" value="たくさん"/u,
      );
      assert.match(page, /aria-describedby="figures\.1\.value-error" aria-invalid="true"/u);
      assert.match(page, /name="figures\.1\.unit" type="text" value="園&lt;b&gt;"/u, "escaped");
      assert.match(page, /name="figures\.1\.total" type="text" value="35"/u);
      assert.match(page, /保育所を整備中（入力途中）<\/textarea>/u);
      assert.match(page, /id="figures\.0\.confirm" name="figures\.0\.confirm" value="1"><label/u);
      assert.deepEqual(
        await store.db.selectFrom("progress").selectAll().orderBy("id").execute(),
        before,
      );
      assert.deepEqual(await figureRows(store), []);

      // Someone else saves first: the second person's typed figures stay in the form.
      const planner = await signedIn(app, "planner");
      const plannerForm = await (await planner.get(url)).text();
      assert.equal(
        (
          await editor.post(url, {
            ...typed,
            ...row(1, "new", { value: "3", unit: "園" }),
          })
        ).status,
        303,
      );
      const collided = await planner.post(url, {
        _csrf: csrfOf(plannerForm),
        version: "1",
        narrative: "企画課の文",
        statusCode: "",
        ...row(0, "new", { value: "42", unit: "件", qualifier: "以上" }),
      });
      assert.equal(collided.status, 409);
      const conflict = await collided.text();
      assert.match(
        conflict,
        /他の人が先に保存した内容[\s\S]*数値: 3 園/u,
        "the other save's figures",
      );
      assert.match(conflict, /name="figures\.0\.value" type="text" value="42"/u);
      assert.match(conflict, /<option value="以上" selected>以上<\/option>/u);
      assert.deepEqual(await figureRows(store), [
        { value: 3, total: null, unit: "園", qualifier: null, text: "" },
      ]);
    } finally {
      await store.dispose();
    }
  });
});
