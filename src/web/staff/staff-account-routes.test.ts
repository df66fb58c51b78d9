import assert from "node:assert/strict";
import { it } from "node:test";
import { PASSWORD, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { issuePasswordSetLink } from "../../commands/accounts/password-set-link.ts";
import type { PasswordSetLinkSender } from "../../commands/accounts/password-set-link-sender.ts";
import { createApp } from "../app.ts";

const NEW_PASSWORD = "ひまわり畑の向こうに市電が走る";

/** The password-set link shown on a page, and its path on this app. */
function linkOf(body: string): string {
  const url = /id="password-set-link" type="text" readonly value="([^"]+)"/u.exec(body)?.[1];
  assert.ok(url, "the page shows the link");
  const parsed = new URL(url.replaceAll("&amp;", "&"));
  return `${parsed.pathname}${parsed.search}`;
}

async function auditActions(
  store: { db: import("kysely").Kysely<import("../../store/database.ts").Database> },
  login: string,
) {
  const rows = await store.db
    .selectFrom("audit_event")
    .select(["action", "after"])
    .where("entity", "=", "account")
    .orderBy("id")
    .execute();
  return rows.filter((r) => (r.after ?? "").includes(`"login":"${login}"`)).map((r) => r.action);
}

forEachStore("the account pages", (dialect) => {
  it("let an administrator create an editor whose password-set link works once, and keep what was typed when refused", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const sent: string[] = [];
      const sender: PasswordSetLinkSender = {
        sendPasswordSetLink: async (m) => {
          sent.push(`${m.login} ${m.url}`);
          return true;
        },
      };
      const app = createApp(store, { passwordSetLinkSender: sender });
      const admin = await signedIn(app, "admin");
      const list = await admin.get("/staff/accounts");
      assert.equal(list.status, 200);
      const listPage = await list.text();
      assert.match(
        listPage,
        /<th scope="row">nursery<\/th><td>nursery<\/td><td>担当課<\/td><td>保育幼稚園課<\/td><td>有効<\/td>/u,
      );
      assert.ok(!listPage.includes("api-token:"), "token accounts are not people");
      const form = await (await admin.get("/staff/accounts/new")).text();
      const token = csrfOf(form);
      const nursery = /<option value="(\d+)">保育幼稚園課<\/option>/u.exec(form)?.[1] ?? "";
      assert.ok(nursery);

      // Refused: the form comes back with what was typed and the errors beside the fields.
      const bad = await admin.post("/staff/accounts/new", {
        _csrf: token,
        login: "保育 太郎",
        displayName: "保育 太郎",
        role: "departmentEditor",
        departmentId: "",
      });
      assert.equal(bad.status, 400);
      const badPage = await bad.text();
      assert.match(badPage, /<title>エラー：アカウントを作る/u);
      assert.match(badPage, /<a href="#login">半角英数字と/u);
      assert.match(
        badPage,
        /<a href="#departmentId">担当課の編集者には担当課を選んでください<\/a>/u,
      );
      assert.match(
        badPage,
        /id="login" name="login" type="text" maxlength="64" autocomplete="off" spellcheck="false" value="保育 太郎"/u,
      );
      assert.match(badPage, /<option value="departmentEditor" selected>/u);
      const taken = await admin.post("/staff/accounts/new", {
        _csrf: token,
        login: "NURSERY",
        displayName: "",
        role: "viewer",
        departmentId: "",
      });
      assert.equal(taken.status, 400);
      assert.match(await taken.text(), /このログイン名はすでに使われています/u);
      assert.equal(
        (await admin.post("/staff/accounts/new", { login: "hoiku2", role: "viewer" })).status,
        403,
        "no CSRF token: refused",
      );

      const created = await admin.post("/staff/accounts/new", {
        _csrf: token,
        login: "hoiku2",
        displayName: "保育 次郎",
        role: "departmentEditor",
        departmentId: nursery,
      });
      assert.equal(created.status, 201);
      const createdPage = await created.text();
      assert.match(createdPage, /アカウント「hoiku2」を作りました/u);
      assert.match(createdPage, /同じリンクをメールでも送りました。/u);
      const link = linkOf(createdPage);
      assert.match(link, /^\/staff\/set-password\?token=[A-Za-z0-9_-]{43}$/u);
      assert.equal(sent.length, 1);
      assert.ok(sent[0]?.startsWith("hoiku2 http://localhost/staff/set-password?token="));
      const stored = await store.db
        .selectFrom("account")
        .select(["password_hash", "role", "department_id"])
        .where("login", "=", "hoiku2")
        .executeTakeFirstOrThrow();
      assert.equal(stored.password_hash, "!unset", "no password until the person sets one");
      assert.equal(String(stored.department_id), nursery);
      const linkRows = await store.db
        .withTables<import("../../store/password-set-link-table.ts").PasswordSetLinkTables>()
        .selectFrom("password_set_link")
        .select(["digest", "expires_at", "created_at"])
        .execute();
      assert.equal(linkRows.length, 1);
      assert.ok(!link.includes(linkRows[0]?.digest ?? "-"), "only the token's digest is stored");
      assert.equal(
        Date.parse(linkRows[0]?.expires_at ?? "") - Date.parse(linkRows[0]?.created_at ?? ""),
        72 * 3600_000,
      );
      // Nobody can sign in with an unset password.
      const guest = staffClient(app);
      const loginForm = await (await guest.get("/staff/login")).text();
      const noPassword = await guest.post("/staff/login", {
        _csrf: csrfOf(loginForm),
        login: "hoiku2",
        password: "!unset",
        next: "/staff",
      });
      assert.equal(noPassword.status, 401);

      // The new person sets a password through the link: the policy applies, then it is used up.
      const person = staffClient(app);
      const setPage = await person.get(link);
      assert.equal(setPage.status, 200);
      const setForm = await setPage.text();
      assert.match(setForm, /保育 次郎（ログイン名 hoiku2）のパスワードを設定します/u);
      const hidden = /name="token" value="([^"]+)"/u.exec(setForm)?.[1] ?? "";
      const weak = await person.post("/staff/set-password", {
        _csrf: csrfOf(setForm),
        token: hidden,
        password: "hoiku2hoiku2hoiku2",
        confirmation: "hoiku2hoiku2hoiku2",
      });
      assert.equal(weak.status, 400);
      const weakPage = await weak.text();
      assert.match(weakPage, /<title>エラー：パスワードの設定/u);
      assert.ok(!weakPage.includes("hoiku2hoiku2hoiku2"), "a password is never sent back");
      const again = csrfOf(weakPage);
      const mismatch = await person.post("/staff/set-password", {
        _csrf: again,
        token: hidden,
        password: NEW_PASSWORD,
        confirmation: `${NEW_PASSWORD}。`,
      });
      assert.equal(mismatch.status, 400);
      assert.match(await mismatch.text(), /確認のパスワードが一致しません/u);
      const forged = await staffClient(app).post("/staff/set-password", {
        _csrf: again,
        token: hidden,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      });
      assert.equal(forged.status, 400, "without the form's cookie: refused");
      assert.match(await forged.text(), /フォームの有効期限が切れました/u);
      const setDone = await person.post("/staff/set-password", {
        _csrf: csrfOf(await (await person.get(link)).text()),
        token: hidden,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      });
      assert.equal(setDone.status, 200);
      assert.match(await setDone.text(), /パスワードを設定しました/u);
      await signedIn(app, "hoiku2", NEW_PASSWORD);

      // Replayed: refused, whether the page is opened or the form posted again.
      const replay = await person.get(link);
      assert.equal(replay.status, 410);
      assert.match(await replay.text(), /このリンクは使えません/u);
      const replayPost = await person.post("/staff/set-password", {
        _csrf: again,
        token: hidden,
        password: "another long passphrase here",
        confirmation: "another long passphrase here",
      });
      assert.equal(replayPost.status, 410);
      await signedIn(app, "hoiku2", NEW_PASSWORD);
      assert.deepEqual(await auditActions(store, "hoiku2"), [
        "account.create",
        "account.password_set",
      ]);
      assert.equal((await person.get("/staff/set-password?token=nonsense")).status, 410);
    } finally {
      await store.dispose();
    }
  });

  it("refuse an expired link and end the earlier link when a new one is issued", async () => {
    const { store, value } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const viewer = await store.db
        .selectFrom("account")
        .select("id")
        .where("login", "=", "viewer")
        .executeTakeFirstOrThrow();
      const old = await issuePasswordSetLink(
        store,
        value.staff.admin,
        { accountId: viewer.id },
        new Date(Date.now() - 73 * 3600_000),
      );
      const guest = staffClient(app);
      assert.equal(
        (await guest.get(`/staff/set-password?token=${old.token}`)).status,
        410,
        "expired",
      );
      const admin = await signedIn(app, "admin");
      const page = await (await admin.get(`/staff/accounts/${viewer.id}`)).text();
      const first = linkOf(
        await (
          await admin.post(`/staff/accounts/${viewer.id}/password-link`, { _csrf: csrfOf(page) })
        ).text(),
      );
      assert.equal((await guest.get(first)).status, 200);
      const second = linkOf(
        await (
          await admin.post(`/staff/accounts/${viewer.id}/password-link`, { _csrf: csrfOf(page) })
        ).text(),
      );
      assert.equal((await guest.get(first)).status, 410, "replaced by the newer link");
      assert.equal((await guest.get(second)).status, 200);
      // The password stays as it was until the link is used.
      await signedIn(app, "viewer");
    } finally {
      await store.dispose();
    }
  });

  it("let an administrator change a role and disable an account, whose session ends at once; nobody else may", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const admin = await signedIn(app, "admin");
      const nurseryBrowser = await signedIn(app, "nursery");
      assert.equal((await nurseryBrowser.get("/staff")).status, 200);
      const nursery = await store.db
        .selectFrom("account")
        .select("id")
        .where("login", "=", "nursery")
        .executeTakeFirstOrThrow();
      const url = `/staff/accounts/${nursery.id}`;
      const page = await (await admin.get(url)).text();
      const token = csrfOf(page);
      assert.match(page, /<h1>アカウント「nursery」<\/h1>/u);

      const refused = await admin.post(url, {
        _csrf: token,
        displayName: "保育 花子",
        role: "departmentEditor",
        departmentId: "",
      });
      assert.equal(refused.status, 400);
      const refusedPage = await refused.text();
      assert.match(refusedPage, /value="保育 花子"/u, "what was typed is kept");
      const changed = await admin.post(url, {
        _csrf: token,
        displayName: "保育 花子",
        role: "viewer",
        departmentId: "",
      });
      assert.equal(changed.status, 303);
      assert.match(
        await (await admin.get(changed.headers.get("location") ?? "")).text(),
        /アカウント「nursery」を変更しました。/u,
      );
      const row = await store.db
        .selectFrom("account")
        .select(["role", "department_id", "display_name"])
        .where("id", "=", nursery.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { role: "viewer", department_id: null, display_name: "保育 花子" });

      const disabled = await admin.post(`${url}/disable`, { _csrf: token });
      assert.equal(disabled.status, 303);
      const after = await nurseryBrowser.get("/staff");
      assert.equal(after.status, 303, "the disabled person's session is over");
      assert.match(after.headers.get("location") ?? "", /^\/staff\/login/u);
      assert.match(
        await (await admin.get("/staff/accounts")).text(),
        /<td>無効（\d{4}-\d\d-\d\d \d\d:\d\dから）<\/td>/u,
      );
      const guest = staffClient(app);
      const refusedLogin = await guest.post("/staff/login", {
        _csrf: csrfOf(await (await guest.get("/staff/login")).text()),
        login: "nursery",
        password: PASSWORD,
        next: "/staff",
      });
      assert.equal(refusedLogin.status, 401, "a disabled account cannot sign in");
      const enabled = await admin.post(`${url}/enable`, { _csrf: token });
      assert.equal(enabled.status, 303);
      await signedIn(app, "nursery");
      assert.deepEqual(await auditActions(store, "nursery"), [
        "account.create",
        "account.update",
        "account.disable",
        "account.enable",
      ]);

      const self = await admin.post(
        `/staff/accounts/${(await store.db.selectFrom("account").select("id").where("login", "=", "admin").executeTakeFirstOrThrow()).id}/disable`,
        { _csrf: token },
      );
      assert.equal(self.status, 400, "nobody disables themselves");

      for (const login of ["planner", "transport", "viewer"]) {
        const person = await signedIn(app, login);
        const home = await (await person.get("/staff")).text();
        assert.ok(!home.includes('href="/staff/accounts"'), `${login} is not offered the page`);
        assert.equal(
          (await person.get("/staff/accounts")).status,
          403,
          `${login} sees no accounts`,
        );
        assert.equal((await person.get("/staff/accounts/new")).status, 403);
        const theirs = csrfOf(home);
        for (const [path, form] of [
          [
            "/staff/accounts/new",
            { login: "intruder", displayName: "", role: "administrator", departmentId: "" },
          ],
          [url, { displayName: "x", role: "administrator", departmentId: "" }],
          [`${url}/disable`, {}],
          [`${url}/password-link`, {}],
        ] as const)
          assert.equal(
            (await person.post(path, { ...form, _csrf: theirs })).status,
            403,
            `${login} ${path}`,
          );
      }
      const outsider = await signedIn(app, "outsider");
      assert.equal((await outsider.get("/staff/accounts")).status, 403);
      assert.equal(
        (
          await store.db
            .selectFrom("account")
            .select("id")
            .where("login", "=", "intruder")
            .execute()
        ).length,
        0,
      );
    } finally {
      await store.dispose();
    }
  });
});
