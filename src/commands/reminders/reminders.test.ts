import assert from "node:assert/strict";
import { it } from "node:test";
import {
  addressOf,
  MAIL,
  mailStaffedPlanSeed,
  SENDER,
  testMailSettings,
} from "../../../test/factories/mail-staff.ts";
import { departmentMeasureCodes } from "../../../test/factories/staff.ts";
import { startSmtpTestServer } from "../../../test/smtp-test-server.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { startMailWorker } from "../../mail/mail-worker.ts";
import { deliverDueMail, smtpTransport } from "../../mail/outbox-sender.ts";
import { reminderLog } from "../../store/queries/reminder-log-query.ts";
import type { Store } from "../../store/store.ts";
import { openPeriod } from "../cycle/period-opener.ts";
import { saveProgress } from "../cycle/progress-saver.ts";
import { queueDueReminders } from "./deadline-reminders.ts";

const AS_OF = "2026-03-31";
/** A Friday after Golden Week: 3 working days before it is 4/30 (5/3–5/6 are closed). */
const DEADLINE = "2026-05-08";
const tokyo = (date: string) => new Date(`${date}T12:00:00+09:00`);

async function submitAll(
  store: Store,
  planSlug: string,
  actor: Parameters<typeof saveProgress>[1],
  department: string,
) {
  for (const code of await departmentMeasureCodes(store, department))
    await saveProgress(store, actor, {
      planSlug,
      asOf: AS_OF,
      measureCode: code,
      narrative: "予定どおり進んでいます",
      statusCode: null,
      expectedVersion: 1,
    });
}

async function ids(store: Store, planSlug: string) {
  return store.db
    .selectFrom("reporting_period")
    .innerJoin("plan", "plan.id", "reporting_period.plan_id")
    .select(["plan.id as planId", "reporting_period.id as periodId"])
    .where("plan.slug", "=", planSlug)
    .where("reporting_period.as_of", "=", AS_OF)
    .executeTakeFirstOrThrow();
}

forEachStore("deadline reminders", (dialect) => {
  it("reminds only the departments with missing updates, 3 working days before the deadline counted across Golden Week, once", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const { planSlug, staff } = value;
    const smtp = await startSmtpTestServer();
    const transport = smtpTransport(testMailSettings(smtp.port));
    try {
      await openPeriod(
        store,
        staff.planner,
        { planSlug, asOf: AS_OF, deadline: DEADLINE },
        tokyo("2026-04-20"),
      );
      await submitAll(store, planSlug, staff.transport, "交通政策課");

      for (const day of ["2026-04-28", "2026-04-29"])
        assert.deepEqual(
          await queueDueReminders(store, MAIL, { reminderDays: 3, now: tokyo(day) }),
          [],
          `nothing is due on ${day} (4/29 is 昭和の日; a count of weekdays would wait until 5/5)`,
        );
      const made = await queueDueReminders(store, MAIL, {
        reminderDays: 3,
        now: tokyo("2026-04-30"),
      });
      assert.deepEqual(
        made.map((m) => [m.kind, m.department, m.recipients.map((r) => r.email)]),
        [
          ["deadline", "保育幼稚園課", [addressOf("nursery")]],
          ["deadline", "市民協働課", []],
          ["digest", null, [addressOf("planner")]],
        ],
        "交通政策課 submitted everything; the person who turned reminders off is left out",
      );
      assert.deepEqual(
        await queueDueReminders(store, MAIL, { reminderDays: 3, now: tokyo("2026-05-01") }),
        [],
        "a second check makes no second reminder",
      );

      const delivered = await deliverDueMail(store, transport, SENDER);
      assert.deepEqual(delivered, { sent: 2, retrying: 0, failed: 0 });
      assert.deepEqual(smtp.to(addressOf("transport")), []);
      assert.deepEqual(smtp.to(addressOf("nursery-quiet")), []);
      const [reminder] = smtp.to(addressOf("nursery"));
      assert.ok(reminder, "the nursery department is reminded");
      assert.equal(reminder.from, SENDER);
      assert.match(reminder.subject, /^【進捗報告の締切】あと3営業日・/u);
      assert.match(reminder.text, /締切: 令和8年5月8日（金）（2026-05-08）・あと3営業日/u);
      const nurseryCodes = await departmentMeasureCodes(store, "保育幼稚園課");
      assert.match(
        reminder.text,
        new RegExp(`うち ${nurseryCodes.length} 件がまだ提出されていません`, "u"),
      );
      for (const code of nurseryCodes)
        assert.ok(
          reminder.text.includes(
            `https://shinchoku.city.example.jp/staff/plans/${planSlug}/measures/${code}`,
          ),
          `links to ${code}`,
        );
      assert.equal(reminder.headers.get("auto-submitted"), "auto-generated");
      const [digest] = smtp.to(addressOf("planner"));
      assert.match(digest?.subject ?? "", /^【進捗報告の状況】/u);
      assert.match(digest?.text ?? "", /・交通政策課: 0・0・\d+・0\n/u);
      assert.match(digest?.text ?? "", /・保育幼稚園課: \d+・0・0・0（催促のメールを送りました）/u);

      const { planId, periodId } = await ids(store, planSlug);
      const log = await reminderLog(store.db, planId, periodId);
      assert.deepEqual(
        log.map((l) => [l.kind, l.department, l.recipient, l.status]),
        [
          ["deadline", "保育幼稚園課", addressOf("nursery"), "sent"],
          ["deadline", "市民協働課", null, "no_recipient"],
          ["digest", null, addressOf("planner"), "sent"],
        ],
      );
      assert.equal(log[0]?.remindedAt, tokyo("2026-04-30").toISOString());
      assert.ok(log[0]?.sentAt, "when it was sent is recorded");
    } finally {
      transport.close();
      await smtp.close();
      await store.dispose();
    }
  });

  it("lists in a dry run what a check would send, and stores nothing", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const { planSlug, staff } = value;
    try {
      await openPeriod(
        store,
        staff.planner,
        { planSlug, asOf: AS_OF, deadline: DEADLINE },
        tokyo("2026-04-20"),
      );
      const dry = await queueDueReminders(store, MAIL, {
        reminderDays: 3,
        now: tokyo("2026-04-30"),
        dryRun: true,
      });
      assert.deepEqual(
        dry.map((m) => m.department),
        ["交通政策課", "保育幼稚園課", "市民協働課", null],
      );
      assert.equal((await store.db.selectFrom("reminder").selectAll().execute()).length, 0);
      assert.equal((await store.db.selectFrom("outbox").selectAll().execute()).length, 0);
      const real = await queueDueReminders(store, MAIL, {
        reminderDays: 3,
        now: tokyo("2026-04-30"),
      });
      assert.deepEqual(real, dry, "the real run makes what the dry run listed");
    } finally {
      await store.dispose();
    }
  });

  it("sends no deadline reminder for a period opened on or after its reminder day", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    try {
      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf: AS_OF, deadline: DEADLINE },
        tokyo("2026-05-01"),
      );
      assert.deepEqual(
        await queueDueReminders(store, MAIL, { reminderDays: 3, now: tokyo("2026-05-07") }),
        [],
      );
    } finally {
      await store.dispose();
    }
  });

  it("runs the check and sends the queue from the server's sender loop", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer();
    // A deadline two working days from today, so today's check finds the reminder due.
    const { addWorkingDays, tokyoDate } = await import("../../domain/working-days.ts");
    const deadline = addWorkingDays(tokyoDate(new Date()), 2);
    const worker = startMailWorker(store, testMailSettings(smtp.port), {
      reminderDays: 3,
      deliverEveryMs: 60_000,
      checkEveryMs: 0,
    });
    try {
      const asOf = "2026-09-30";
      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf, deadline },
        new Date(Date.now() - 30 * 86_400_000),
      );
      await worker.runOnce();
      assert.deepEqual(smtp.messages.map((m) => m.to.join()).sort(), [
        addressOf("nursery"),
        addressOf("planner"),
        addressOf("transport"),
      ]);
    } finally {
      await worker.stop();
      await smtp.close();
      await store.dispose();
    }
  });
});
