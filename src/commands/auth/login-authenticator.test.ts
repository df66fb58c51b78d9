import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { importReportFile } from "../../import/report-importer.ts";
import { createAccount } from "./account-creator.ts";
import { logIn, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_LOGIN } from "./login-authenticator.ts";
import { hashPassword, passwordHashCost, verifyPassword } from "./password-hash.ts";
import { endSession, findSession } from "./session-store.ts";

const PASSWORD = "correct horse battery staple";

describe("password hashes", () => {
  it("cost 2^15 unless the test runner asks for its low cost", () => {
    assert.equal(passwordHashCost({}), 32768);
    assert.equal(passwordHashCost({ SHINCHOKU_TEST_PASSWORD_COST: "yes" }), 32768);
    assert.equal(passwordHashCost({ SHINCHOKU_TEST_PASSWORD_COST: "low" }), 1024);
  });

  it("verifies a hash by the cost stored in it, whatever the cost of new hashes", async () => {
    const stored = await hashPassword(PASSWORD);
    const cost = Number(stored.split("$")[1]);
    const other = cost === 1024 ? 32768 : 1024;
    // The same password under the other cost, written as hashPassword writes it.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync(PASSWORD, salt, 32, { N: other, r: 8, p: 1, maxmem: 256 * other * 8 });
    const written = ["scrypt", other, 8, 1, salt.toString("base64"), key.toString("base64")].join(
      "$",
    );
    assert.equal(await verifyPassword(PASSWORD, written), true);
    assert.equal(await verifyPassword(`${PASSWORD}!`, written), false);
  });

  it("verifies the right password and refuses a wrong one, with a salt of its own each time", async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    assert.notEqual(a, b);
    assert.ok(a.startsWith(`scrypt$${passwordHashCost()}$8$1$`), a);
    assert.equal(await verifyPassword(PASSWORD, a), true);
    assert.equal(await verifyPassword(`${PASSWORD}!`, a), false);
    assert.equal(await verifyPassword(PASSWORD, "md5$x"), false);
  });
});

forEachStore("signing in", (dialect) => {
  async function withAccount() {
    const store = await freshStore(dialect);
    await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
    await createAccount(store, {
      organizationCode: KUMAMOTO.code,
      login: "kikaku",
      displayName: "企画 太郎",
      password: PASSWORD,
      role: "planner",
    });
    return store;
  }
  const idOf = (e: unknown) => (e instanceof ShinchokuError ? e.id : String(e));

  it("opens a new session at each login, found by its token, ended by logout", async () => {
    const store = await withAccount();
    try {
      const first = await logIn(store, {
        login: "KIKAKU",
        password: PASSWORD,
        address: "10.0.0.1",
      });
      const second = await logIn(store, {
        login: "kikaku",
        password: PASSWORD,
        address: "10.0.0.1",
      });
      assert.notEqual(first.token, second.token, "the session id is rotated at login");
      const session = await findSession(store, first.token);
      assert.equal(session?.actor.role, "planner");
      assert.equal(session?.displayName, "企画 太郎");
      const stored = await store.db.selectFrom("session").select("id").execute();
      assert.ok(
        stored.every((s) => s.id !== first.token),
        "the store keeps a digest, not the token",
      );
      await endSession(store, first.token);
      assert.equal(
        await findSession(store, first.token),
        null,
        "a logged-out session's cookie opens nothing",
      );
      assert.notEqual(await findSession(store, second.token), null);
      assert.equal(
        await findSession(store, first.token, new Date(Date.now() + 9 * 3_600_000)),
        null,
      );
      assert.equal(
        await findSession(store, second.token, new Date(Date.now() + 9 * 3_600_000)),
        null,
        "sessions expire",
      );
    } finally {
      await store.dispose();
    }
  });

  it("gives the same answer for an unknown login and a wrong password", async () => {
    const store = await withAccount();
    try {
      const wrong = await logIn(store, {
        login: "kikaku",
        password: "wrong password!!",
        address: "10.0.0.2",
      }).catch((e: Error) => e.message);
      const unknown = await logIn(store, {
        login: "nobody",
        password: PASSWORD,
        address: "10.0.0.2",
      }).catch((e: Error) => e.message);
      assert.equal(wrong, unknown);
    } finally {
      await store.dispose();
    }
  });

  it("locks a login name after repeated failures, even with the right password, and refuses a busy address", async () => {
    const store = await withAccount();
    try {
      for (let i = 0; i < MAX_FAILURES_PER_LOGIN; i++) {
        assert.equal(
          await logIn(store, {
            login: "kikaku",
            password: "wrong password!!",
            address: `10.0.1.${i}`,
          }).catch(idOf),
          "unauthenticated",
        );
      }
      assert.equal(
        await logIn(store, { login: "kikaku", password: PASSWORD, address: "10.0.2.1" }).catch(
          idOf,
        ),
        "throttled",
      );
      assert.equal(
        await logIn(
          store,
          { login: "kikaku", password: PASSWORD, address: "10.0.2.1" },
          new Date(Date.now() + 16 * 60_000),
        ).then(() => "ok", idOf),
        "ok",
        "the lock ends",
      );
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
        await logIn(store, {
          login: `guess${i}`,
          password: "wrong password!!",
          address: "10.0.3.3",
        }).catch(idOf);
      }
      assert.equal(
        await logIn(store, { login: "kikaku", password: PASSWORD, address: "10.0.3.3" }).catch(
          idOf,
        ),
        "throttled",
      );
    } finally {
      await store.dispose();
    }
  });

  it("refuses to create an account with a short, common or personal password, an unknown role or a taken login", async () => {
    const store = await withAccount();
    try {
      const base = {
        organizationCode: KUMAMOTO.code,
        login: "new",
        displayName: "x",
        password: PASSWORD,
        role: "viewer",
      };
      await assert.rejects(createAccount(store, { ...base, password: "short" }), /12文字以上/u);
      const weak: Array<[Partial<typeof base>, RegExp]> = [
        [{ password: "aaaaaaaaaaaa" }, /同じ文字を並べただけ/u],
        [{ password: "password1234" }, /よく使われるパスワードや流出したパスワード/u],
        [{ login: "tanaka", password: "tanakatanaka" }, /ログイン名や表示名をもとにした/u],
        [{ displayName: "田中 一郎", password: "田中一郎1234567890" }, /ログイン名や表示名/u],
      ];
      for (const [change, reason] of weak)
        await assert.rejects(createAccount(store, { ...base, ...change }), reason);
      await assert.rejects(createAccount(store, { ...base, role: "root" }), /役割/u);
      await assert.rejects(createAccount(store, { ...base, login: "kikaku" }), /使われています/u);
      await assert.rejects(createAccount(store, { ...base, role: "departmentEditor" }), /担当課/u);
      assert.equal((await store.db.selectFrom("account").select("id").execute()).length, 1);
    } finally {
      await store.dispose();
    }
  });
});
