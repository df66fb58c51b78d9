import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../test/factories/cli-run.ts";

// The command with narratives on its standard input: once the real executable as a child process
// with a pipe (the process's own stdin), the other runs the same code (runCli) in this process.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function suggestStatusProcess(input: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: "Asia/Tokyo" };
  // The child is a CLI run, not a test file of this run.
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/shinchoku.js", "suggest-status", ...args], {
      cwd: ROOT,
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** `shinchoku suggest-status ARGS` in this process, `input` as its standard input. */
async function suggestStatus(input: string, ...args: string[]): Promise<Run> {
  const run = await runCli(["suggest-status", ...args], { stdin: input });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const NARRATIVES = [
  "平成24年4月1日付けで設置済",
  "計画に基づく行財政改革を推進中",
  "",
  "バス路線網再編実施プログラムの中でシステム導入について検討中",
  "平成25年3月の熊本市花畑地区開発協議会の解散に伴い、整備中止が決定",
  "平成25年度の苦情申立て件数31件",
];

// The child process starts when the file loads (starting Node and tsx takes seconds).
const plain = suggestStatusProcess(`${NARRATIVES.join("\n")}\n`);

describe("shinchoku suggest-status", () => {
  let crlf: Run;
  let json: Run;
  let badOption: Run;
  before(async () => {
    crlf = await suggestStatus(`\uFEFF${NARRATIVES.join("\r\n")}`);
    json = await suggestStatus("電停改良については35電停中19電停が改良済\n\n", "--json");
    badOption = await suggestStatus("", "--jsn");
  });

  it("writes one status name per input line, unknown for an empty line and where no rule applies", async () => {
    const run = await plain;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "完了\n実施中\nunknown\n検討・準備中\n中止\nunknown\n");
  });

  it("reads CRLF lines, a BOM and a last line without a line break", async () => {
    const run = crlf;
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.split("\n"), [
      "完了",
      "実施中",
      "unknown",
      "検討・準備中",
      "中止",
      "unknown",
      "",
    ]);
  });

  it("writes with --json one object per line: status, matched words and proposed figures", async () => {
    const run = json;
    assert.equal(run.code, 0, run.stderr);
    const [first, second, ...rest] = run.stdout.split("\n");
    assert.deepEqual(rest, [""]);
    assert.deepEqual(JSON.parse(first ?? ""), {
      status: "実施中",
      matched: [
        { text: "19電停が改良済", start: 14, end: 22, rule: "running-tally", status: "実施中" },
      ],
      figures: [{ text: "35電停中19電停", value: 19, total: 35, unit: "電停", start: 9, end: 18 }],
      reason: "「19電停が改良済」が実施中を示すため、実施中",
    });
    const empty = JSON.parse(second ?? "");
    assert.deepEqual([empty.status, empty.matched, empty.figures], ["unknown", [], []]);
  });

  it("refuses an unknown option with exit code 2", async () => {
    const run = badOption;
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--jsn/u);
  });
});
