import assert from "node:assert/strict";
import { it } from "node:test";
import { PASSWORD, staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { findSession } from "../../commands/auth/session-store.ts";
import { createApp } from "../app.ts";

const NEW = "a new and longer passphrase";

forEachStore("the password page", (dialect) => {
  it("changes one's password with the current one and the new one twice, ends the other sessions and issues a new cookie", async () => {
    const {
      store,
      value: { staff },
    } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store);
      const nursery = await signedIn(app, "nursery");
      const oldCookie = nursery.jar.get("shinchoku_session") ?? "";

      const form = await nursery.get("/staff/password");
      assert.equal(form.status, 200);
      assert.equal(form.headers.get("cache-control"), "no-store");
      const page = await form.text();
      assert.match(page, /<h1>パスワードの変更<\/h1>/u);
      for (const [id, autocomplete] of [
        ["currentPassword", "current-password"],
        ["newPassword", "new-password"],
        ["confirmation", "new-password"],
      ]) {
        assert.match(page, new RegExp(`<label for="${id}">`, "u"));
        assert.match(
          page,
          new RegExp(`id="${id}" name="${id}" type="password" autocomplete="${autocomplete}"`, "u"),
        );
      }
      const token = csrfOf(page);
      const post = (fields: Record<string, string>) => nursery.post("/staff/password", fields);
      const change = { currentPassword: PASSWORD, newPassword: NEW, confirmation: NEW };

      assert.equal((await post(change)).status, 403, "no CSRF token");
      assert.equal((await post({ ...change, _csrf: "x".repeat(43) })).status, 403, "a wrong one");
      const wrong = await post({ ...change, currentPassword: "wrong password!!", _csrf: token });
      assert.equal(wrong.status, 400);
      const wrongPage = await wrong.text();
      assert.match(wrongPage, /<title>エラー：パスワードの変更/u);
      assert.match(wrongPage, /入力内容に問題があります/u);
      assert.match(wrongPage, /<a href="#currentPassword">現在のパスワードが違います<\/a>/u);
      assert.match(wrongPage, /aria-describedby="currentPassword-error" aria-invalid="true"/u);
      assert.ok(
        !wrongPage.includes(NEW) && !wrongPage.includes("wrong password!!"),
        "passwords are never sent back",
      );
      const mismatch = await (
        await post({ ...change, confirmation: `${NEW}!`, _csrf: token })
      ).text();
      assert.match(
        mismatch,
        /<a href="#confirmation">確認用のパスワードが新しいパスワードと違います<\/a>/u,
      );
      const short = await (
        await post({ ...change, newPassword: "short", confirmation: "short", _csrf: token })
      ).text();
      assert.match(
        short,
        /<a href="#newPassword">新しいパスワードは12文字以上にしてください<\/a>/u,
      );
      // The policy's reasons, each its own; the login twice, a common password, one character.
      const refusals: Array<[string, string, RegExp]> = [
        ["", "nurserynursery", /ログイン名や表示名をもとにしたパスワードは使えません/u],
        ["", "password1234", /よく使われるパスワードや流出したパスワードの一覧にある語/u],
        ["", "aaaaaaaaaaaa", /同じ文字を並べただけのパスワードは使えません/u],
        ["?lang=en", "NurseryNursery", /built from your login or display name/u],
        ["?lang=en", "password1234", /a list of common and leaked passwords/u],
      ];
      for (const [query, weak, reason] of refusals) {
        const res = await nursery.post(`/staff/password${query}`, {
          currentPassword: PASSWORD,
          newPassword: weak,
          confirmation: weak,
          _csrf: token,
        });
        assert.equal(res.status, 400, weak);
        const body = await res.text();
        assert.match(body, new RegExp(`<a href="#newPassword">[^<]*${reason.source}`, "u"), weak);
        assert.match(body, /id="newPassword-error"/u);
        assert.ok(!body.includes(weak), "the refused password is not sent back");
      }
      assert.notEqual(await findSession(store, staff.tokens.nursery), null, "nothing changed yet");

      const done = await post({ ...change, _csrf: token });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get("location"), "/staff/password?changed=1");
      assert.match(
        done.headers.getSetCookie().join("\n"),
        /shinchoku_session=[^;]+;.*HttpOnly.*SameSite=Lax/u,
      );
      const newCookie = nursery.jar.get("shinchoku_session") ?? "";
      assert.ok(newCookie !== "" && newCookie !== oldCookie, "a new session cookie");
      assert.equal(await findSession(store, staff.tokens.nursery), null, "the other session ended");
      const replay = await app.request("/staff/password", {
        headers: { cookie: `shinchoku_session=${oldCookie}` },
      });
      assert.equal(replay.status, 303, "the old cookie is sent to the login page");
      const after = await (await nursery.get("/staff/password?changed=1")).text();
      assert.match(after, /<p class="notice" role="status">パスワードを変更しました。/u);

      const oldLogin = staffClient(app);
      const loginForm = await (await oldLogin.get("/staff/login")).text();
      const refused = await oldLogin.post("/staff/login", {
        _csrf: csrfOf(loginForm),
        login: "nursery",
        password: PASSWORD,
        next: "/staff",
      });
      assert.equal(refused.status, 401, "the old password no longer signs in");
      await signedIn(app, "nursery", NEW);

      const english = await (await nursery.get("/staff/password?lang=en")).text();
      assert.match(english, /<html lang="en">/u);
      assert.match(english, /<h1>Change password<\/h1>/u);
      assert.match(english, /<label for="currentPassword">Current password<\/label>/u);

      const anonymous = staffClient(app);
      assert.equal(
        (await anonymous.get("/staff/password")).status,
        303,
        "signed out: to the login page",
      );
      assert.equal(
        (await anonymous.post("/staff/password", { ...change, _csrf: token })).status,
        401,
      );
    } finally {
      await store.dispose();
    }
  });
});
