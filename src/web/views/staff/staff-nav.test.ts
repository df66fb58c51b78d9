import assert from "node:assert/strict";
import { it } from "node:test";
import { staffedPlanSeed } from "../../../../test/factories/staff.ts";
import { signedIn } from "../../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../../test/store-targets.ts";
import { openPeriod } from "../../../commands/cycle/period-opener.ts";
import { createApp } from "../../app.ts";

/** The labels of the staff menu on a page, in order. */
const menuOf = (body: string) =>
  [
    ...(/<nav aria-label="職員メニュー"[^>]*>([\s\S]*?)<\/nav>/u.exec(body)?.[1] ?? "").matchAll(
      /<a href="([^"]+)"[^>]*>([^<]+)<\/a>/gu,
    ),
  ].map((m) => `${m[2]} ${m[1]}`);

forEachStore("the staff menu", (dialect) => {
  it("offers each person the staff pages their role may open, and marks the current one", async () => {
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const app = createApp(store);

      const admin = await signedIn(app, "admin");
      const adminHome = await (await admin.get("/staff")).text();
      assert.deepEqual(menuOf(adminHome), [
        "職員トップ /staff",
        "ファイルから取込 /staff/uploads",
        "パスワードの変更 /staff/password",
        "アカウント設定 /staff/account",
        "監査記録 /staff/audit",
        "アカウント /staff/accounts",
        "担当課 /staff/departments",
        "APIトークン /staff/tokens",
      ]);
      assert.match(adminHome, /<a href="\/staff" aria-current="page">職員トップ<\/a>/u);

      const nursery = await signedIn(app, "nursery");
      const nurseryHome = await (await nursery.get("/staff")).text();
      assert.deepEqual(menuOf(nurseryHome), [
        "職員トップ /staff",
        "ファイルから取込 /staff/uploads",
        "パスワードの変更 /staff/password",
        "アカウント設定 /staff/account",
      ]);
      const nurseryCycle = await (await nursery.get(`/staff/plans/${planSlug}`)).text();
      assert.ok(
        !nurseryCycle.includes("担当課の割当"),
        "an editor is not offered the assignment page",
      );

      const planner = await signedIn(app, "planner");
      const plannerCycle = await (await planner.get(`/staff/plans/${planSlug}`)).text();
      assert.match(
        plannerCycle,
        new RegExp(`<a href="/staff/plans/${planSlug}/departments">担当課の割当</a>`, "u"),
      );
      const password = await (await planner.get("/staff/password")).text();
      assert.match(
        password,
        /<a href="\/staff\/password" aria-current="page">パスワードの変更<\/a>/u,
      );
    } finally {
      await store.dispose();
    }
  });
});
