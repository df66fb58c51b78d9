import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  BACKUP_KEY,
  backupFileLines,
  resealBackupLines,
  writeBackupLines,
} from "../../test/factories/backup-files.ts";
import { runCli } from "../../test/factories/cli-run.ts";
import { PASSWORD } from "../../test/factories/staff.ts";

// `shinchoku backup` and `shinchoku restore` as an IT department runs them, on SQLite files: the
// command line's runCli in this process (the executable itself is pinned in cli.test.ts), one run
// after the other. The stores themselves are tested in src/commands/backup/ on both databases.
const work = mkdtempSync(join(tmpdir(), "shinchoku-backup-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function shinchoku(database: string, ...args: string[]) {
  return run({ database }, ...args);
}

async function run(
  options: { database: string; key?: string; input?: string },
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runCli(args, {
    env: {
      DATABASE_URL: `sqlite:${join(work, options.database)}`,
      SHINCHOKU_BACKUP_KEY: options.key,
    },
    stdin: options.input ?? "",
  });
  return { code: status, stdout, stderr };
}

describe("shinchoku backup and restore", () => {
  it("backs up a store, restores it into an empty one, and refuses a full one without --force", async () => {
    const file = join(work, "backup.jsonl.gz");
    const usage = await shinchoku("a.db", "backup");
    const missing = await shinchoku("c.db", "restore", join(work, "none.gz"));
    const imported = await shinchoku(
      "a.db",
      "import",
      "examples/kumamoto-2013-09-30.txt",
      "--org-code",
      "431001",
      "--org-name",
      "熊本市",
    );
    assert.equal(usage.code, 2, usage.stderr);
    assert.match(usage.stderr, /--out FILE/u);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /none\.gz: バックアップファイルがありません/u);
    assert.equal(imported.code, 0, imported.stderr);

    const backup = await shinchoku("a.db", "backup", "--out", file);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /バックアップを書き出しました/u);
    assert.match(backup.stderr, /measure: \d+ 行/u);
    assert.ok(existsSync(file));

    // Without --yes: the list is printed, nothing is written (the run with --yes then finds an
    // empty store), and the exit code says so.
    const unconfirmed = await shinchoku("b.db", "restore", file);
    assert.equal(unconfirmed.code, 3, unconfirmed.stderr);
    assert.match(unconfirmed.stdout, /作られるアカウント（0）/u);
    assert.match(unconfirmed.stdout, /作られる API トークン（0）/u);
    assert.match(unconfirmed.stderr, /まだ何も書き込んでいません.*--yes/u);
    assert.match(unconfirmed.stderr, /!!! 警告: 鍵による署名のないバックアップです/u);

    const restored = await shinchoku("b.db", "restore", file, "--yes");
    const refused = await shinchoku("a.db", "restore", file, "--yes");
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /復元しました/u);
    assert.match(restored.stdout, /もう一度ログインしてください/u);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /復元先にデータがあります.*--force/u);

    const forced = await shinchoku("a.db", "restore", file, "--force", "--yes");
    const copy = await shinchoku("b.db", "export", "--format", "json");
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /置き換えました/u);
    const original = await shinchoku("a.db", "export", "--format", "json");
    assert.equal(copy.code, 0, copy.stderr);
    assert.equal(copy.stdout, original.stdout, "the restored store exports the same JSON");
  });

  it("signs a backup with SHINCHOKU_BACKUP_KEY and refuses an edited copy of it, listing the accounts first", async () => {
    const signed = join(work, "signed.jsonl.gz");
    const imported = await shinchoku(
      "k.db",
      "import",
      "examples/kumamoto-2013-09-30.txt",
      "--org-code",
      "431001",
      "--org-name",
      "熊本市",
    );
    assert.equal(imported.code, 0, imported.stderr);
    const viewer = await run(
      { database: "k.db", input: `${PASSWORD}\n` },
      "user",
      "add",
      "--org-code",
      "431001",
      "--login",
      "viewer",
      "--role",
      "viewer",
    );
    assert.equal(viewer.code, 0, viewer.stderr);
    const backup = await run({ database: "k.db", key: BACKUP_KEY }, "backup", "--out", signed);
    const shortKey = await run(
      { database: "k.db", key: "too short" },
      "backup",
      "--out",
      join(work, "x.gz"),
    );
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /署名: HMAC-SHA-256/u);
    assert.equal(shortKey.code, 1);
    assert.match(shortKey.stderr, /SHINCHOKU_BACKUP_KEY: SHINCHOKU_BACKUP_KEY が短すぎます/u);

    const lines = backupFileLines(signed);
    const columns: string[] = JSON.parse(lines[0] ?? "").tables.find(
      (t: { name: string }) => t.name === "account",
    ).columns;
    const at = lines.indexOf('{"table":"account"}') + 1;
    const row = JSON.parse(lines[at] ?? "");
    assert.equal(row[columns.indexOf("role")], "viewer");
    row[columns.indexOf("role")] = "administrator";
    const edited = join(work, "edited.jsonl.gz");
    writeBackupLines(edited, resealBackupLines(lines.with(at, JSON.stringify(row))));
    assert.notEqual(backupFileLines(edited)[at], lines[at], "the role was edited");

    const listed = await run({ database: "l.db", key: BACKUP_KEY }, "restore", signed);
    const refused = await run({ database: "m.db", key: BACKUP_KEY }, "restore", edited, "--yes");
    const allowed = await run(
      { database: "n.db", key: BACKUP_KEY },
      "restore",
      edited,
      "--allow-unsigned",
    );
    assert.equal(listed.code, 3, listed.stderr);
    assert.match(listed.stdout, /完全性: 鍵による署名（HMAC-SHA-256）を確かめました/u);
    assert.match(
      listed.stdout,
      /作られるアカウント（1）.*\n {2}viewer \/ viewer \/ なし \/ 有効 \/ 熊本市（431001）/u,
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /edited\.jsonl\.gz:\d+: 鍵による署名のないバックアップです/u);
    assert.doesNotMatch(refused.stdout, /作られるアカウント/u, "nothing listed before verifying");
    assert.equal(allowed.code, 3, allowed.stderr);
    assert.match(allowed.stdout, /viewer \/ administrator/u);
    assert.match(
      allowed.stderr,
      /!!! 警告: 鍵による署名のないバックアップを --allow-unsigned で復元します/u,
    );

    const restored = await run({ database: "l.db", key: BACKUP_KEY }, "restore", signed, "--yes");
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /復元しました/u);
  });
});
