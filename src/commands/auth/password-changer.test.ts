import assert from "node:assert/strict";
import { it } from "node:test";
import { KUMAMOTO, modelReportSeed } from "../../../test/factories/model-report.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { createAccount } from "./account-creator.ts";
import { logIn, MAX_FAILURES_PER_LOGIN } from "./login-authenticator.ts";
import { changePassword } from "./password-changer.ts";
import { findSession } from "./session-store.ts";

const OLD = "correct horse battery staple";
const NEW = "a new and longer passphrase";

forEachStore("changing a password", (dialect) => {
  it("needs the current password, ends every session of the account, opens a new one and records it without the hashes", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      await createAccount(store, {
        organizationCode: KUMAMOTO.code,
        login: "kikaku",
        displayName: "企画 太郎",
        password: OLD,
        role: "planner",
      });
      const here = await logIn(store, { login: "kikaku", password: OLD, address: "10.0.0.1" });
      const elsewhere = await logIn(store, { login: "kikaku", password: OLD, address: "10.0.0.2" });
      const actor = (await findSession(store, here.token))?.actor;
      assert.ok(actor);
      const change = {
        currentPassword: OLD,
        newPassword: NEW,
        confirmation: NEW,
        address: "10.0.0.1",
      };
      const idOf = (e: unknown) =>
        e instanceof ShinchokuError ? `${e.id} ${e.location.field}` : String(e);
      const accountRow = () =>
        store.db.selectFrom("account").select("password_hash").executeTakeFirstOrThrow();
      const stored = await accountRow();

      assert.equal(
        await changePassword(store, actor, { ...change, confirmation: `${NEW}!` }).catch(idOf),
        "invalid_input confirmation",
      );
      assert.equal(
        await changePassword(store, actor, {
          ...change,
          newPassword: "short",
          confirmation: "short",
        }).catch(idOf),
        "invalid_input newPassword",
      );
      assert.equal(
        await changePassword(store, actor, {
          ...change,
          newPassword: OLD,
          confirmation: OLD,
        }).catch(idOf),
        "invalid_input newPassword",
      );
      assert.equal(
        await changePassword(store, actor, {
          ...change,
          currentPassword: "wrong password!!",
        }).catch(idOf),
        "invalid_input currentPassword",
      );
      assert.deepEqual(await accountRow(), stored, "nothing changed by a refused change");
      assert.notEqual(await findSession(store, elsewhere.token), null);

      const { token } = await changePassword(store, actor, change);
      assert.equal(await findSession(store, here.token), null, "the old cookie opens nothing");
      assert.equal(await findSession(store, elsewhere.token), null, "nor another device's");
      assert.equal((await findSession(store, token))?.actor.accountId, actor.accountId);
      await assert.rejects(logIn(store, { login: "kikaku", password: OLD, address: "10.0.0.3" }));
      await logIn(store, { login: "kikaku", password: NEW, address: "10.0.0.3" });

      const event = await store.db
        .selectFrom("audit_event")
        .selectAll()
        .where("action", "=", "account.password")
        .executeTakeFirstOrThrow();
      assert.equal(event.account_id, actor.accountId);
      assert.equal(event.entity_id, String(actor.accountId));
      assert.deepEqual(JSON.parse(event.after ?? ""), { sessionsEnded: 2 });
      assert.ok(!`${event.before}${event.after}`.includes("scrypt"), "no hash in the trail");
    } finally {
      await store.dispose();
    }
  });

  it("counts wrong current passwords as failed logins and stops answering after too many", async () => {
    const { store } = await seededStore(dialect, modelReportSeed);
    try {
      await createAccount(store, {
        organizationCode: KUMAMOTO.code,
        login: "kikaku",
        displayName: "企画 太郎",
        password: OLD,
        role: "planner",
      });
      const { token } = await logIn(store, { login: "kikaku", password: OLD, address: "10.0.0.1" });
      const actor = (await findSession(store, token))?.actor;
      assert.ok(actor);
      const guess = {
        currentPassword: "guess guess guess",
        newPassword: NEW,
        confirmation: NEW,
        address: "10.0.0.1",
      };
      for (let i = 0; i < MAX_FAILURES_PER_LOGIN; i++)
        await assert.rejects(changePassword(store, actor, guess), /現在のパスワードが違います/u);
      await assert.rejects(
        changePassword(store, actor, { ...guess, currentPassword: OLD }),
        (e: unknown) => e instanceof ShinchokuError && e.id === "throttled",
        "even the right password is refused for a while",
      );
      assert.notEqual(await findSession(store, token), null, "and the session goes on");
    } finally {
      await store.dispose();
    }
  });
});
