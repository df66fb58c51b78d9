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
});
