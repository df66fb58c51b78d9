import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `shinchoku serve ARGS` with `env`; stops it once `until` holds for its output (or it exits). */
function serve(
  args: string[],
  env: Record<string, string>,
  until: (stdout: string) => boolean,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/shinchoku.js", "serve", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("shinchoku serve", () => {
  it("refuses to start with wrong settings, naming every one, before opening any store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-serve-"));
    try {
      const { code, stdout, stderr } = await serve(
        [],
        {
          DATABASE_URL: `sqlite:${join(dir, "never.db")}`,
          PORT: "http",
          LOG_LEVEL: "verbose",
          SHINCHOKU_TRUSTED_PROXIES: "proxy.example",
          SHINCHOKU_SMTP_FROM: "shinchoku@city.example.jp",
        },
        () => false,
      );
      assert.equal(code, 1);
      assert.equal(stdout, "");
      for (const name of [
        "PORT「http」",
        "LOG_LEVEL「verbose」",
        "SHINCHOKU_TRUSTED_PROXIES",
        "SHINCHOKU_SMTP_FROM: SHINCHOKU_SMTP_HOST がない",
      ])
        assert.ok(stderr.includes(name), `${name} in: ${stderr}`);
      assert.throws(() => rmSync(join(dir, "never.db")), /ENOENT/u, "no store was created");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("logs JSON lines: its start with the address, then one line per request, and answers /healthz and /readyz", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-serve-"));
    try {
      let checked: Promise<void> | null = null;
      const answers: Record<string, number> = {};
      const { stdout } = await serve(
        ["--port", "0"],
        { DATABASE_URL: `sqlite:${join(dir, "s.db")}`, LOG_LEVEL: "info" },
        (out) => {
          const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/u.exec(out)?.[1];
          if (url && !checked)
            checked = (async () => {
              for (const path of ["healthz", "readyz"])
                answers[path] = (await fetch(`${url}${path}`)).status;
            })();
          return out.includes('"path":"/readyz"');
        },
      );
      await checked;
      assert.deepEqual(answers, { healthz: 200, readyz: 200 });
      const entries = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(entries[0]?.level, "info");
      assert.match(String(entries[0]?.msg), /Shinchoku を起動しました/u);
      assert.equal(entries[0]?.database, "sqlite");
      const requests = entries.filter((e) => e.msg === "request");
      assert.deepEqual(
        requests.map((e) => [e.path, e.status]),
        [
          ["/healthz", 200],
          ["/readyz", 200],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
