import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// The real command, run as a child process with narratives piped to its standard input.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function suggestStatus(input: string, ...args: string[]): Promise<Run> {
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

const NARRATIVES = [
  "平成24年4月1日付けで設置済",
  "計画に基づく行財政改革を推進中",
  "",
  "バス路線網再編実施プログラムの中でシステム導入について検討中",
  "平成25年3月の熊本市花畑地区開発協議会の解散に伴い、整備中止が決定",
  "平成25年度の苦情申立て件数31件",
];

// Started together when the file loads: each run starts Node and tsx, about a second.
const plain = suggestStatus(`${NARRATIVES.join("\n")}\n`);
const crlf = suggestStatus(`\uFEFF${NARRATIVES.join("\r\n")}`);
const json = suggestStatus("電停改良については35電停中19電停が改良済\n\n", "--json");
const badOption = suggestStatus("", "--jsn");

describe("shinchoku suggest-status", () => {
  it("writes one status name per input line, unknown for an empty line and where no rule applies", async () => {
    const run = await plain;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "完了\n実施中\nunknown\n検討・準備中\n中止\nunknown\n");
  });

  it("reads CRLF lines, a BOM and a last line without a line break", async () => {
    const run = await crlf;
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
    const run = await json;
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
    const run = await badOption;
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--jsn/u);
  });
});
