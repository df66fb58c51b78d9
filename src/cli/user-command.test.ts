import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../../test/factories/cli-run.ts";
import { openStore } from "../store/store.ts";

const dir = mkdtempSync(join(tmpdir(), "shinchoku-user-"));
const url = `sqlite:${join(dir, "t.db")}`;
const run = (args: string[], input = "") =>
  runCli(args, { env: { DATABASE_URL: url }, stdin: input });

describe("shinchoku user add", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the first administrator with the password from standard input, never a default one", async () => {
    assert.equal(
      (
        await run([
          "import",
          "examples/kumamoto-2013-09-30.txt",
          "--org-code",
          "431001",
          "--org-name",
          "熊本市",
        ])
      ).status,
      0,
    );
    const noPassword = await run([
      "user",
      "add",
      "--org-code",
      "431001",
      "--login",
      "admin",
      "--role",
      "administrator",
    ]);
    assert.equal(noPassword.status, 1);
    assert.match(noPassword.stderr, /12文字以上/u);
    const addAdmin = (password: string) =>
      run(
        [
          "user",
          "add",
          "--org-code",
          "431001",
          "--login",
          "admin",
          "--name",
          "管理者",
          "--role",
          "administrator",
        ],
        `${password}\n`,
      );
    for (const [weak, reason] of [
      ["aaaaaaaaaaaa", /同じ文字を並べただけのパスワードは使えません/u],
      ["password1234", /よく使われるパスワードや流出したパスワード/u],
      ["adminadminadmin", /ログイン名や表示名をもとにしたパスワードは使えません/u],
    ] as const) {
      const refused = await addAdmin(weak);
      assert.equal(refused.status, 1, weak);
      assert.match(refused.stderr, reason);
    }
    const ok = await run(
      [
        "user",
        "add",
        "--org-code",
        "431001",
        "--login",
        "admin",
        "--name",
        "管理者",
        "--role",
        "administrator",
      ],
      "correct horse battery staple\n",
    );
    assert.equal(ok.status, 0, ok.stderr);
    const store = await openStore(url);
    try {
      const account = await store.db.selectFrom("account").selectAll().executeTakeFirstOrThrow();
      assert.equal(account.role, "administrator");
      assert.match(account.password_hash, /^scrypt\$/u);
      assert.ok(!account.password_hash.includes("correct horse"));
    } finally {
      await store.close();
    }
    assert.equal(
      (await run(["user", "add", "--login", "x"])).status,
      2,
      "missing options are a usage error",
    );
  });

  it("refuses a mistyped department unless told to create it, then lists, disables, enables and changes the role of an account as an administrator", async () => {
    const add = (login: string, extra: string[]) =>
      run(
        [
          "user",
          "add",
          "--org-code",
          "431001",
          "--login",
          login,
          "--role",
          "departmentEditor",
          ...extra,
        ],
        "correct horse battery staple\n",
      );
    const mistyped = await add("hoiku", ["--department", "保育幼稚課"]);
    assert.equal(mistyped.status, 1);
    assert.match(
      mistyped.stderr,
      /担当課「保育幼稚課」はありません。作るときは --create-department/u,
    );
    assert.equal(
      (await add("hoiku", ["--department", "保育幼稚園課", "--create-department"])).status,
      0,
    );
    assert.equal(
      (await add("hoiku2", ["--department", "保育幼稚園課"])).status,
      0,
      "a known one needs no flag",
    );

    const listed = await run(["user", "list", "--as", "admin"]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split("\n"), [
      "admin\t管理者\tadministrator\t\t有効",
      "hoiku\thoiku\tdepartmentEditor\t保育幼稚園課\t有効",
      "hoiku2\thoiku2\tdepartmentEditor\t保育幼稚園課\t有効",
    ]);
    assert.equal(
      (await run(["user", "list", "--as", "hoiku"])).status,
      1,
      "an editor may not list",
    );
    assert.equal((await run(["user", "disable", "hoiku"])).status, 2, "--as is required");
    const disabled = await run(["user", "disable", "HOIKU", "--as", "admin"]);
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.match(
      (await run(["user", "list", "--as", "admin"])).stdout,
      /hoiku\thoiku\tdepartmentEditor\t保育幼稚園課\t無効（/u,
    );
    assert.equal(
      (await run(["user", "disable", "hoiku", "--as", "admin"])).status,
      1,
      "already disabled",
    );
    assert.equal(
      (await run(["user", "list", "--as", "hoiku"])).status,
      1,
      "a disabled account cannot be acted as",
    );
    assert.equal((await run(["user", "enable", "hoiku", "--as", "admin"])).status, 0);
    const role = await run(["user", "set-role", "hoiku", "planner", "--as", "admin"]);
    assert.equal(role.status, 0, role.stderr);
    assert.match(role.stdout, /役割を 企画課（planner）にしました/u);
    assert.equal((await run(["user", "set-role", "hoiku", "boss", "--as", "admin"])).status, 1);
    assert.equal(
      (await run(["user", "disable", "admin", "--as", "admin"])).status,
      1,
      "not oneself",
    );
    const store = await openStore(url);
    try {
      const events = await store.db
        .selectFrom("audit_event")
        .innerJoin("account", "account.id", "audit_event.account_id")
        .select(["audit_event.action", "account.login"])
        .where("audit_event.action", "in", ["account.disable", "account.enable", "account.update"])
        .orderBy("audit_event.id")
        .execute();
      assert.deepEqual(
        events.map((e) => `${e.action} ${e.login}`),
        ["account.disable admin", "account.enable admin", "account.update admin"],
      );
      assert.equal(
        (await store.db.selectFrom("department").select("name").execute())
          .map((d) => d.name)
          .join(),
        "保育幼稚園課",
      );
    } finally {
      await store.close();
    }
  });
});
