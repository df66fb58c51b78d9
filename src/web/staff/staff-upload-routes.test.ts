import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { readSheet } from "read-excel-file/node";
import { MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, type StaffClient, signedIn } from "../../../test/factories/staff-client.ts";
import { UPLOAD_PLAN, uploadWorkbook } from "../../../test/factories/upload-workbook.ts";
import { columnLetter, editWorkbook } from "../../../test/factories/workbook-edits.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { measurePlacements } from "../../domain/plan-tree.ts";
import { planJson } from "../../export/plan-json.ts";
import { PLAN_XLSX_HEADERS, planXlsx } from "../../export/plan-xlsx.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import type { UploadTables } from "../../store/upload-tables.ts";
import { createApp } from "../app.ts";

type App = ReturnType<typeof createApp>;

/** Every row of the tables an upload may write, as text: what "nothing stored" is checked against. */
async function snapshot(store: Store) {
  const db = store.db.withTables<UploadTables>();
  const tables = [
    "plan",
    "reporting_period",
    "measure",
    "progress",
    "import_run",
    "audit_event",
    "department",
    "measure_field",
    "staged_upload",
    "import_mapping",
  ] as const;
  const out: Record<string, string[]> = {};
  for (const t of tables)
    out[t] = (await db.selectFrom(t).selectAll().execute())
      // Signing in is recorded too: not something an upload stores.
      .filter((r) => !("action" in r && r.action === "session.login"))
      .map((r) => JSON.stringify(r))
      .sort();
  return out;
}

/** A multipart post of the upload form, with the client's cookies. */
async function postFile(
  app: App,
  client: StaffClient,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array } | null,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([file.bytes], file.name));
  return app.request("/staff/uploads", {
    method: "POST",
    body: form,
    headers: { cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
}

/** The mapping form as a person leaves it after checking it: the plan named, 所管 as 担当課. */
const MAPPING_FORM = {
  sheet: "事業一覧",
  headerRow: "1",
  "plan.title": UPLOAD_PLAN.title,
  "plan.asOf": "２０２６-０９-３０",
  "levels[0].name": "政策",
  "levels[0].title": "A",
  "levels[1].name": "施策",
  "levels[1].title": "B",
  "measure.name": "事業",
  "measure.id": "C",
  "measure.title": "D",
  department: "E",
  progress: "F",
  "status.column": "G",
  "roadmap[0].year": "2026",
  "roadmap[0].column": "H",
  fields: "I",
};

forEachStore("staff uploads", (dialect) => {
  async function setUp() {
    const seeded = await seededStore(dialect, staffedPlanSeed);
    return { store: seeded.store, staff: seeded.value.staff, planSlug: seeded.value.planSlug };
  }

  it("lets a planner upload a workbook, check the suggested mapping, preview it and commit it once, with the mapping saved and offered next time", async () => {
    const { store } = await setUp();
    try {
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      const home = await (await planner.get("/staff/uploads")).text();
      assert.match(home, /<h1>ファイルから取り込む<\/h1>/u);
      assert.match(home, /enctype="multipart\/form-data"/u);
      const token = csrfOf(home);
      const bytes = await uploadWorkbook();

      const uploaded = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "jigyo.xlsx", bytes },
      );
      assert.equal(uploaded.status, 303);
      const location = uploaded.headers.get("location") ?? "";
      assert.match(location, /^\/staff\/uploads\/[A-Za-z0-9_-]{32}$/u);

      const form = await (await planner.get(location)).text();
      assert.match(form, /<h1>列の対応を確かめる<\/h1>/u);
      // Suggested from the headings, each a <select> of the columns with sample values.
      assert.match(
        form,
        /<select id="measure\.title" name="measure\.title"><option value="">（なし）<\/option>[\s\S]*?<option value="D" selected>D: 事業名（例: 防災無線の整備／避難所の耐震化）<\/option>/u,
      );
      assert.match(
        form,
        /<select id="department" name="department"><option value="" selected>（なし）/u,
        "所管 is not a heading the suggester knows",
      );
      assert.match(
        form,
        /<td>屋外拡声器を20基更新した／小学校3校の耐震化を終えた／空き店舗に5店が出店した<\/td>/u,
      );

      // A refused preview keeps every choice and names the field.
      const bad = await planner.post(`${location}/preview`, {
        ...MAPPING_FORM,
        "plan.asOf": "来年",
        _csrf: token,
      });
      assert.equal(bad.status, 400);
      const badPage = await bad.text();
      assert.match(badPage, /<title>エラー：列の対応を確かめる/u);
      assert.match(
        badPage,
        /<a href="#plan\.asOf">対応表の plan\.asOf が正しくありません: 基準日は YYYY-MM-DD で指定してください<\/a>/u,
      );
      assert.match(badPage, /id="plan\.asOf" name="plan\.asOf" value="来年"/u);
      assert.match(
        badPage,
        /<select id="department" name="department"[^>]*>[\s\S]*?<option value="E" selected>/u,
      );

      const before = await snapshot(store);
      const preview = await planner.post(`${location}/preview`, { ...MAPPING_FORM, _csrf: token });
      assert.equal(preview.status, 200);
      const previewPage = await preview.text();
      assert.match(previewPage, /<h1>取込内容の確認<\/h1>/u);
      assert.match(
        previewPage,
        /<tr><th scope="row">政策<\/th><td>2<\/td><\/tr><tr><th scope="row">施策<\/th><td>2<\/td><\/tr>/u,
      );
      assert.match(previewPage, /<tr><th scope="row">事業<\/th><td>3<\/td><\/tr>/u);
      assert.match(previewPage, /担当課: 危機管理課/u);
      assert.match(previewPage, /状況区分の体系を値の出現順に作りました: 順調、遅れ/u);
      assert.deepEqual(await snapshot(store), before, "nothing stored by a preview");
      const mapping = /name="mapping" value="([^"]*)"/u.exec(previewPage)?.[1] ?? "";
      const json = mapping.replace(/&quot;/gu, '"').replace(/&amp;/gu, "&");

      const commit = await planner.post(`${location}/commit`, { mapping: json, _csrf: token });
      assert.equal(commit.status, 303);
      const done = await (await planner.get(location)).text();
      assert.match(done, /計画「安心と活力の実行計画」に基準日 2026-09-30 の報告を取り込みました/u);
      const plan = await store.db
        .selectFrom("plan")
        .select(["id", "slug"])
        .where("title", "=", UPLOAD_PLAN.title)
        .executeTakeFirstOrThrow();
      const measures = await store.db
        .selectFrom("measure")
        .select("code")
        .where("plan_id", "=", plan.id)
        .orderBy("code")
        .execute();
      assert.deepEqual(
        measures.map((m) => m.code),
        ["0101", "0102", "0201"],
      );
      const departments = await store.db
        .selectFrom("department")
        .select("name")
        .where("name", "in", ["危機管理課", "商工課"])
        .execute();
      assert.equal(departments.length, 2);
      const audit = await store.db
        .selectFrom("audit_event")
        .selectAll()
        .where("action", "=", "plan.import")
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.plan_id, plan.id);
      const saved = await store.db
        .withTables<UploadTables>()
        .selectFrom("import_mapping")
        .selectAll()
        .execute();
      assert.equal(saved.length, 1);
      assert.equal(
        JSON.parse(saved[0]?.mapping ?? "{}").measure.title,
        "事業名",
        "saved by heading",
      );

      // Pressed again: nothing more is stored.
      const afterCommit = await snapshot(store);
      assert.equal(
        (await planner.post(`${location}/commit`, { mapping: json, _csrf: token })).status,
        303,
      );
      assert.deepEqual(await snapshot(store), afterCommit);

      // The public site shows the plan.
      const publicPage = await (await app.request(`/plans/${plan.slug}`)).text();
      assert.match(publicPage, /安心と活力の実行計画/u);

      // Next time: the saved mapping is offered, with 所管 as 担当課.
      const next = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "jigyo-2027.xlsx", bytes },
      );
      const nextForm = await (await planner.get(next.headers.get("location") ?? "")).text();
      assert.match(nextForm, /前回の取込で保存した対応表（計画「安心と活力の実行計画」/u);
      assert.match(
        nextForm,
        /<select id="department" name="department"[^>]*>[\s\S]*?<option value="E" selected>/u,
      );
    } finally {
      await store.dispose();
    }
  });

  it("refuses a wrong kind of file, a file too large, a file with no table, a mapping naming a missing column and another organization's file, storing nothing", async () => {
    const { store, staff, planSlug } = await setUp();
    try {
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      const token = csrfOf(await (await planner.get("/staff/uploads")).text());
      const before = await snapshot(store);

      const docx = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "memo.docx", bytes: new Uint8Array([1, 2, 3]) },
      );
      assert.equal(docx.status, 400);
      const docxPage = await docx.text();
      assert.match(docxPage, /memo\.docx は取り込めない種類のファイルです（\.docx）/u);
      assert.match(
        docxPage,
        /<input type="radio" id="kind-plan" name="kind" value="plan" checked/u,
        "the kind chosen is kept",
      );

      const missing = await postFile(app, planner, { _csrf: token, kind: "plan" }, null);
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /取り込むファイルを選んでください/u);

      const empty = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "empty.csv", bytes: new TextEncoder().encode("\n\n") },
      );
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /empty\.csv: .*表がありません/u);

      // 100 MB, sent as a stream without a length: refused once past the limit, never read whole.
      const chunk = new Uint8Array(1024 * 1024);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ >= 100) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const huge = await app.request("/staff/uploads", {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          cookie: [...planner.jar].map(([k, v]) => `${k}=${v}`).join("; "),
        },
      } as RequestInit);
      assert.equal(huge.status, 413);
      assert.match(await huge.text(), /アップロードできるファイルは 20 MB までです/u);
      assert.ok(sent < 40, `stopped reading after ${sent} MB`);

      assert.deepEqual(await snapshot(store), before, "nothing stored by the refused uploads");

      // A mapping naming a column the sheet does not have: beside its field, nothing stored.
      const up = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "jigyo.xlsx", bytes: await uploadWorkbook() },
      );
      const location = up.headers.get("location") ?? "";
      const staged = await snapshot(store);
      const wrong = await planner.post(`${location}/preview`, {
        ...MAPPING_FORM,
        progress: "Q",
        _csrf: token,
      });
      assert.equal(wrong.status, 400);
      assert.match(
        await wrong.text(),
        /<a href="#progress">対応表の progress の列 Q はシート「事業一覧」にありません（最後の列は I）<\/a>/u,
      );
      const forged = await planner.post(`${location}/commit`, {
        mapping: JSON.stringify({ plan: UPLOAD_PLAN }),
        _csrf: token,
      });
      assert.equal(forged.status, 400);
      assert.deepEqual(await snapshot(store), staged);

      // Another organization's plan workbook: refused for the outsider, nothing stored.
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
      const xlsx = new Uint8Array(await planXlsx(tree));
      const outsider = await signedIn(app, "outsider");
      const outsiderToken = csrfOf(await (await outsider.get("/staff/uploads")).text());
      const atOpen = await snapshot(store);
      const foreign = await postFile(
        app,
        outsider,
        { _csrf: outsiderToken, kind: "workbook" },
        { name: "plan.xlsx", bytes: xlsx },
      );
      assert.equal(foreign.status, 403);
      assert.match(
        await foreign.text(),
        /plan\.xlsx: この計画の進捗状況を取り込む権限がありません/u,
      );
      assert.deepEqual(await snapshot(store), atOpen);
    } finally {
      await store.dispose();
    }
  });

  it("refuses a department editor a plan import with 403 and a form without its CSRF token, and lets them check and commit their department's workbook", async () => {
    const { store, staff, planSlug } = await setUp();
    try {
      const app = createApp(store);
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
      const xlsx = new Uint8Array(await planXlsx(tree));
      const editor = await signedIn(app, "nursery");
      const home = await (await editor.get("/staff/uploads")).text();
      assert.ok(!home.includes('value="plan"'), "an editor is offered only the workbook");
      const token = csrfOf(home);
      const before = await snapshot(store);

      const plan = await postFile(
        app,
        editor,
        { _csrf: token, kind: "plan" },
        { name: "jigyo.xlsx", bytes: await uploadWorkbook() },
      );
      assert.equal(plan.status, 403);
      const noToken = await postFile(
        app,
        editor,
        { kind: "workbook" },
        { name: "plan.xlsx", bytes: xlsx },
      );
      assert.equal(noToken.status, 403);
      const viewer = await signedIn(app, "viewer");
      assert.equal((await viewer.get("/staff/uploads")).status, 403);
      assert.deepEqual(await snapshot(store), before);

      // The workbook as handed out: every row unchanged, nothing to commit.
      const up = await postFile(
        app,
        editor,
        { _csrf: token, kind: "workbook" },
        { name: "plan.xlsx", bytes: xlsx },
      );
      assert.equal(up.status, 303);
      const preview = await (await editor.get(up.headers.get("location") ?? "")).text();
      assert.match(preview, /行ごとの結果/u);
      assert.match(preview, /変更 0 \//u);
      assert.match(preview, /保存する変更はありません/u);
      // Someone else cannot open the editor's upload.
      const planner = await signedIn(app, "planner");
      assert.equal((await planner.get(up.headers.get("location") ?? "")).status, 404);

      // One row of their own filled in: shown as changed before anything is stored, then committed.
      const [header = []] = await readSheet(Buffer.from(xlsx), 1);
      const code = await measureCodeOf(store, planSlug, 56);
      const row = measurePlacements(tree).findIndex((p) => p.measure.code === code) + 2;
      const cell = `${columnLetter(header.indexOf(PLAN_XLSX_HEADERS.progress))}${row}`;
      const filled = editWorkbook(xlsx, "xl/worksheets/sheet1.xml", [
        { cell, text: "保育所2か所を開所した" },
      ]);
      const second = await postFile(
        app,
        editor,
        { _csrf: token, kind: "workbook" },
        { name: "plan.xlsx", bytes: filled },
      );
      const location = second.headers.get("location") ?? "";
      const checked = await (await editor.get(location)).text();
      assert.match(
        checked,
        new RegExp(
          `<td>取組!${row}</td><th scope="row">${code}</th><td>変更</td><td>【記入】進捗状況</td>`,
          "u",
        ),
      );
      const atPreview = await snapshot(store);
      assert.deepEqual(atPreview.progress, before.progress, "nothing stored by the preview");
      assert.equal((await editor.post(`${location}/commit`, { _csrf: token })).status, 303);
      assert.match(
        await (await editor.get(location)).text(),
        /1 件の変更を受付中の報告期（2014-03-31）の下書きに保存しました/u,
      );
      const draft = await store.db
        .selectFrom("progress")
        .innerJoin("measure", "measure.id", "progress.measure_id")
        .innerJoin("reporting_period", "reporting_period.id", "progress.reporting_period_id")
        .select("progress.narrative")
        .where("measure.code", "=", code)
        .where("reporting_period.as_of", "=", "2014-03-31")
        .executeTakeFirstOrThrow();
      assert.equal(draft.narrative, "保育所2か所を開所した");
    } finally {
      await store.dispose();
    }
  });

  it("previews the report text with its levels and warnings, refuses its commit when the period is already in with the reason on the page, and refuses another organization's plan JSON, storing nothing", async () => {
    const { store, planSlug } = await setUp();
    try {
      const app = createApp(store);
      const planner = await signedIn(app, "planner");
      const token = csrfOf(await (await planner.get("/staff/uploads")).text());
      const text = new Uint8Array(readFileSync(MODEL_REPORT_PATH));
      const before = await snapshot(store);

      const up = await postFile(
        app,
        planner,
        { _csrf: token, kind: "plan" },
        { name: "kumamoto.txt", bytes: text },
      );
      assert.equal(up.status, 303);
      const location = up.headers.get("location") ?? "";
      const preview = await (await planner.get(location)).text();
      assert.match(preview, /<tr><th scope="row">項目<\/th><td>133<\/td><\/tr>/u);
      assert.match(preview, /<tr><th scope="row">取組<\/th><td>198<\/td><\/tr>/u);
      assert.match(preview, /<strong>警告<\/strong>（\d+ 行目）: /u, "warnings with their lines");
      assert.ok(!preview.includes('name="mapping"'), "a report text needs no mapping");
      const refused = await planner.post(`${location}/commit`, { _csrf: token });
      assert.equal(refused.status, 400);
      assert.match(
        await refused.text(),
        /kumamoto\.txt: 基準日: 基準日 2013-09-30 の報告は取込済みです/u,
      );
      const staged = await snapshot(store);
      assert.deepEqual(
        { ...staged, staged_upload: [] },
        { ...before, staged_upload: [] },
        "only the staged upload is kept",
      );

      const tree = (await loadPlanTree(store.db, planSlug)) as PlanTree;
      const outsider = await signedIn(app, "outsider");
      const outsiderToken = csrfOf(await (await outsider.get("/staff/uploads")).text());
      const json = new TextEncoder().encode(planJson(tree));
      const foreign = await postFile(
        app,
        outsider,
        { _csrf: outsiderToken, kind: "plan" },
        { name: "plan.json", bytes: json },
      );
      assert.equal(foreign.status, 403);
      assert.match(await foreign.text(), /別の団体（全国地方公共団体コード 431001）の計画です/u);
      assert.deepEqual(await snapshot(store), staged);
    } finally {
      await store.dispose();
    }
  });
});
