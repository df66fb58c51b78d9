import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it, mock } from "node:test";
import { generateCommand } from "./generate-command.ts";

const dir = mkdtempSync(join(tmpdir(), "shinchoku-generate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], url = `sqlite:${join(dir, "unused.db")}`) {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, "log", (...parts: unknown[]) => out.push(parts.join(" ")));
  const error = mock.method(console, "error", (...parts: unknown[]) => err.push(parts.join(" ")));
  try {
    const status = await generateCommand(args);
    return { status, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mock.restore();
    error.mock.restore();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

describe("shinchoku generate", () => {
  it("refuses --orgs 0, --orgs abc and a missing --orgs with a usage error naming the option", async () => {
    for (const [args, pattern] of [
      [["--orgs", "0"], /--orgs は 1 から \d+ までの整数で指定してください（「0」）/u],
      [["--orgs", "abc"], /--orgs は 1 から \d+ までの整数で指定してください（「abc」）/u],
      [["--orgs", "2", "--periods=-1"], /--periods は 1 から 40 までの整数/u],
      [["--orgs", "2", "--plans-per-org", "2.5"], /--plans-per-org は 1 から 20 までの整数/u],
      [[], /生成する団体の数を --orgs N で指定してください/u],
    ] as const) {
      const { status, stderr, stdout } = await run([...args]);
      assert.equal(status, 2, args.join(" "));
      assert.match(stderr, pattern);
      assert.equal(stdout, "");
    }
  });

  it("generates a small set and prints the summary as JSON with the rows per second", async () => {
    const url = `sqlite:${join(dir, "small.db")}`;
    const { status, stdout } = await run(
      ["--orgs", "２", "--plans-per-org", "1", "--periods", "2", "--json"],
      url,
    );
    assert.equal(status, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.dialect, "sqlite");
    assert.equal(summary.organizations, 2);
    assert.equal(summary.plans, 2);
    for (const key of ["measures", "progressRows", "rows", "seconds", "rowsPerSecond"])
      assert.equal(typeof summary[key], "number", key);
    assert.ok(summary.rows > summary.progressRows);
  });
});
