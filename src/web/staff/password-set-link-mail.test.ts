import assert from "node:assert/strict";
import { it } from "node:test";
import { BASE_URL, MAIL, SENDER, testMailSettings } from "../../../test/factories/mail-staff.ts";
import { staffedPlanSeed } from "../../../test/factories/staff.ts";
import { csrfOf, signedIn, staffClient } from "../../../test/factories/staff-client.ts";
import { closedPort, startSmtpTestServer } from "../../../test/smtp-test-server.ts";
import { forEachStore, seededStore } from "../../../test/store-targets.ts";
import { deliverDueMail, smtpTransport } from "../../mail/outbox-sender.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";

const NEW_PASSWORD = "路面電車の窓から見える熊本城の石垣";

const outbox = (store: Store) =>
  store.db
    .selectFrom("outbox")
    .select(["recipient", "subject", "body", "status", "reminder_id"])
    .orderBy("id")
    .execute();

/** The form's department option for a name. */
function departmentOption(form: string, name: string): string {
  const id = new RegExp(`<option value="(\\d+)">${name}</option>`, "u").exec(form)?.[1];
  assert.ok(id, `the form offers ${name}`);
  return id;
}

forEachStore("password-set links by e-mail", (dialect) => {
  it("sends a new editor's link to the address the administrator typed, on the public address, and the link sets the password once", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    const smtp = await startSmtpTestServer();
    try {
      const app = createApp(store, { mail: MAIL });
      const admin = await signedIn(app, "admin");
      const form = await (await admin.get("/staff/accounts/new")).text();
      assert.match(form, /<label for="email">メールアドレス（任意）<\/label>/u);
      const created = await admin.post("/staff/accounts/new", {
        _csrf: csrfOf(form),
        login: "hoiku3",
        displayName: "保育 三郎",
        email: " ｈｏｉｋｕ３＠city.example.jp ",
        role: "departmentEditor",
        departmentId: departmentOption(form, "保育幼稚園課"),
      });
      assert.equal(created.status, 201);
      assert.match(await created.text(), /同じリンクをメールでも送りました。/u);
      const [queued, ...others] = await outbox(store);
      assert.equal(others.length, 0, "one message");
      assert.equal(queued?.recipient, "hoiku3@city.example.jp", "the address made plain");
      assert.equal(queued?.status, "queued");
      assert.equal(queued?.reminder_id, null);
      assert.equal(queued?.subject, "【Shinchoku】パスワード設定のご案内（hoiku3）");

      const result = await deliverDueMail(
        store,
        smtpTransport(testMailSettings(smtp.port)),
        SENDER,
      );
      assert.deepEqual(result, { sent: 1, retrying: 0, failed: 0 });
      const [mail] = smtp.to("hoiku3@city.example.jp");
      assert.ok(mail, "delivered to the test SMTP server");
      const text = mail.text;
      assert.match(text, /保育 三郎 様/u);
      assert.match(text, /（ログイン名: hoiku3）/u);
      assert.match(
        text,
        /令和\d+年\d+月\d+日 \d\d:\d\d（\d{4}-\d\d-\d\d \d\d:\d\d, 日本時間） まで有効で、1回だけ使えます/u,
      );
      const url = new RegExp(
        `${BASE_URL.replaceAll(".", "\\.")}/staff/set-password\\?token=([A-Za-z0-9_-]{43})`,
        "u",
      ).exec(text);
      assert.ok(url, "the link is on the configured public address, not the request's");
      const [sent] = await outbox(store);
      assert.equal(sent?.status, "sent");
      assert.equal(sent?.body, "", "the link's text is not kept once delivered");

      const person = staffClient(app);
      const path = `/staff/set-password?token=${url[1]}`;
      const page = await person.get(path);
      assert.equal(page.status, 200);
      const setForm = await page.text();
      const set = await person.post("/staff/set-password", {
        _csrf: csrfOf(setForm),
        token: /name="token" value="([^"]+)"/u.exec(setForm)?.[1] ?? "",
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      });
      assert.equal(set.status, 200);
      assert.match(await set.text(), /パスワードを設定しました/u);
      await signedIn(app, "hoiku3", NEW_PASSWORD);
      assert.equal((await staffClient(app).get(path)).status, 410, "used once only");
    } finally {
      await smtp.close();
      await store.close();
    }
  });

  it("refuses a malformed address beside the field, keeping what was typed and storing nothing", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store, { mail: MAIL });
      const admin = await signedIn(app, "admin");
      const form = await (await admin.get("/staff/accounts/new")).text();
      const accounts = async () =>
        (await store.db.selectFrom("account").select("id").execute()).length;
      const before = await accounts();
      const bad = await admin.post("/staff/accounts/new", {
        _csrf: csrfOf(form),
        login: "hoiku4",
        displayName: "保育 四郎",
        email: "保育 <hoiku4@city.example.jp>, boss@example.jp",
        role: "viewer",
        departmentId: "",
      });
      assert.equal(bad.status, 400);
      const page = await bad.text();
      assert.match(page, /<a href="#email">メールアドレスを name@example\.jp の形で/u);
      assert.match(
        page,
        /id="email" name="email" type="email" maxlength="254" autocomplete="off" spellcheck="false" value="保育 &lt;hoiku4@city\.example\.jp&gt;, boss@example\.jp"/u,
      );
      assert.match(page, /value="hoiku4"/u, "the login typed is kept");
      assert.equal(await accounts(), before, "no account stored");
      assert.deepEqual(await outbox(store), [], "nothing queued");
    } finally {
      await store.close();
    }
  });

  it("says the link was not e-mailed when the person has no address, and queues a new link to an address set on the edit page", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store, { mail: MAIL });
      const admin = await signedIn(app, "admin");
      const form = await (await admin.get("/staff/accounts/new")).text();
      const created = await admin.post("/staff/accounts/new", {
        _csrf: csrfOf(form),
        login: "kikaku2",
        displayName: "",
        email: "",
        role: "planner",
        departmentId: "",
      });
      assert.equal(created.status, 201);
      assert.match(
        await created.text(),
        /メールでは送れませんでした。このリンクを本人に伝えてください。/u,
      );
      assert.deepEqual(await outbox(store), []);

      const id = (
        await store.db
          .selectFrom("account")
          .select("id")
          .where("login", "=", "kikaku2")
          .executeTakeFirstOrThrow()
      ).id;
      const edit = await (await admin.get(`/staff/accounts/${id}`)).text();
      const saved = await admin.post(`/staff/accounts/${id}`, {
        _csrf: csrfOf(edit),
        displayName: "企画 二子",
        email: "kikaku2@city.example.jp",
        role: "planner",
        departmentId: "",
      });
      assert.equal(saved.status, 303);
      const audit = await store.db
        .selectFrom("audit_event")
        .select(["before", "after"])
        .where("action", "=", "account.update")
        .where("entity_id", "=", String(id))
        .executeTakeFirst();
      assert.ok(audit, `the change is audited: ${await saved.text()}`);
      assert.equal(JSON.parse(audit.before ?? "{}").email, null);
      assert.equal(JSON.parse(audit.after ?? "{}").email, "kikaku2@city.example.jp");
      // A form without the field (an older page, a script) leaves the address alone.
      await admin.post(`/staff/accounts/${id}`, {
        _csrf: csrfOf(edit),
        displayName: "企画 二子",
        role: "planner",
        departmentId: "",
      });
      const kept = await store.db
        .selectFrom("account")
        .select("email")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      assert.equal(kept.email, "kikaku2@city.example.jp");
      const link = await admin.post(`/staff/accounts/${id}/password-link`, { _csrf: csrfOf(edit) });
      assert.equal(link.status, 200);
      assert.match(await link.text(), /同じリンクをメールでも送りました。/u);
      assert.deepEqual(
        (await outbox(store)).map((m) => [m.recipient, m.status]),
        [["kikaku2@city.example.jp", "queued"]],
      );
    } finally {
      await store.close();
    }
  });

  it("keeps the page working and the message queued when the mail server is down", async () => {
    const { store } = await seededStore(dialect, staffedPlanSeed);
    try {
      const app = createApp(store, { mail: MAIL });
      const admin = await signedIn(app, "admin");
      const form = await (await admin.get("/staff/accounts/new")).text();
      const created = await admin.post("/staff/accounts/new", {
        _csrf: csrfOf(form),
        login: "hoiku5",
        displayName: "",
        email: "hoiku5@city.example.jp",
        role: "viewer",
        departmentId: "",
      });
      assert.equal(created.status, 201);
      const down = smtpTransport(testMailSettings(await closedPort()));
      assert.deepEqual(await deliverDueMail(store, down, SENDER), {
        sent: 0,
        retrying: 1,
        failed: 0,
      });
      const [kept] = await outbox(store);
      assert.equal(kept?.status, "queued", "tried again later");
      assert.match(
        kept?.body ?? "",
        /\/staff\/set-password\?token=/u,
        "the text kept for the retry",
      );
    } finally {
      await store.close();
    }
  });
});
