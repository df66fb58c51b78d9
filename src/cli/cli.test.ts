import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../test/factories/cli-run.ts";

// The command line the way a user runs it. Each start of the real executable costs seconds, so
// only the runs that pin the executable itself are child processes (an unknown command's exit
// code, and an import end to end into a store); the others run the same code (runCli) in this
// process, one after the other, and each store is shared by the tests that read it.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = "examples/kumamoto-2013-09-30.txt";
const KUMAMOTO = ["--org-code", "431001", "--org-name", "熊本市"];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

const work = mkdtempSync(join(tmpdir(), "shinchoku-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function shinchoku(database: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(work, database)}`,
    TZ: "Asia/Tokyo",
  };
  // The child is a CLI run, not a test file of this run.
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/shinchoku.js", ...args],
      { cwd: ROOT, env, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr: stderr.toString("utf8") });
      },
    );
  });
}

/** `shinchoku ARGS` in this process: the same runCli that bin/shinchoku.js runs. */
async function inProcess(database: string, ...args: string[]): Promise<Run> {
  const run = await runCli(args, { env: { DATABASE_URL: `sqlite:${join(work, database)}` } });
  return { code: run.status, stdout: run.stdoutBytes, stderr: run.stderr };
}

const text = (run: Run) => run.stdout.toString("utf8");
const describeRun = (run: Run) =>
  `exit ${run.code}\nstdout: ${text(run).slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;

/** CSV bytes: a BOM, then CRLF-terminated lines; returns the lines without their CRLF. */
function csvLines(bytes: Buffer): string[] {
  assert.ok(bytes.subarray(0, 3).equals(BOM), "the CSV starts with a UTF-8 BOM");
  const body = bytes.subarray(3).toString("utf8");
  assert.ok(body.endsWith("\r\n"), "the last line ends with CRLF");
  const lines = body.slice(0, -2).split("\r\n");
  assert.ok(
    lines.every((l) => !l.includes("\n")),
    "no line ends with a bare LF",
  );
  return lines;
}

// The child processes start when the file loads; the runs in this process follow in the hooks.
const roadmapFile = join(work, "roadmap.csv");
const emptyFile = join(work, "empty.txt");
writeFileSync(emptyFile, "");

const unknownCommand = shinchoku("usage.db", "frobnicate");
const importedByExecutable = shinchoku("store.db", "import", EXAMPLE, ...KUMAMOTO);

describe("shinchoku without a store to change", () => {
  let help: Run;
  let none: Run;
  let unknown: Run;
  let xml: Run;
  let json: Run;
  before(async () => {
    unknown = await unknownCommand;
    help = await inProcess("usage.db", "--help");
    none = await inProcess("usage.db");
    xml = await inProcess("usage.db", "export", "--format", "xml");
    json = await inProcess("json.db", "import", EXAMPLE, ...KUMAMOTO, "--json");
  });

  it("prints the usage and exits 0 for --help", () => {
    assert.equal(help.code, 0, describeRun(help));
    assert.match(text(help), /shinchoku import/u);
    assert.match(text(help), /shinchoku export/u);
  });

  it("prints the usage and exits 2 without a command", () => {
    assert.equal(none.code, 2, describeRun(none));
    assert.match(text(none), /shinchoku import/u);
  });

  it("exits 2 with a Japanese message naming an unknown command", () => {
    assert.equal(unknown.code, 2, describeRun(unknown));
    assert.match(unknown.stderr, /不明なコマンド「frobnicate」/u);
  });

  it("exits 2 for export --format xml, naming the formats it knows", () => {
    assert.equal(xml.code, 2, describeRun(xml));
    assert.match(xml.stderr, /--format は csv か json/u);
    assert.match(xml.stderr, /xml/u);
    assert.equal(text(xml), "");
  });

  it("prints the import report as JSON with --json, 198 measures among its counts", () => {
    assert.equal(json.code, 0, describeRun(json));
    const report = JSON.parse(text(json)) as {
      plan: string;
      asOf: string;
      counts: { measures: number; relistings: number };
    };
    assert.equal(report.counts.measures, 198);
    assert.equal(report.counts.relistings, 13);
    assert.equal(report.asOf, "2013-09-30");
    assert.equal(typeof report.plan, "string");
  });
});

describe("shinchoku import and export on one store", () => {
  let imported: Run;
  let measures: Run;
  let roadmap: Run;
  let noPeriod: Run;
  let empty: Run;
  let afterRefusal: Run;
  before(async () => {
    // Each stage reads what the one before wrote.
    imported = await importedByExecutable;
    measures = await inProcess("store.db", "export");
    roadmap = await inProcess("store.db", "export", "--table", "roadmap", "--out", roadmapFile);
    noPeriod = await inProcess("store.db", "export", "--period", "2099-01-01");
    empty = await inProcess("store.db", "import", emptyFile, ...KUMAMOTO);
    afterRefusal = await inProcess("store.db", "export");
  });

  it("imports the example, exits 0 and reports 取組 198（うち再掲 13）", () => {
    assert.equal(imported.code, 0, describeRun(imported));
    assert.match(text(imported), /取組 198（うち再掲 13）/u);
  });

  it("exports the measures as CSV on stdout: BOM, a header and 198 rows, each ending in CRLF", () => {
    assert.equal(measures.code, 0, describeRun(measures));
    const lines = csvLines(measures.stdout);
    assert.equal(lines.length, 199);
    assert.match(lines[0] ?? "", /^全国地方公共団体コード,/u);
    assert.ok(
      lines.slice(1).every((l) => l.startsWith("431001,熊本市,")),
      "every row carries the organization code and name",
    );
  });

  it("writes the roadmap table to the file given by --out and nothing to stdout", () => {
    assert.equal(roadmap.code, 0, describeRun(roadmap));
    assert.equal(text(roadmap), "");
    assert.ok(existsSync(roadmapFile), roadmapFile);
    const lines = csvLines(readFileSync(roadmapFile));
    assert.match(lines[0] ?? "", /^取組ID,/u);
    assert.equal(lines.length, 1 + 370);
  });

  it("exits 1 naming the period when no report has that date", () => {
    assert.equal(noPeriod.code, 1, describeRun(noPeriod));
    assert.match(noPeriod.stderr, /2099-01-01/u);
    assert.equal(text(noPeriod), "");
  });

  it("refuses an empty file with exit 1, the file and line 1 and 空です on stderr", () => {
    assert.equal(empty.code, 1, describeRun(empty));
    assert.ok(empty.stderr.includes("empty.txt:1:"), empty.stderr);
    assert.match(empty.stderr, /空です/u);
  });

  it("leaves the store unchanged after the refused import: the export is byte for byte the same", () => {
    assert.equal(afterRefusal.code, 0, describeRun(afterRefusal));
    assert.ok(measures.stdout.length > 0);
    assert.ok(afterRefusal.stdout.equals(measures.stdout), "the CSV differs from the one before");
  });
});
