import assert from "node:assert/strict";
import { it } from "node:test";
import { bearer } from "../../../test/factories/api-tokens.ts";
import { measureCodeOf, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { issueApiToken } from "../../commands/api/api-token-issuer.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import { createApp } from "../app.ts";

forEachStore("the departments administration pages", (dialect) => {
  it("create, rename and merge departments explicitly, moving assignments, accounts and tokens, audited; planners may not", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const admin = await signedIn(app, "admin");
      const list = await (await admin.get("/staff/departments")).text();
      assert.match(list, /<th scope="row">保育幼稚園課<\/th><td>5<\/td><td>1<\/td><td>0<\/td>/u);
      const token = csrfOf(list);

      const created = await admin.post("/staff/departments", {
        _csrf: token,
        name: " こども保育課 ",
      });
      assert.equal(created.status, 303);
      assert.match(
        await (await admin.get(created.headers.get("location") ?? "")).text(),
        /担当課「こども保育課」を作りました。/u,
      );
      const duplicate = await admin.post("/staff/departments", {
        _csrf: token,
        name: "保育幼稚園課",
      });
      assert.equal(duplicate.status, 400);
      const duplicatePage = await duplicate.text();
      assert.match(duplicatePage, /<a href="#name">この名前の担当課はすでにあります<\/a>/u);
      assert.match(
        duplicatePage,
        /id="name" name="name" type="text" maxlength="100" autocomplete="off" value="保育幼稚園課"/u,
      );

      const idOf = async (name: string) =>
        (
          await store.db
            .selectFrom("department")
            .select("id")
            .where("name", "=", name)
            .executeTakeFirstOrThrow()
        ).id;
      const from = await idOf("保育幼稚園課");
      const into = await idOf("こども保育課");
      const tokenOfNursery = await issueApiToken(store, value.staff.admin, {
        department: "保育幼稚園課",
        name: "保育連携",
      });

      const renamed = await admin.post(`/staff/departments/${into}/rename`, {
        _csrf: token,
        name: "こども未来課",
      });
      assert.equal(renamed.status, 303);
      const taken = await admin.post(`/staff/departments/${into}/rename`, {
        _csrf: token,
        name: "交通政策課",
      });
      assert.equal(taken.status, 400);
      assert.match(await taken.text(), /value="交通政策課"/u, "what was typed is kept");

      const merged = await admin.post(`/staff/departments/${from}/merge`, {
        _csrf: token,
        intoId: String(into),
      });
      assert.equal(merged.status, 200);
      assert.match(
        await merged.text(),
        /「保育幼稚園課」を「こども未来課」に統合しました（取組の割当 5件、アカウント 1件、APIトークン 1件）。/u,
      );
      assert.equal(
        (await store.db.selectFrom("department").select("id").where("id", "=", from).execute())
          .length,
        0,
      );
      const nursery = await store.db
        .selectFrom("account")
        .select("department_id")
        .where("login", "=", "nursery")
        .executeTakeFirstOrThrow();
      assert.equal(nursery.department_id, into);
      const tokenRow = await store.db
        .withTables<ApiTokenTables>()
        .selectFrom("api_token")
        .select("department_id")
        .where("id", "=", tokenOfNursery.id)
        .executeTakeFirstOrThrow();
      assert.equal(tokenRow.department_id, into);
      const leads = await store.db
        .selectFrom("measure_department")
        .select("role")
        .where("department_id", "=", into)
        .execute();
      assert.deepEqual(
        leads.map((r) => r.role),
        ["lead", "lead", "lead", "lead", "lead"],
      );
      // The token still reaches its measures, now under the merged department.
      const code = await measureCodeOf(store, value.planSlug, 56);
      const drafts = await app.request(
        `/api/v1/plans/${value.planSlug}/measures/${code}/draft`,
        bearer(tokenOfNursery.token),
      );
      assert.notEqual(drafts.status, 401);
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["action", "account_id"])
        .where("action", "in", ["department.create", "department.rename", "department.merge"])
        .orderBy("id")
        .execute();
      assert.deepEqual(
        audit.map((e) => [e.action, e.account_id]),
        [
          ["department.create", value.staff.admin.accountId],
          ["department.rename", value.staff.admin.accountId],
          ["department.merge", value.staff.admin.accountId],
        ],
      );

      for (const login of ["planner", "transport", "viewer"]) {
        const person = await signedIn(app, login);
        assert.equal((await person.get("/staff/departments")).status, 403, login);
        const theirs = csrfOf(await (await person.get("/staff")).text());
        assert.equal(
          (await person.post("/staff/departments", { _csrf: theirs, name: "勝手課" })).status,
          403,
        );
        assert.equal(
          (
            await person.post(`/staff/departments/${into}/rename`, {
              _csrf: theirs,
              name: "勝手課",
            })
          ).status,
          403,
        );
      }
      assert.equal(
        (
          await store.db
            .selectFrom("department")
            .select("id")
            .where("name", "=", "勝手課")
            .execute()
        ).length,
        0,
      );
    } finally {
      await store.dispose();
    }
  });
});

forEachStore("the API token pages", (dialect) => {
  it("let an administrator issue a token shown once, list and revoke it; a planner may not; a disabled issuer's token is refused", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const admin = await signedIn(app, "admin");
      const page = await (await admin.get("/staff/tokens")).text();
      const token = csrfOf(page);
      const nursery = /<option value="(\d+)">保育幼稚園課<\/option>/u.exec(page)?.[1] ?? "";
      const nameless = await admin.post("/staff/tokens", {
        _csrf: token,
        departmentId: nursery,
        name: " ",
      });
      assert.equal(nameless.status, 400);
      assert.match(
        await nameless.text(),
        new RegExp(`<option value="${nursery}" selected>保育幼稚園課</option>`, "u"),
      );
      const issued = await admin.post("/staff/tokens", {
        _csrf: token,
        departmentId: nursery,
        name: "保育システム連携",
      });
      assert.equal(issued.status, 201);
      const secret =
        /id="issued-token" type="text" readonly value="(shk_[A-Za-z0-9_-]+)"/u.exec(
          await issued.text(),
        )?.[1] ?? "";
      assert.ok(secret);
      const listed = await (await admin.get("/staff/tokens")).text();
      assert.match(
        listed,
        /<th scope="row">保育システム連携<\/th><td>保育幼稚園課<\/td><td>admin<\/td>/u,
      );
      assert.ok(!listed.includes(secret), "the token is shown once only");
      const code = await measureCodeOf(store, value.planSlug, 56);
      const api = (t: string) =>
        app.request(`/api/v1/plans/${value.planSlug}/measures/${code}/draft`, bearer(t));
      assert.notEqual((await api(secret)).status, 401);

      const planner = await signedIn(app, "planner");
      assert.equal((await planner.get("/staff/tokens")).status, 403);
      const theirs = csrfOf(await (await planner.get("/staff")).text());
      assert.equal(
        (
          await planner.post("/staff/tokens", {
            _csrf: theirs,
            departmentId: nursery,
            name: "企画",
          })
        ).status,
        403,
      );

      // The issuer disabled (by a second administrator): the token is refused.
      const second = await store.db
        .selectFrom("account")
        .select("id")
        .where("login", "=", "planner")
        .executeTakeFirstOrThrow();
      await store.db
        .updateTable("account")
        .set({ role: "administrator" })
        .where("id", "=", second.id)
        .execute();
      const adminId = value.staff.admin.accountId;
      const plannerNow = await signedIn(app, "planner");
      const account = await (await plannerNow.get(`/staff/accounts/${adminId}`)).text();
      assert.equal(
        (await plannerNow.post(`/staff/accounts/${adminId}/disable`, { _csrf: csrfOf(account) }))
          .status,
        303,
      );
      assert.equal((await api(secret)).status, 401, "a disabled account's token is refused");
      const tokensNow = await (await plannerNow.get("/staff/tokens")).text();
      assert.match(tokensNow, /使用不可（発行者のアカウントが無効）/u);
      assert.equal(
        (await plannerNow.post(`/staff/accounts/${adminId}/enable`, { _csrf: csrfOf(account) }))
          .status,
        303,
      );
      assert.notEqual((await api(secret)).status, 401);

      const id = /action="\/staff\/tokens\/(\d+)\/revoke"/u.exec(tokensNow)?.[1] ?? "";
      const revoked = await plannerNow.post(`/staff/tokens/${id}/revoke`, {
        _csrf: csrfOf(tokensNow),
      });
      assert.equal(revoked.status, 303);
      assert.match(
        await (await plannerNow.get(revoked.headers.get("location") ?? "")).text(),
        /APIトークン「保育システム連携」を無効にしました。/u,
      );
      assert.equal((await api(secret)).status, 401);
    } finally {
      await store.dispose();
    }
  });
});
