import assert from "node:assert/strict";
import { it } from "node:test";
import { parse } from "csv-parse/sync";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { reviewProgress } from "../../commands/cycle/progress-reviewer.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
import { createApp } from "../app.ts";
import { AUDIT_PAGE_SIZE } from "./staff-audit-routes.ts";

const NEXT = "2014-03-31";
const FIRST = "新設含む10ヶ所の保育所整備を実施中";
const DONE = "新設含む10ヶ所の保育所整備が完了";

/** The rows of a page's table: what the events say, without the filters' options. */
const tbodyOf = (page: string) => page.slice(page.indexOf("<tbody>"), page.indexOf("</tbody>"));

/** The text of a page without its tags, for assertions about what a person reads. */
const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/gu, "")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">");

forEachStore("the audit trail pages", (dialect) => {
  it("shows administrators the organization's events newest first, filtered, paginated and as CSV, and answers 403 to everyone else", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      const code = await measureCodeOf(store, planSlug, 56);
      // Enough saves for two pages; the last one is the newest event of the measure.
      const saves = AUDIT_PAGE_SIZE + 5;
      for (let version = 1; version <= saves; version++) {
        await saveProgress(store, staff.nursery, {
          planSlug,
          asOf: NEXT,
          measureCode: code,
          narrative: version === saves ? DONE : `${FIRST}（${version}）`,
          statusCode: version === saves ? "completed" : null,
          expectedVersion: version,
        });
      }
      const app = createApp(store);
      const admin = await signedIn(app, "admin");

      const first = await admin.get("/staff/audit");
      assert.equal(first.status, 200);
      assert.equal(first.headers.get("cache-control"), "no-store");
      const page1 = await first.text();
      assert.match(page1, /<h1>監査記録<\/h1>/u);
      const rows = page1.match(/<tr><th scope="row">/gu) ?? [];
      assert.equal(rows.length, AUDIT_PAGE_SIZE, "one page of events");
      const firstRow = page1.slice(page1.indexOf('<tr><th scope="row">'));
      assert.match(
        firstRow.slice(0, firstRow.indexOf("</tr>")),
        /ログイン.*admin（admin）/u,
        "the newest first: the administrator's own login",
      );
      assert.ok(!tbodyOf(page1).includes("報告期の開始"), "the saves came after the opening");
      assert.match(page1, /name="page" value="2"[^>]*>次のページ/u);
      assert.ok(!page1.includes("outsider"), "nothing of another organization");

      const page2 = await (await admin.get("/staff/audit?page=2")).text();
      for (const older of ["報告期の開始", "担当課の割当", "アカウントの作成"])
        assert.ok(tbodyOf(page2).includes(older), older);
      assert.match(page2, /name="page" value="1"[^>]*>前のページ/u);
      assert.ok(!page2.includes("次のページ"));
      assert.equal(
        tbodyOf(await (await admin.get("/staff/audit?page=999")).text()),
        tbodyOf(page2),
        "a page past the end shows the last one",
      );

      const saved = await (await admin.get("/staff/audit?action=progress.save")).text();
      assert.equal((saved.match(/<tr><th scope="row">/gu) ?? []).length, AUDIT_PAGE_SIZE);
      assert.ok(!saved.includes("<td>ログイン</td>"));
      assert.match(saved, /<option value="progress.save" selected>進捗状況の保存<\/option>/u);
      assert.match(textOf(saved), /状況区分: （なし） → 完了/u, "status codes by name");
      assert.match(saved, /<del>.*?（.*?<\/del>/su, "the narrative as a character diff");
      assert.ok(
        saved.includes('href="/staff/audit.csv?action=progress.save"'),
        "the CSV of the same filter",
      );

      const accounts = await store.db.selectFrom("account").select(["id", "login"]).execute();
      const plannerId = accounts.find((a) => a.login === "planner")?.id;
      const byPlanner = textOf(
        tbodyOf(await (await admin.get(`/staff/audit?account=${plannerId}`)).text()),
      );
      assert.match(byPlanner, /報告期の開始/u, "what the planner did");
      assert.match(byPlanner, /アカウントの作成/u, "and what was done about the planner");
      assert.ok(!byPlanner.includes("進捗状況の保存"));

      const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
      assert.match(
        await (await admin.get(`/staff/audit?from=${tomorrow}`)).text(),
        /条件に合う記録はありません/u,
      );
      const bad = await admin.get("/staff/audit?from=2014-02-30&to=x");
      assert.equal(bad.status, 400);
      const badPage = await bad.text();
      assert.match(badPage, /<title>エラー：監査記録/u);
      assert.match(badPage, /<a href="#from">日付を YYYY-MM-DD の形で入力してください<\/a>/u);
      assert.match(badPage, /id="to" name="to" type="date" value="x"/u, "what was typed is kept");

      const csv = await admin.get("/staff/audit.csv?action=progress.save");
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv; charset=utf-8/u);
      assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="audit-/u);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a BOM");
      const table: string[][] = parse(new TextDecoder().decode(bytes));
      assert.deepEqual(table[0], [
        "記録ID",
        "日時",
        "操作",
        "操作名",
        "職員ログイン名",
        "職員名",
        "対象の種類",
        "対象ID",
        "計画",
        "取組ID",
        "変更前",
        "変更後",
      ]);
      assert.equal(table.length, 1 + saves, "one row per event, every page");
      const newest = table[1] ?? [];
      assert.equal(newest[2], "progress.save");
      assert.equal(newest[4], "nursery");
      assert.equal(newest[9], code);
      assert.equal(JSON.parse(newest[10] ?? "").narrative, `${FIRST}（${saves - 1}）`);
      assert.deepEqual(JSON.parse(newest[11] ?? ""), {
        narrative: DONE,
        statusCode: "completed",
        version: saves + 1,
        reviewState: "submitted",
        figures: [],
      });

      for (const login of ["planner", "nursery", "viewer"]) {
        const person = await signedIn(app, login);
        for (const path of [
          "/staff/audit",
          "/staff/audit.csv",
          `/staff/plans/${planSlug}/measures/${code}/history`,
        ]) {
          const res = await person.get(path);
          assert.equal(res.status, 403, `${login} ${path}`);
          assert.ok(!(await res.text()).includes(DONE), "nothing of the trail is shown");
        }
      }
      const anonymous = await staffClient(app).get("/staff/audit");
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.headers.get("location") ?? "", /^\/staff\/login\?next=/u);
    } finally {
      await store.dispose();
    }
  });

  it("shows one measure's every change with who, when, before → after and a character diff of the narrative", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: NEXT, deadline: null });
      const code = await measureCodeOf(store, planSlug, 56);
      const edit = { planSlug, asOf: NEXT, measureCode: code };
      await saveProgress(store, staff.nursery, {
        ...edit,
        narrative: DONE,
        statusCode: "completed",
        expectedVersion: 1,
      });
      await reviewProgress(store, staff.planner, {
        ...edit,
        decision: "return",
        comment: "<b>数値</b>を書いてください",
        expectedVersion: 2,
      });
      await saveProgress(store, staff.nursery, {
        ...edit,
        narrative: `${DONE}（10か所）`,
        statusCode: "completed",
        expectedVersion: 3,
      });
      await reviewProgress(store, staff.planner, {
        ...edit,
        decision: "accept",
        comment: "",
        expectedVersion: 4,
      });
      const app = createApp(store);
      const admin = await signedIn(app, "admin");
      const url = `/staff/plans/${planSlug}/measures/${code}/history`;
      const res = await admin.get(url);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /<h1>「保育所整備による待機児童の解消」の変更履歴<\/h1>/u);
      const headings = [...page.matchAll(/<h2 class="history-date">(.*?)<\/h2>/gu)].map((m) =>
        textOf(m[1] ?? "").replace(/^.*?\d{2}:\d{2}:\d{2}\s*/u, ""),
      );
      assert.deepEqual(
        headings,
        ["進捗状況の確認", "進捗状況の保存", "進捗状況の差戻し", "進捗状況の保存", "担当課の割当"],
        "every change of the measure, newest first",
      );
      assert.match(
        page,
        /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+Z">令和\d+年\d+月\d+日（\d{4}-\d{2}-\d{2}）\d{2}:\d{2}:\d{2}<\/time>/u,
      );
      const text = textOf(page);
      assert.match(text, /職員: nursery（nursery）/u);
      assert.match(text, /職員: planner（planner）/u);
      assert.match(text, /状況区分: 実施中 → 完了/u);
      assert.match(text, /確認の状態: 確認待ち → 差戻し/u);
      assert.match(text, /差戻しの理由: <b>数値<\/b>を書いてください/u);
      assert.ok(page.includes("&lt;b&gt;数値&lt;/b&gt;"), "the comment is escaped");
      assert.match(page, /<del><span class="visually-hidden">[^<]*<\/span>を実施中/u);
      assert.match(page, /<ins><span class="visually-hidden">[^<]*<\/span>が完了/u);
      assert.match(page, /<ins><span class="visually-hidden">[^<]*<\/span>（10か所）/u);
      assert.match(text, /担当課: 保育幼稚園課/u);

      assert.equal(
        (await admin.get(`/staff/plans/${planSlug}/measures/M9999/history`)).status,
        404,
      );
      assert.equal(
        (await admin.get(`/staff/plans/no-such-plan/measures/${code}/history`)).status,
        404,
      );
      const english = await (await admin.get(`${url}?lang=en`)).text();
      assert.match(english, /<html lang="en">/u);
      assert.match(english, /<h1>History of “保育所整備による待機児童の解消”<\/h1>/u);
      assert.match(textOf(english), /Review state: Awaiting review → Returned/u);
    } finally {
      await store.dispose();
    }
  });
});
