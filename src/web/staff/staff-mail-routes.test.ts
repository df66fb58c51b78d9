import assert from "node:assert/strict";
import { it } from "node:test";
import {
  addressOf,
  MAIL,
  mailStaffedPlanSeed,
  SENDER,
  testMailSettings,
} from "../../../test/factories/mail-staff.ts";
import { departmentMeasureCodes, measureCodeOf } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn } from "../../../test/factories/staff-client.ts";
import { closedPort, startSmtpTestServer } from "../../../test/smtp-test-server.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { openPeriod } from "../../commands/cycle/period-opener.ts";
import { saveProgress } from "../../commands/cycle/progress-saver.ts";
import { deliverDueMail, smtpTransport } from "../../mail/outbox-sender.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const AS_OF = "2014-03-31";

const outbox = (store: Store) => store.db.selectFrom("outbox").selectAll().orderBy("id").execute();

forEachStore("e-mail from the staff pages", (dialect) => {
  it("tells each department with measures when a period is opened through the form, in Japanese with the deadline and a link", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer();
    const transport = smtpTransport(testMailSettings(smtp.port));
    try {
      const app = createApp(store, { mail: MAIL });
      const planner = await signedIn(app, "planner");
      const page = await (await planner.get(`/staff/plans/${value.planSlug}`)).text();
      const res = await planner.post(`/staff/plans/${value.planSlug}/periods`, {
        _csrf: csrfOf(page),
        asOf: AS_OF,
        deadline: "2014-04-18",
      });
      assert.equal(res.status, 303);
      assert.deepEqual(
        (await outbox(store)).map((m) => [m.recipient, m.status]),
        [
          [addressOf("transport"), "queued"],
          [addressOf("nursery"), "queued"],
        ],
        "queued with the opening, one per person who wants them (市民協働課 has nobody)",
      );
      assert.equal(smtp.messages.length, 0, "the request sent nothing itself");

      assert.deepEqual(await deliverDueMail(store, transport, SENDER), {
        sent: 2,
        retrying: 0,
        failed: 0,
      });
      for (const [login, department] of [
        ["nursery", "保育幼稚園課"],
        ["transport", "交通政策課"],
      ] as const) {
        const [mail] = smtp.to(addressOf(login));
        assert.ok(mail, `${department} is told`);
        assert.match(
          mail.subject,
          /^【進捗報告のお願い】.+（平成26年3月末時点）締切 平成26年4月18日$/u,
        );
        assert.match(mail.text, new RegExp(`^${department} ご担当者様\n`, "u"));
        const count = (await departmentMeasureCodes(store, department)).length;
        assert.match(mail.text, new RegExp(`${department}が担当する取組は ${count} 件です`, "u"));
        assert.match(mail.text, /締切: 平成26年4月18日（金）（2014-04-18）/u);
        assert.ok(
          mail.text.includes(`\nhttps://shinchoku.city.example.jp/staff/plans/${value.planSlug}\n`),
          "links to the plan's list",
        );
        assert.ok(mail.text.includes("https://shinchoku.city.example.jp/staff/account"));
      }
      assert.deepEqual(smtp.to(addressOf("nursery-quiet")), [], "reminders off: nothing");
      const sent = await outbox(store);
      assert.ok(sent.every((m) => m.status === "sent" && m.sent_at !== null && m.attempts === 1));

      const logPage = await planner.get(`/staff/plans/${value.planSlug}/reminders`);
      assert.equal(logPage.status, 200);
      const log = await logPage.text();
      for (const [department, recipient, result] of [
        ["交通政策課", "transport &lt;transport@city.example.jp&gt;", "送信済"],
        ["保育幼稚園課", "nursery &lt;nursery@city.example.jp&gt;", "送信済"],
        ["市民協働課", "—", "宛先なし"],
      ])
        assert.match(
          log,
          new RegExp(
            `<td>報告期の開始</td><td>${department}</td><td></td><td>${recipient}</td><td>${result}</td>`,
            "u",
          ),
        );
      const csv = await (
        await planner.get(`/staff/plans/${value.planSlug}/reminders.csv?asOf=${AS_OF}`)
      ).text();
      assert.match(
        csv,
        /基準日,作成日時,種類,担当課,取組ID,宛先の氏名,宛先,結果,送信日時,試行回数,最後のエラー\r\n/u,
      );
      assert.match(
        csv,
        /2014-03-31,[^,]+,報告期の開始,保育幼稚園課,,nursery,nursery@city\.example\.jp,送信済,[^,]+,1,\r\n/u,
      );
      const editor = await signedIn(app, "nursery");
      assert.equal(
        (await editor.get(`/staff/plans/${value.planSlug}/reminders`)).status,
        404,
        "a department editor does not see other people's addresses",
      );
    } finally {
      transport.close();
      await smtp.close();
      await store.dispose();
    }
  });

  it("tells the department of a returned measure, with the reviewer's comment and a link to the measure", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer();
    const transport = smtpTransport(testMailSettings(smtp.port));
    try {
      const { planSlug, staff } = value;
      await openPeriod(store, staff.planner, { planSlug, asOf: AS_OF, deadline: null });
      const code = await measureCodeOf(store, planSlug, 56);
      await saveProgress(store, staff.nursery, {
        planSlug,
        asOf: AS_OF,
        measureCode: code,
        narrative: "保育所を整備した",
        statusCode: null,
        expectedVersion: 1,
      });
      const app = createApp(store, { mail: MAIL });
      const planner = await signedIn(app, "planner");
      const page = await (await planner.get(`/staff/plans/${planSlug}/measures/${code}`)).text();
      const comment = "定員の数を書いてください。\n整備した場所も。";
      const res = await planner.post(`/staff/plans/${planSlug}/measures/${code}/review`, {
        _csrf: csrfOf(page),
        decision: "return",
        comment,
        version: "2",
      });
      assert.equal(res.status, 303);
      await deliverDueMail(store, transport, SENDER);
      assert.deepEqual(
        smtp.messages.map((m) => m.to.join()),
        [addressOf("nursery")],
        "only the measure's department",
      );
      const mail = smtp.messages[0];
      assert.match(mail?.subject ?? "", new RegExp(`^【差戻し】.+（${code}）の進捗状況$`, "u"));
      assert.match(
        mail?.text ?? "",
        /差し戻した人: planner\n差戻しの理由:\n> 定員の数を書いてください。\n> 整備した場所も。\n/u,
      );
      assert.ok(
        mail?.text.includes(
          `https://shinchoku.city.example.jp/staff/plans/${planSlug}/measures/${code}`,
        ),
      );
      assert.match(mail?.text ?? "", /締切: 未設定/u);
    } finally {
      transport.close();
      await smtp.close();
      await store.dispose();
    }
  });

  it("tells the department of a measure returned from the review page too, with the comment", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer();
    const transport = smtpTransport(testMailSettings(smtp.port));
    try {
      const { planSlug, staff } = value;
      await openPeriod(store, staff.planner, { planSlug, asOf: AS_OF, deadline: null });
      const code = await measureCodeOf(store, planSlug, 56);
      await saveProgress(store, staff.nursery, {
        planSlug,
        asOf: AS_OF,
        measureCode: code,
        narrative: "保育所を整備した",
        statusCode: null,
        expectedVersion: 1,
      });
      const app = createApp(store, { mail: MAIL });
      const planner = await signedIn(app, "planner");
      const page = await (await planner.get(`/staff/plans/${planSlug}/review/${code}`)).text();
      const res = await planner.post(`/staff/plans/${planSlug}/review/${code}`, {
        _csrf: csrfOf(page),
        decision: "return",
        comment: "定員の数を書いてください。",
        version: "2",
      });
      assert.equal(res.status, 303);
      await deliverDueMail(store, transport, SENDER);
      assert.deepEqual(
        smtp.messages.map((m) => m.to.join()),
        [addressOf("nursery")],
        "the measure's department, as from the measure page",
      );
      assert.match(smtp.messages[0]?.subject ?? "", new RegExp(`^【差戻し】.+（${code}）`, "u"));
      assert.match(smtp.messages[0]?.text ?? "", /> 定員の数を書いてください。\n/u);
    } finally {
      transport.close();
      await smtp.close();
      await store.dispose();
    }
  });

  it("answers 303 while the mail server is down, keeps the message queued, and delivers it when the server is up", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const port = await closedPort();
    const transport = smtpTransport(testMailSettings(port));
    let smtp: Awaited<ReturnType<typeof startSmtpTestServer>> | undefined;
    try {
      const app = createApp(store, { mail: MAIL });
      const planner = await signedIn(app, "planner");
      const page = await (await planner.get(`/staff/plans/${value.planSlug}`)).text();
      const res = await planner.post(`/staff/plans/${value.planSlug}/periods`, {
        _csrf: csrfOf(page),
        asOf: AS_OF,
        deadline: "2014-04-18",
      });
      assert.equal(res.status, 303, "the period is opened whatever the mail server does");
      const opened = await store.db
        .selectFrom("reporting_period")
        .select("state")
        .where("as_of", "=", AS_OF)
        .executeTakeFirst();
      assert.equal(opened?.state, "open");

      const now = new Date();
      assert.deepEqual(await deliverDueMail(store, transport, SENDER, { now }), {
        sent: 0,
        retrying: 2,
        failed: 0,
      });
      for (const m of await outbox(store)) {
        assert.equal(m.status, "queued");
        assert.equal(m.attempts, 1);
        assert.match(m.last_error ?? "", /ECONNREFUSED/u);
        assert.equal(
          m.next_attempt_at,
          new Date(now.getTime() + 60_000).toISOString(),
          "retried in a minute",
        );
      }

      smtp = await startSmtpTestServer({ port });
      assert.deepEqual(
        await deliverDueMail(store, transport, SENDER, { now }),
        { sent: 0, retrying: 0, failed: 0 },
        "not before its time",
      );
      assert.deepEqual(
        await deliverDueMail(store, transport, SENDER, { now: new Date(now.getTime() + 61_000) }),
        { sent: 2, retrying: 0, failed: 0 },
      );
      assert.deepEqual(smtp.messages.map((m) => m.to.join()).sort(), [
        addressOf("nursery"),
        addressOf("transport"),
      ]);
      for (const m of await outbox(store)) {
        assert.equal(m.status, "sent");
        assert.equal(m.attempts, 2);
        assert.equal(m.last_error, null);
      }
    } finally {
      transport.close();
      await smtp?.close();
      await store.dispose();
    }
  });

  it("never sends credentials to a mail server that offers no TLS", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    const smtp = await startSmtpTestServer({ users: { shinchoku: "mail pass phrase" } });
    const transport = smtpTransport(
      testMailSettings(smtp.port, { user: "shinchoku", password: "mail pass phrase" }),
    );
    try {
      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf: AS_OF, deadline: null },
        new Date(),
        MAIL,
      );
      assert.deepEqual(await deliverDueMail(store, transport, SENDER), {
        sent: 0,
        retrying: 2,
        failed: 0,
      });
      assert.equal(smtp.messages.length, 0);
      for (const m of await outbox(store)) assert.match(m.last_error ?? "", /STARTTLS|TLS/u);
    } finally {
      transport.close();
      await smtp.close();
      await store.dispose();
    }
  });

  it("lets a person set their own address and turn reminders off, and then sends them nothing", async () => {
    const { store, value } = await seededStore(dialect, mailStaffedPlanSeed);
    try {
      const app = createApp(store, { mail: MAIL });
      const nursery = await signedIn(app, "nursery");
      const page = await (await nursery.get("/staff/account")).text();
      assert.match(
        page,
        /<input id="email" name="email" type="email"[^>]* value="nursery@city\.example\.jp"/u,
      );
      assert.match(
        page,
        /<input id="remindersOn" name="remindersOn" type="checkbox" value="1"[^>]* checked>/u,
      );

      const refused = await nursery.post("/staff/account", {
        _csrf: csrfOf(page),
        email: "hoiku at city",
        remindersOn: "1",
      });
      assert.equal(refused.status, 400);
      const again = await refused.text();
      assert.match(again, /<title>エラー：/u);
      assert.match(again, /入力内容に問題があります/u);
      assert.match(again, /value="hoiku at city"/u, "what was typed is shown again");

      const forged = await nursery.post("/staff/account", {
        _csrf: "forged",
        email: "",
        remindersOn: "1",
      });
      assert.equal(forged.status, 403);

      const saved = await nursery.post("/staff/account", {
        _csrf: csrfOf(page),
        email: " ｈｏｉｋｕ＠city.example.jp ",
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get("location"), "/staff/account?saved=1");
      const row = await store.db
        .selectFrom("account")
        .select(["email", "reminders_off"])
        .where("login", "=", "nursery")
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { email: "hoiku@city.example.jp", reminders_off: 1 });
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["action", "before", "after"])
        .where("action", "=", "account.settings")
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.after ?? ""), {
        email: "hoiku@city.example.jp",
        remindersOff: true,
      });

      await openPeriod(
        store,
        value.staff.planner,
        { planSlug: value.planSlug, asOf: AS_OF, deadline: null },
        new Date(),
        MAIL,
      );
      assert.deepEqual(
        (await outbox(store)).map((m) => m.recipient),
        [addressOf("transport")],
        "the nursery department's people have all turned reminders off",
      );
    } finally {
      await store.dispose();
    }
  });
});
