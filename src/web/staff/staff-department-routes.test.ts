import assert from "node:assert/strict";
import { it } from "node:test";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { createDepartment } from "../../commands/departments/department-creator.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

/** Which department holds which items of the plan, as `name role: items`, sorted. */
async function assignmentsOf(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom("measure_department")
    .innerJoin("department", "department.id", "measure_department.department_id")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .select(["department.name", "measure_department.role", "item.number"])
    .execute();
  const byKey = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = `${r.name} ${r.role}`;
    byKey.set(key, (byKey.get(key) ?? new Set()).add(r.number ?? 0));
  }
  return [...byKey].map(([k, v]) => `${k}: ${[...v].sort((a, b) => a - b).join(",")}`).sort();
}

forEachStore("the departments page", (dialect) => {
  it("lets a planner see and assign the departments of items, keeps what was typed when it is wrong, and refuses everyone else", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const url = `/staff/plans/${planSlug}/departments`;
      const planner = await signedIn(app, "planner");

      const res = await planner.get(url);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /<h1>担当課の割当<\/h1>/u);
      assert.match(
        page,
        /<tr><th scope="row">保育幼稚園課<\/th><td>56–58<\/td><td>—<\/td><td>5<\/td><\/tr>/u,
      );
      assert.match(
        page,
        /<tr><th scope="row">交通政策課<\/th><td>25–30<\/td><td>—<\/td><td>12<\/td><\/tr>/u,
      );
      assert.match(page, /主担当の担当課がまだない取組のある項目: 1–24, 31–55, 59–/u);
      assert.match(page, /<label for="items">項目番号<\/label>/u);
      const token = csrfOf(page);
      const before = await assignmentsOf(store);

      const form = { department: "子ども政策課", items: "５６〜５８、６０", role: "contributor" };
      assert.equal((await planner.post(url, form)).status, 403, "no CSRF token");
      assert.equal((await planner.post(url, { ...form, _csrf: "x".repeat(43) })).status, 403);
      const bad = await planner.post(url, { ...form, items: "56 から 58", _csrf: token });
      assert.equal(bad.status, 400);
      const badPage = await bad.text();
      assert.match(badPage, /<title>エラー：担当課の割当/u);
      assert.match(badPage, /<a href="#items">項目番号を 56-58, 60 のように入力してください<\/a>/u);
      assert.match(
        badPage,
        /id="items" name="items" type="text" inputmode="numeric" autocomplete="off" value="56 から 58" aria-describedby="items-hint items-error" aria-invalid="true"/u,
      );
      assert.match(
        badPage,
        /<option value="contributor" selected>関係課<\/option>/u,
        "the role is kept",
      );
      const unknown = await (
        await planner.post(url, { ...form, items: "56, 998-999", _csrf: token })
      ).text();
      assert.match(unknown, /この計画にない項目番号があります: 998–999/u);
      const nameless = await (
        await planner.post(url, { ...form, department: "  ", _csrf: token })
      ).text();
      assert.match(
        nameless,
        /<a href="#department">担当課の名前を100文字以内で入力してください<\/a>/u,
      );
      const mistyped = await planner.post(url, { ...form, _csrf: token });
      assert.equal(mistyped.status, 400, "a department the city does not have is not created");
      assert.match(
        await mistyped.text(),
        /<a href="#department">担当課「子ども政策課」はありません。管理者が「担当課の管理」で作ってから割り当ててください<\/a>/u,
      );
      assert.equal(
        (
          await store.db
            .selectFrom("department")
            .select("id")
            .where("name", "=", "子ども政策課")
            .execute()
        ).length,
        0,
      );
      assert.deepEqual(await assignmentsOf(store), before, "nothing stored by a refused form");
      await createDepartment(store, staff.admin, { name: "子ども政策課" });
      await createDepartment(store, staff.admin, { name: "<b>課</b>" });

      const done = await planner.post(url, { ...form, _csrf: token });
      assert.equal(done.status, 303);
      const location = done.headers.get("location") ?? "";
      assert.match(location, new RegExp(`^${url}\\?assigned=\\d+$`, "u"));
      const shown = await (await planner.get(location)).text();
      assert.match(
        shown,
        /<p class="notice" role="status">子ども政策課に割り当てました（主担当の項目: —、関係課としての項目: 56–58, 60）。<\/p>/u,
      );
      assert.match(
        shown,
        /<tr><th scope="row">子ども政策課<\/th><td>—<\/td><td>56–58, 60<\/td><td>/u,
      );
      await planner.post(url, { department: "<b>課</b>", items: "60", role: "lead", _csrf: token });
      const escaped = await (await planner.get(url)).text();
      assert.ok(
        escaped.includes('<th scope="row">&lt;b&gt;課&lt;/b&gt;</th>'),
        "names are escaped",
      );
      assert.deepEqual(await assignmentsOf(store), [
        "<b>課</b> lead: 60",
        "交通政策課 lead: 25,26,27,28,29,30",
        "保育幼稚園課 lead: 56,57,58",
        "子ども政策課 contributor: 56,57,58,60",
      ]);
      const event = await store.db
        .selectFrom("audit_event")
        .select(["account_id", "after"])
        .where("action", "=", "department.assign")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      assert.match(event.after ?? "", /"department":"<b>課<\/b>","role":"lead"/u);

      const afterPlanner = await assignmentsOf(store);
      for (const login of ["nursery", "viewer"]) {
        const person = await signedIn(app, login);
        const view = await person.get(url);
        assert.equal(view.status, 403, `${login} sees no departments page`);
        const theirToken = csrfOf(await view.text());
        const post = await person.post(url, {
          department: "乗っ取り課",
          items: "1",
          role: "lead",
          _csrf: theirToken,
        });
        assert.equal(post.status, 403, `${login} cannot assign`);
      }
      const outsider = await signedIn(app, "outsider");
      assert.equal(
        (await outsider.get(url)).status,
        404,
        "another city's planner finds no such plan",
      );
      const admin = await signedIn(app, "admin");
      assert.equal((await admin.get(url)).status, 200, "an administrator may");
      assert.equal((await staffClient(app).get(url)).status, 303, "signed out: to the login page");
      assert.deepEqual(await assignmentsOf(store), afterPlanner, "nothing stored by the refused");
    } finally {
      await store.dispose();
    }
  });
});
