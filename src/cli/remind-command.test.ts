import assert from "node:assert/strict";
import { it, mock } from "node:test";
import { addressOf, mailStaffedPlanSeed, SENDER } from "../../test/factories/mail-staff.ts";
import { startSmtpTestServer } from "../../test/smtp-test-server.ts";
import { forEachStore, seededStore } from "../../test/store-targets.ts";
import { openPeriod } from "../commands/cycle/period-opener.ts";
import { remindCommand } from "./remind-command.ts";

/** `shinchoku remind ARGS` in this process with `env` added, what it prints captured. */
async function remind(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, "log", (...parts: unknown[]) => out.push(parts.join(" ")));
  const error = mock.method(console, "error", (...parts: unknown[]) => err.push(parts.join(" ")));
  try {
    const status = await remindCommand(args);
    return { status, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mock.restore();
    error.mock.restore();
    for (const name of Object.keys(env))
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
  }
}

forEachStore("shinchoku remind", (dialect) => {
  it("lists with --dry-run who would be reminded on a day, stores nothing, and sends them without it", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer();
    try {
      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf: "2026-03-31", deadline: "2026-05-08" },
        new Date("2026-04-20T09:00:00+09:00"),
      );
      const env = {
        DATABASE_URL: store.url,
        PUBLIC_BASE_URL: "https://shinchoku.city.example.jp",
        SHINCHOKU_SMTP_HOST: "127.0.0.1",
        SHINCHOKU_SMTP_PORT: String(smtp.port),
        SHINCHOKU_SMTP_FROM: SENDER,
      };
      const early = await remind(["--dry-run", "--date", "2026-04-28"], env);
      assert.equal(early.status, 0);
      assert.equal(early.stdout, "送る催促はありません");

      const dry = await remind(["--dry-run", "--date", "2026-04-30"], env);
      assert.equal(dry.status, 0);
      assert.match(dry.stdout, /（試行）.+催促 保育幼稚園課: nursery <nursery@city\.example\.jp>/u);
      assert.match(dry.stdout, /（試行）.+催促 市民協働課: 宛先なし/u);
      assert.match(dry.stdout, /（試行）.+企画課へのまとめ: planner <planner@city\.example\.jp>/u);
      assert.equal((await store.db.selectFrom("reminder").selectAll().execute()).length, 0);

      const real = await remind(["--date", "2026-04-30", "--json"], env);
      assert.equal(real.status, 0);
      const report = JSON.parse(real.stdout) as { delivery: { sent: number } };
      assert.equal(report.delivery.sent, 3, "the two departments' editors and the planner");
      assert.deepEqual(
        smtp.messages.map((m) => m.to.join()).sort(),
        [addressOf("nursery"), addressOf("planner"), addressOf("transport")].sort(),
      );
    } finally {
      await smtp.close();
      await store.dispose();
    }
  });

  it("makes nothing without mail settings, says so and succeeds", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    try {
      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf: "2026-03-31", deadline: "2026-05-08" },
        new Date("2026-04-20T09:00:00+09:00"),
      );
      const run = await remind(["--date", "2026-04-30"], { DATABASE_URL: store.url });
      assert.equal(run.status, 0);
      assert.match(run.stderr, /SHINCHOKU_SMTP_HOST がない/u);
      assert.equal((await store.db.selectFrom("reminder").selectAll().execute()).length, 0);
    } finally {
      await store.dispose();
    }
  });
});
