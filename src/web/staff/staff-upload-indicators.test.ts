import assert from "node:assert/strict";
import { it } from "node:test";
import {
  handedOut,
  INDICATORS_NEXT,
  indicatorWorkbookSeed,
} from "../../../test/factories/indicator-workbook.ts";
import { csrfOf, type StaffClient, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { INDICATOR_SHEET_HEADERS } from "../../export/indicator-sheet.ts";
import type { Store } from "../../store/store.ts";
import type { UploadTables } from "../../store/upload-tables.ts";
import { createApp } from "../app.ts";

/** A multipart post of the upload form, with the client's cookies. */
async function postWorkbook(
  app: ReturnType<typeof createApp>,
  client: StaffClient,
  token: string,
  bytes: Uint8Array,
) {
  const form = new FormData();
  form.append("_csrf", token);
  form.append("kind", "workbook");
  form.append("file", new File([bytes], "plan.xlsx"));
  return app.request("/staff/uploads", {
    method: "POST",
    body: form,
    headers: { cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
}

/** The open period's results, as name → value and note. */
async function openResults(store: Store) {
  return (
    await store.db
      .selectFrom("indicator_value")
      .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
      .innerJoin("reporting_period", "reporting_period.id", "indicator_value.reporting_period_id")
      .select(["indicator.name", "indicator_value.value", "indicator_value.note"])
      .where("reporting_period.as_of", "=", INDICATORS_NEXT)
      .execute()
  ).map((r) => [r.name, r.value, r.note]);
}

forEachStore("indicator results uploaded in a department's workbook", (dialect) => {
  it("previews the 指標 rows a department changed, offers the commit when only results changed, and stores them on commit", async () => {
    const { store, value } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const app = createApp(store);
      const { edited, cell, codeOf } = await handedOut(store, value.planSlug);
      const editor = await signedIn(app, "nursery");
      const token = csrfOf(await (await editor.get("/staff/uploads")).text());
      const at = cell("保育所の定員", INDICATOR_SHEET_HEADERS.result);
      const up = await postWorkbook(app, editor, token, edited([{ cell: at, text: "1,234" }]));
      assert.equal(up.status, 303);
      const location = up.headers.get("location") ?? "";
      const preview = await (await editor.get(location)).text();
      assert.match(preview, /指標 7 \/ 実績値の変更 1 \/ 変更なし 6 \/ 取込不可 0/u);
      assert.match(
        preview,
        new RegExp(
          `<td>指標!${at.replace(/^[A-Z]+/u, "")}</td><th scope="row">${codeOf.get("保育所の定員")}</th><td>変更</td><td>【記入】実績値</td>`,
          "u",
        ),
      );
      assert.match(preview, /action="\/staff\/uploads\/[^"]+\/commit"/u, "the commit is offered");
      assert.deepEqual(await openResults(store), [], "nothing stored by the preview");
      assert.equal((await editor.post(`${location}/commit`, { _csrf: token })).status, 303);
      assert.deepEqual(await openResults(store), [["保育所の定員", "1234", null]]);
    } finally {
      await store.dispose();
    }
  });

  it("refuses at upload a workbook with a result that is not a number, naming the file, row and cell, and keeps nothing", async () => {
    const { store, value } = await seededStore(dialect, indicatorWorkbookSeed);
    try {
      const app = createApp(store);
      const { edited, cell } = await handedOut(store, value.planSlug);
      const editor = await signedIn(app, "nursery");
      const token = csrfOf(await (await editor.get("/staff/uploads")).text());
      const at = cell("保育所の定員", INDICATOR_SHEET_HEADERS.result);
      const staged = async () =>
        (
          await store.db
            .withTables<UploadTables>()
            .selectFrom("staged_upload")
            .select("id")
            .execute()
        ).length;
      const before = await staged();
      const res = await postWorkbook(app, editor, token, edited([{ cell: at, text: "約1200" }]));
      assert.equal(res.status, 400);
      assert.match(
        await res.text(),
        new RegExp(
          `plan\\.xlsx:${at.replace(/^[A-Z]+/u, "")}: 指標!${at}: シート「指標」の .*「約1200」は数値ではありません`,
          "u",
        ),
      );
      assert.equal(await staged(), before);
      assert.deepEqual(await openResults(store), []);
    } finally {
      await store.dispose();
    }
  });
});
