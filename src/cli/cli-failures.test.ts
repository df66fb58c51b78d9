import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../test/factories/cli-run.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../../test/factories/model-report.ts";
import { importReportFile } from "../import/report-importer.ts";
import { openStore } from "../store/store.ts";

// The failures a person can cause: each must end with one line (or quietly) and the right exit
// code, never a stack trace. The closed pipe and the port in use need the real command line as a
// child process; the others run the same code (runCli) in this process.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "shinchoku-cli-failures-"));
const database = `sqlite:${join(work, "store.db")}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `shinchoku ARGS`; `onStdout` sees the child's output stream as soon as it starts. */
function shinchoku(
  args: string[],
  env: Record<string, string> = {},
  onStdout?: (stream: NodeJS.ReadableStream & { destroy(): void }) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database, ...env };
    delete childEnv.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ["bin/shinchoku.js", ...args], {
      cwd: ROOT,
      env: childEnv,
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    if (onStdout) onStdout(child.stdout);
    else child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const noStack = (run: Run, what: string) => {
  assert.doesNotMatch(run.stderr, /^\s+at /mu, `${what}: no stack trace\n${run.stderr}`);
  assert.doesNotMatch(
    run.stderr,
    /node:internal|Error:/u,
    `${what}: no stack trace\n${run.stderr}`,
  );
};
const oneLine = (run: Run) => run.stderr.trimEnd().split("\n");

describe("the command line's expected failures", () => {
  before(async () => {
    const store = await openStore(database);
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("ends quietly with 0 when the reader of its output stops early, as `export | head -1` does", async () => {
    // The JSON export (about 250 KB) is larger than a pipe holds: the writer meets the closed pipe.
    let first = "";
    const run = await shinchoku(["export", "--format", "json"], {}, (stream) => {
      stream.once("data", (chunk: Buffer) => {
        first = chunk.toString().split("\n")[0] ?? "";
        stream.destroy();
      });
    });
    assert.equal(first, "{");
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
  });

  it("names the port in one line and exits 1 when `serve` finds its port in use", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const address = holder.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const run = await shinchoku(["serve", "--port", String(port), "--host", "127.0.0.1"], {
        LOG_LEVEL: "silent",
      });
      assert.equal(run.code, 1, run.stderr);
      noStack(run, "serve");
      assert.deepEqual(oneLine(run), [
        `shinchoku serve: ポート ${port} はすでに使われています（EADDRINUSE）。--port か PORT で別のポートを指定してください`,
      ]);
    } finally {
      holder.close();
    }
  });

  it("names the file in one line and exits 1 when an output folder or the database is not there", async () => {
    const missing = join(work, "no-such-folder");
    // One after the other: runCli captures this process's output.
    const inProcess = async (args: string[], env: Record<string, string> = {}): Promise<Run> => {
      const run = await runCli(args, { env: { DATABASE_URL: database, ...env } });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const csv = await inProcess(["export", "--out", join(missing, "measures.csv")]);
    const backup = await inProcess(["backup", "--out", join(missing, "backup.gz")]);
    const unreachable = await inProcess(["export"], {
      DATABASE_URL: "postgres://127.0.0.1:1/nowhere",
    });
    for (const [run, what] of [
      [csv, "export"],
      [backup, "backup"],
      [unreachable, "unreachable database"],
    ] as const) {
      assert.equal(run.code, 1, `${what}\n${run.stderr}`);
      noStack(run, what);
      assert.equal(oneLine(run).length, 1, `${what}\n${run.stderr}`);
    }
    assert.match(
      csv.stderr,
      new RegExp(
        `^shinchoku: ${missing}/measures\\.csv: ファイルかフォルダーがありません（ENOENT）`,
        "u",
      ),
    );
    assert.match(
      backup.stderr,
      new RegExp(
        `^shinchoku: ${missing}/backup\\.gz[^:]*: ファイルかフォルダーがありません（ENOENT）`,
        "u",
      ),
    );
    assert.match(
      unreachable.stderr,
      /^shinchoku: DATABASE_URL: データベースに接続できません: 接続を拒否されました（ECONNREFUSED）/u,
    );
  });
});
