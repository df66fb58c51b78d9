/**
 * The whole 企画課 + 担当課 walk through the pages, in Debian's Chromium (issue 16's acceptance):
 * from a store with only the city and its first administrator (made as `shinchoku user add`
 * makes it), the administrator creates two departments, a 企画課 account and two department
 * editors; each person sets a password through the link the e-mail brought them. The 企画課
 * builds a small plan (柱 › 項目, three measures in two departments), opens a period with a
 * deadline; editor A saves a draft and submits it, editor B submits; the 企画課 returns A's with
 * a comment, A fixes it and submits again, and the 企画課 accepts both from the review list at
 * once. The deadline check reminds the department with a missing update, naming the deadline in
 * working days; the publish confirmation lists the measure nobody updated before publishing;
 * the public page shows the new progress. Every message is read from a real SMTP server.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { queueDueReminders } from "../../src/commands/reminders/deadline-reminders.ts";
import type { ReminderMail } from "../../src/commands/reminders/reminder-queue.ts";
import { addWorkingDays } from "../../src/domain/working-days.ts";
import { deliverDueMail, smtpTransport } from "../../src/mail/outbox-sender.ts";
import { todayInTokyo } from "../../src/web/staff/deadline-text.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { addressOf, SENDER, testMailSettings } from "../factories/mail-staff.ts";
import { KUMAMOTO } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { startSmtpTestServer } from "../smtp-test-server.ts";
import { freshStore } from "../store-targets.ts";

const DESKTOP = { width: 1280, height: 900 };
const PLAN = { title: "子育てと移動の行動計画", slug: "kosodate-idou" };
const AS_OF = "2026-09-30";
/** The people the administrator creates: login, name, role's label, department, password. */
const PEOPLE = {
  kikaku: {
    name: "企画 太郎",
    role: "企画課",
    department: "",
    password: "企画課の机から見える熊本城の天守閣",
  },
  hoiku: {
    name: "保育 花子",
    role: "担当課",
    department: "保育幼稚園課",
    password: "保育園の窓から見える熊本城の石垣",
  },
  kotsu: {
    name: "交通 次郎",
    role: "担当課",
    department: "交通政策課",
    password: "路面電車の窓から見える熊本城の櫓",
  },
} as const;
/** The measures, in the order the 企画課 adds them (codes M0001…). */
const NURSERY = { code: "M0001", title: "保育所を新しく整備する", item: 1 };
const STAFFING = { code: "M0002", title: "保育士の確保を支援する", item: 1 };
const TRAM = { code: "M0003", title: "低床電車を導入する", item: 2 };
const TEXT = {
  draft: "新設2か所の用地を選定中",
  first: "新設2か所の用地を選定し、設計を始めた",
  comment: "開所の予定時期も書いてください",
  fixed: "新設2か所の用地を選定し、設計を始めた（令和9年4月開所予定）",
  tram: "低床電車1編成を発注した",
};

const browser = await launchBrowser(
  "the 企画課 and 担当課 walk in Chromium (test/browser/city-hall-walk.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the 企画課 and two departments through a whole period, in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>> | undefined;
  let transport: ReturnType<typeof smtpTransport> | undefined;
  let origin: string;
  // The public address the e-mails link to: the test server's, known once it listens (the
  // app reads it when it queues a message).
  const mail: ReminderMail = { baseUrl: "http://127.0.0.1" };
  const today = todayInTokyo();
  const deadline = addWorkingDays(today, 10);
  const contexts: BrowserContext[] = [];
  /** Each person's page, signed in in a browser context of their own. */
  const people = new Map<string, Page>();
  const staffPlan = `/staff/plans/${PLAN.slug}`;

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    await store.db
      .insertInto("organization")
      .values({ code: KUMAMOTO.code, name: KUMAMOTO.name, created_at: new Date().toISOString() })
      .execute();
    // The first administrator comes from the CLI (`shinchoku user add`), which calls this.
    await createAccount(store, {
      organizationCode: KUMAMOTO.code,
      login: "kanri",
      displayName: "管理 三郎",
      password: PASSWORD,
      role: "administrator",
    });
    smtp = await startSmtpTestServer();
    transport = smtpTransport(testMailSettings(smtp.port));
    server = await startAppServer(store, { mail });
    origin = server.origin;
    mail.baseUrl = origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    transport?.close();
    await smtp?.close();
    await store?.dispose();
  });

  /** One round of the mail worker: what the outbox holds and is due is sent to the SMTP server. */
  async function deliver(now = new Date()) {
    assert.ok(transport);
    const result = await deliverDueMail(store, transport, SENDER, { now });
    assert.equal(result.failed + result.retrying, 0, "every message was delivered");
  }

  /** The messages the SMTP server received for a person, whose subject matches. */
  function mailTo(login: string, subject: RegExp) {
    assert.ok(smtp);
    return smtp.to(addressOf(login)).filter((m) => subject.test(m.subject));
  }

  async function newPage(): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ locale: "ja-JP", viewport: DESKTOP });
    context.setDefaultTimeout(30_000);
    context.setDefaultNavigationTimeout(30_000);
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(login: string, password: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${origin}/staff/login`);
    await page.getByLabel("ログイン名").fill(login);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    people.set(login, page);
    return page;
  }

  const personPage = (login: string) => {
    const page = people.get(login);
    assert.ok(page, `${login} has signed in`);
    return page;
  };

  const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";
  const narrative = (page: Page) => page.getByRole("textbox", { name: /^進捗状況/u });
  /**
   * The state of a measure in a list page's table: the 状態 cell of its row (my updates: the
   * third data cell after the 選択 and No. cells; the review list has 担当課 before it).
   */
  const stateIn = (page: Page, title: string) => {
    const cell = page.url().includes("/review") ? 3 : 2;
    return page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: title }) })
      .locator("td")
      .nth(cell);
  };

  it("lets the administrator create two departments, a 企画課 account and two editors, each setting a password through the link e-mailed to them", {
    skip,
  }, async () => {
    const admin = await signIn("kanri", PASSWORD);
    const menu = admin.getByRole("navigation", { name: "職員メニュー" });
    await menu.getByRole("link", { name: "担当課", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "担当課の管理" }).waitFor();
    for (const name of ["保育幼稚園課", "交通政策課"]) {
      await admin.getByLabel("担当課の名前").fill(name);
      await admin.getByRole("button", { name: "担当課を作る" }).click();
      await admin
        .getByRole("status")
        .filter({ hasText: `担当課「${name}」を作りました。` })
        .waitFor();
    }

    for (const [login, person] of Object.entries(PEOPLE)) {
      await menu.getByRole("link", { name: "アカウント", exact: true }).click();
      await admin.getByRole("link", { name: "アカウントを作る" }).click();
      await admin.getByRole("heading", { level: 1, name: "アカウントを作る" }).waitFor();
      await admin.getByLabel("ログイン名").fill(login);
      await admin.getByLabel("表示名").fill(person.name);
      await admin.getByLabel("メールアドレス（任意）").fill(addressOf(login));
      await admin.getByLabel("役割").selectOption({ label: person.role });
      if (person.department)
        await admin
          .getByLabel("担当課", { exact: true })
          .selectOption({ label: person.department });
      await admin.getByRole("button", { name: "作成する" }).click();
      await admin
        .getByRole("heading", { level: 1, name: `アカウント「${login}」を作りました` })
        .waitFor();
      assert.equal(
        (await admin.getByRole("status").textContent())?.trim(),
        "同じリンクをメールでも送りました。",
      );
    }

    await deliver();
    const linkPattern = new RegExp(
      `${origin.replaceAll(".", "\\.")}/staff/set-password\\?token=[A-Za-z0-9_-]{43}`,
      "u",
    );
    for (const [login, person] of Object.entries(PEOPLE)) {
      const [message, ...more] = mailTo(login, /パスワード設定のご案内/u);
      assert.ok(message, `${login} received the password-set link`);
      assert.equal(more.length, 0, `${login} received one link`);
      assert.equal(message.subject, `【Shinchoku】パスワード設定のご案内（${login}）`);
      assert.match(message.text, new RegExp(`${person.name} 様`, "u"));
      const link = linkPattern.exec(message.text)?.[0];
      assert.ok(link, `the e-mail to ${login} links to this server`);

      const page = await newPage();
      await page.goto(link);
      await page.getByRole("heading", { level: 1, name: "パスワードの設定" }).waitFor();
      await page.getByLabel("パスワード", { exact: true }).fill(person.password);
      await page.getByLabel("パスワード（確認）").fill(person.password);
      await page.getByRole("button", { name: "パスワードを設定する" }).click();
      await page.getByRole("heading", { level: 1, name: "パスワードを設定しました" }).waitFor();
      await page.close();

      const signedIn = await signIn(login, person.password);
      const who = person.department ? `${person.role}・${person.department}` : person.role;
      assert.match(
        (await signedIn.locator(".staff-bar p").first().textContent()) ?? "",
        new RegExp(`${person.name}（${who}）`, "u"),
      );
    }
  });

  it("lets the 企画課 build a small plan in the browser: 柱 › 項目, three measures in two departments", {
    skip,
  }, async () => {
    const page = personPage("kikaku");
    await page.goto(`${origin}/staff`);
    await page.getByRole("link", { name: "計画を作成" }).click();
    await page.getByRole("heading", { level: 1, name: "計画を作成" }).waitFor();
    await page.getByLabel("計画の名称").fill(PLAN.title);
    await page.getByLabel("識別子（省略可）").fill(PLAN.slug);
    await page.getByLabel(/^階層の名前/u).fill("柱\n項目");
    await page.getByLabel("最初の年度").fill("令和8年度");
    await page.getByLabel("最後の年度").fill("2028");
    await page.getByRole("button", { name: "計画を作成する" }).click();
    await page.getByRole("heading", { level: 1, name: `${PLAN.title}の構成` }).waitFor();
    assert.equal(
      (await page.getByRole("status").textContent())?.trim(),
      "計画を作成しました。階層・項目・取組を加えてください。",
    );
    const tree = page.getByRole("region", { name: "構成", exact: true });
    const shown = (text: string) => tree.getByText(text).first().waitFor();

    const pillars = page.getByRole("region", { name: "柱を追加" });
    await pillars.getByLabel("番号", { exact: true }).fill("1");
    await pillars.getByLabel("名称").fill("子育てと移動を支える");
    await pillars.getByRole("button", { name: "追加する" }).click();
    await shown("柱 1 子育てと移動を支える");

    for (const [number, title] of [
      ["1", "保育の受け皿を広げる"],
      ["2", "市電を使いやすくする"],
    ] as const) {
      const items = page.getByRole("region", { name: "項目を追加" });
      await items.getByLabel("置く場所").selectOption({ label: "柱 1 子育てと移動を支える" });
      await items.getByLabel("番号", { exact: true }).fill(number);
      await items.getByLabel("名称").fill(title);
      await items.getByRole("button", { name: "追加する" }).click();
      await shown(`項目 No.${number} ${title}`);
    }

    for (const [measure, item, department] of [
      [NURSERY, "項目 No.1 保育の受け皿を広げる", "保育幼稚園課"],
      [STAFFING, "項目 No.1 保育の受け皿を広げる", "保育幼稚園課"],
      [TRAM, "項目 No.2 市電を使いやすくする", "交通政策課"],
    ] as const) {
      const measures = page.getByRole("region", { name: "取組を追加" });
      await measures.getByLabel("項目", { exact: true }).selectOption({ label: item });
      await measures.getByLabel("名称").fill(measure.title);
      await measures.getByLabel("担当課").selectOption({ label: department });
      await measures.getByRole("button", { name: "追加する" }).click();
      await shown(`${measure.code} ${measure.title}（${department}）`);
    }

    // A plan without periods is public as it is built.
    const visitor = await newPage();
    await visitor.goto(`${origin}/plans/${PLAN.slug}/items/1`);
    const item = await mainText(visitor);
    assert.ok(item.includes(NURSERY.title) && item.includes(STAFFING.title));
  });

  it("lets the 企画課 open a period with a deadline, and each department is told by e-mail with the working days left", {
    skip,
  }, async () => {
    const page = personPage("kikaku");
    await page.goto(`${origin}/staff`);
    await page.getByRole("link", { name: `${PLAN.title}の進捗報告` }).click();
    await page.waitForURL(`${origin}${staffPlan}`);
    await page.getByLabel("基準日").fill(AS_OF);
    await page.getByLabel("締切日（任意）").fill(deadline);
    await page.getByRole("button", { name: "報告期を開く" }).click();
    await page
      .getByRole("heading", { level: 2, name: `受付中の報告期: 令和8年9月末時点（${AS_OF}）` })
      .waitFor();
    assert.ok((await mainText(page)).includes(`（${deadline}）`), "the deadline is shown");
    await page.getByRole("heading", { name: "すべての取組（3件）" }).waitFor();

    await deliver();
    for (const login of ["hoiku", "kotsu"] as const) {
      const [opened] = mailTo(login, /^【進捗報告のお願い】/u);
      assert.ok(opened, `${login} was told the period opened`);
      assert.match(
        opened.text,
        new RegExp(
          `締切: 令和\\d+年\\d+月\\d+日（[日月火水木金土]）（${deadline}）・あと10営業日`,
          "u",
        ),
      );
      assert.ok(opened.text.includes(`${origin}${staffPlan}`), "with a link to the period");
    }
    assert.match(
      mailTo("hoiku", /^【進捗報告のお願い】/u)[0]?.text ?? "",
      /保育幼稚園課が担当する取組は 2 件です/u,
    );
  });

  it("lets editor A save a draft and then submit it from their updates, and editor B submit", {
    skip,
  }, async () => {
    const a = personPage("hoiku");
    await a.goto(`${origin}/staff`);
    await a.getByRole("link", { name: "保育幼稚園課の更新" }).click();
    await a.getByRole("heading", { level: 1, name: "保育幼稚園課の更新" }).waitFor();
    assert.match(
      (await a.locator(".deadline").textContent()) ?? "",
      new RegExp(`締切: .*（${deadline}）・あと10営業日`, "u"),
    );
    assert.equal(await a.getByRole("link", { name: TRAM.title }).count(), 0, "only theirs");
    await a.getByRole("link", { name: NURSERY.title, exact: true }).click();
    await a.getByRole("heading", { level: 1, name: `${NURSERY.title}の進捗状況` }).waitFor();
    await narrative(a).fill(TEXT.draft);
    await a.getByLabel("状況区分").selectOption({ label: "検討・準備中" });
    await a.getByRole("button", { name: "下書き保存（提出しない）" }).click();
    await a.waitForURL(/\?saved=draft$/u);
    assert.equal(
      (await a.getByRole("status").textContent())?.trim(),
      "下書きを保存しました。まだ企画課には提出していません。",
    );

    await narrative(a).fill(TEXT.first);
    await a.getByLabel("状況区分").selectOption({ label: "実施中" });
    await a.getByRole("button", { name: "下書き保存（提出しない）" }).click();
    await a.waitForURL(/\?saved=draft$/u);
    await a.goto(`${origin}${staffPlan}/my`);
    assert.equal(await stateIn(a, NURSERY.title).textContent(), "下書き");
    await a.getByLabel(`${NURSERY.title}を選ぶ`).check();
    await a.getByRole("button", { name: "選んだ取組をまとめて提出する" }).click();
    await a
      .getByRole("status")
      .filter({ hasText: "1件の取組を提出しました。企画課の確認を待っています。" })
      .waitFor();
    assert.equal(await stateIn(a, NURSERY.title).textContent(), "確認待ち");
    assert.equal(await stateIn(a, STAFFING.title).textContent(), "未更新");

    const b = personPage("kotsu");
    await b.goto(`${origin}${staffPlan}/my`);
    await b.getByRole("link", { name: TRAM.title, exact: true }).click();
    await narrative(b).fill(TEXT.tram);
    await b.getByLabel("状況区分").selectOption({ label: "実施中" });
    await b.getByRole("button", { name: "保存して確認に回す" }).click();
    await b.waitForURL(/\?saved=1$/u);
    assert.equal(
      (await b.getByRole("status").textContent())?.trim(),
      "保存しました。企画課の確認を待っています。",
    );
  });

  it("lets the 企画課 return A's with a comment, which reaches A by e-mail and on their page; A fixes it and submits again", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    await planner.goto(`${origin}${staffPlan}`);
    await planner.getByRole("link", { name: /^進捗の確認/u }).click();
    await planner.getByRole("heading", { level: 1, name: "進捗の確認" }).waitFor();
    assert.equal(await stateIn(planner, NURSERY.title).textContent(), "確認待ち");
    await planner.getByRole("link", { name: NURSERY.title, exact: true }).click();
    await planner.getByRole("heading", { level: 1, name: `確認: ${NURSERY.title}` }).waitFor();
    assert.ok((await mainText(planner)).includes(TEXT.first), "the reviewer reads the text");
    await planner.getByLabel("差し戻す場合の理由").fill(TEXT.comment);
    await planner.getByRole("button", { name: "差し戻して次へ" }).click();
    await planner.getByRole("status").filter({ hasText: "差し戻しました。" }).waitFor();

    await deliver();
    const [returned] = mailTo("hoiku", /^【差戻し】/u);
    assert.ok(returned, "the department is told by e-mail");
    assert.equal(returned.subject, `【差戻し】${NURSERY.title}（${NURSERY.code}）の進捗状況`);
    assert.ok(returned.text.includes(`> ${TEXT.comment}`), "with the comment");
    assert.match(returned.text, /・あと\d+営業日/u);

    const a = personPage("hoiku");
    await a.goto(`${origin}${staffPlan}/my`);
    const section = a.getByRole("region", { name: "差し戻された取組（1件）" });
    assert.equal(
      (await section.locator(".review-comment").textContent())?.trim(),
      `企画課のコメント: ${TEXT.comment}`,
    );
    await section.getByRole("link", { name: NURSERY.title }).click();
    await a.getByRole("heading", { level: 1, name: `${NURSERY.title}の進捗状況` }).waitFor();
    assert.equal(await narrative(a).inputValue(), TEXT.first, "their text, to fix");
    await narrative(a).fill(TEXT.fixed);
    await a.getByRole("button", { name: "保存して確認に回す" }).click();
    await a.waitForURL(/\?saved=1$/u);
    await a.goto(`${origin}${staffPlan}/my`);
    assert.equal(await stateIn(a, NURSERY.title).textContent(), "確認待ち");
  });

  it("lets the 企画課 accept both submitted measures from the review list at once", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    await planner.goto(`${origin}${staffPlan}/review`);
    await planner.getByLabel(`${NURSERY.title}を選ぶ`).check();
    await planner.getByLabel(`${TRAM.title}を選ぶ`).check();
    assert.equal(
      await planner.getByLabel(`${STAFFING.title}を選ぶ`).count(),
      0,
      "a measure nobody submitted cannot be picked",
    );
    await planner.getByRole("button", { name: "選んだ取組をまとめて確認済にする" }).click();
    await planner
      .getByRole("status")
      .filter({ hasText: "2件の取組を確認済にしました。" })
      .waitFor();
    assert.equal(await stateIn(planner, NURSERY.title).textContent(), "確認済");
    assert.equal(await stateIn(planner, TRAM.title).textContent(), "確認済");
    assert.equal(await stateIn(planner, STAFFING.title).textContent(), "未更新");
  });

  it("reminds the department with a missing update before the deadline, in working days, and the 企画課 sees it in the log", {
    skip,
  }, async () => {
    // The server's periodic check (or `shinchoku remind --date`) on the day two working days
    // before the deadline: 保育幼稚園課 has M0002 not updated; 交通政策課 has nothing missing.
    const day = addWorkingDays(deadline, -2);
    const now = new Date(`${day}T12:00:00+09:00`);
    const made = await queueDueReminders(store, mail, { reminderDays: 3, now });
    assert.deepEqual(
      made.map((r) => `${r.kind} ${r.department ?? "企画課"}`),
      ["deadline 保育幼稚園課", "digest 企画課"],
    );
    await deliver(now);
    const [reminder, ...more] = mailTo("hoiku", /^【進捗報告の締切】/u);
    assert.ok(reminder, "the editor of 保育幼稚園課 is reminded");
    assert.equal(more.length, 0);
    assert.equal(reminder.subject, `【進捗報告の締切】あと2営業日・${PLAN.title}（未提出 1 件）`);
    assert.match(
      reminder.text,
      new RegExp(
        `締切: 令和\\d+年\\d+月\\d+日（[日月火水木金土]）（${deadline}）・あと2営業日`,
        "u",
      ),
    );
    assert.ok(reminder.text.includes(`・No.1 ${STAFFING.title}（未更新）`));
    assert.ok(!reminder.text.includes(NURSERY.title), "an accepted measure is not listed");
    assert.equal(mailTo("kotsu", /^【進捗報告の締切】/u).length, 0, "交通政策課 has none missing");
    assert.equal(mailTo("kikaku", /^【進捗報告の状況】/u).length, 1, "the 企画課 gets the digest");

    const planner = personPage("kikaku");
    await planner.goto(`${origin}${staffPlan}`);
    await planner.getByRole("link", { name: "お知らせメールの記録" }).click();
    const row = planner.getByRole("row").filter({ hasText: "締切前の催促" });
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match(
      (await row.textContent()) ?? "",
      new RegExp(`保育幼稚園課.*${PEOPLE.hoiku.name} <${addressOf("hoiku")}>`, "u"),
    );
  });

  it("lists the measure nobody updated on the publish confirmation before publishing, and the public page then shows the new progress", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    await planner.goto(`${origin}${staffPlan}`);
    await planner.getByRole("link", { name: "公表の確認へ進む" }).click();
    await planner.getByRole("heading", { level: 1, name: "公表の確認" }).waitFor();
    assert.match(
      (await planner.locator(".publish-summary").textContent()) ?? "",
      /前回から更新され、確認済の取組: 2件.*担当課が更新していない（前回の内容のままの）取組: 1件.*まだ公表できない取組（確認待ち・差戻し・下書き）: 0件/su,
    );
    const carried = planner.getByRole("region", { name: "前回の内容のままの取組（1件）" });
    assert.deepEqual(
      (await carried.getByRole("listitem").allTextContents()).map((t) => t.trim()),
      [`No.${STAFFING.item} ${STAFFING.title}（保育幼稚園課・未更新）`],
    );
    // Nothing is published by showing the confirmation.
    const before = await newPage();
    await before.goto(`${origin}/plans/${PLAN.slug}/items/1`);
    assert.ok(!(await mainText(before)).includes(TEXT.fixed), "not public before publishing");

    await planner.getByLabel("「前回から変更なし」として公表する").check();
    await planner.getByRole("button", { name: "この内容で公表する" }).click();
    await planner.waitForURL(/\?notice=published$/u);
    assert.equal(
      (await planner.getByRole("status").textContent())?.trim(),
      "公表しました。公開サイトに反映されています。",
    );
    assert.ok(
      (await mainText(planner)).includes(`令和8年9月末時点（${AS_OF}）: 公表済（${today}）`),
    );

    const visitor = await newPage();
    await visitor.goto(`${origin}/plans/${PLAN.slug}/items/${NURSERY.item}`);
    const nursery = visitor.locator(`#measure-${NURSERY.code}`);
    await nursery.getByRole("heading", { name: "進捗状況（令和8年9月末時点）" }).waitFor();
    assert.equal((await nursery.locator("p.narrative").first().textContent())?.trim(), TEXT.fixed);
    assert.match((await nursery.locator(".status-line").textContent()) ?? "", /実施中/u);
    await visitor.goto(`${origin}/plans/${PLAN.slug}/items/${TRAM.item}`);
    assert.equal(
      (await visitor.locator(`#measure-${TRAM.code} p.narrative`).first().textContent())?.trim(),
      TEXT.tram,
    );
  });
});
