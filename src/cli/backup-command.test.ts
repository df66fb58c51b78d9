import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// `shinchoku backup` and `shinchoku restore` as an IT department runs them: child processes on
// SQLite files. The stores themselves are tested in src/commands/backup/ on both databases.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "shinchoku-backup-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function shinchoku(database: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(work, database)}`,
    TZ: "Asia/Tokyo",
  };
  delete env.NODE_TEST_CONTEXT;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["bin/shinchoku.js", ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("shinchoku backup and restore", () => {
  it("backs up a store, restores it into an empty one, and refuses a full one without --force", async () => {
    const file = join(work, "backup.jsonl.gz");
    // Each run starts Node and tsx: independent runs go in parallel.
    const [usage, missing, imported] = await Promise.all([
      shinchoku("a.db", "backup"),
      shinchoku("c.db", "restore", join(work, "none.gz")),
      shinchoku(
        "a.db",
        "import",
        "examples/kumamoto-2013-09-30.txt",
        "--org-code",
        "431001",
        "--org-name",
        "熊本市",
      ),
    ]);
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

    const [restored, refused] = await Promise.all([
      shinchoku("b.db", "restore", file),
      shinchoku("a.db", "restore", file),
    ]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /復元しました/u);
    assert.match(restored.stdout, /もう一度ログインしてください/u);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /復元先にデータがあります.*--force/u);

    const [forced, copy] = await Promise.all([
      shinchoku("a.db", "restore", file, "--force"),
      shinchoku("b.db", "export", "--format", "json"),
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /置き換えました/u);
    const original = await shinchoku("a.db", "export", "--format", "json");
    assert.equal(copy.code, 0, copy.stderr);
    assert.equal(copy.stdout, original.stdout, "the restored store exports the same JSON");
  });
});
