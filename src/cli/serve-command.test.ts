import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { startSmtpTestServer } from "../../test/smtp-test-server.ts";
import { openStore } from "../store/store.ts";

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

  it("sends the queued e-mail from its sender loop when mail is set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-serve-"));
    const smtp = await startSmtpTestServer();
    try {
      const url = `sqlite:${join(dir, "s.db")}`;
      const store = await openStore(url);
      const at = new Date().toISOString();
      const org = await store.db
        .insertInto("organization")
        .values({ code: "431001", name: "熊本市", created_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("outbox")
        .values({
          reminder_id: null,
          organization_id: org.id,
          account_id: null,
          recipient: "hoiku@city.example.jp",
          subject: "【進捗報告のお願い】テスト",
          body: "保育幼稚園課 ご担当者様",
          status: "queued",
          next_attempt_at: at,
          created_at: at,
          sent_at: null,
          last_error: null,
        })
        .execute();
      await store.close();
      const { stdout } = await serve(
        ["--port", "0"],
        {
          DATABASE_URL: url,
          PUBLIC_BASE_URL: "https://shinchoku.city.example.jp",
          SHINCHOKU_SMTP_HOST: "127.0.0.1",
          SHINCHOKU_SMTP_PORT: String(smtp.port),
          SHINCHOKU_SMTP_FROM: "shinchoku@city.example.jp",
        },
        (out) => out.includes("メールを送信しました"),
      );
      const start = JSON.parse(stdout.split("\n")[0] ?? "{}") as Record<string, unknown>;
      assert.deepEqual(start.mail, { host: "127.0.0.1", port: smtp.port, reminderDays: 3 });
      assert.deepEqual(
        smtp.messages.map((m) => [m.to.join(), m.subject, m.text]),
        [["hoiku@city.example.jp", "【進捗報告のお願い】テスト", "保育幼稚園課 ご担当者様"]],
      );
      assert.ok(!stdout.includes("hoiku@city.example.jp"), "the address is not logged");
    } finally {
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
