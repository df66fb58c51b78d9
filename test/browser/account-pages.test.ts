/**
 * People and departments through the pages, in Debian's Chromium: an administrator creates a
 * department editor's account, copies the one-time password-set link from the page, and the new
 * person sets a password through it and signs in; the link opened again is refused. axe-core
 * checks every page of accounts, departments and API tokens against WCAG 2.1 A and AA.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { issueApiToken } from "../../src/commands/api/api-token-issuer.ts";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { createDepartment } from "../../src/commands/departments/department-creator.ts";
import { actorByLogin } from "../../src/store/queries/account-query.ts";
import { startAppServer } from "../app-server.ts";
import { wcagViolations } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { freshStore } from "../store-targets.ts";

const NEW_PASSWORD = "保育園の窓から見える熊本城の石垣";

const browser = await launchBrowser(
  "the account pages in Chromium (test/browser/account-pages.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("people and departments in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    await store.db
      .insertInto("organization")
      .values({ code: KUMAMOTO.code, name: KUMAMOTO.name, created_at: new Date().toISOString() })
      .execute();
    await createAccount(store, {
      organizationCode: KUMAMOTO.code,
      login: "kanri",
      displayName: "管理 三郎",
      password: PASSWORD,
      role: "administrator",
    });
    const admin = (await actorByLogin(store.db, "kanri"))?.actor;
    assert.ok(admin);
    await createDepartment(store, admin, { name: "保育幼稚園課" });
    await createDepartment(store, admin, { name: "交通政策課" });
    await issueApiToken(store, admin, { department: "交通政策課", name: "交通連携" });
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function newPage(): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({
      locale: "ja-JP",
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, login: string, password: string) {
    await page.goto(`${origin}/staff/login`);
    await page.getByLabel("ログイン名").fill(login);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
  }

  it("an administrator creates an editor, who sets a password through the link once and signs in", {
    skip,
  }, async () => {
    const found: string[] = [];
    const admin = await newPage();
    await signIn(admin, "kanri", PASSWORD);
    await admin
      .getByRole("navigation", { name: "職員メニュー" })
      .getByRole("link", { name: "アカウント", exact: true })
      .click();
    await admin.waitForURL(`${origin}/staff/accounts`);
    found.push(...(await wcagViolations(admin)));
    await admin.getByRole("link", { name: "アカウントを作る" }).click();
    found.push(...(await wcagViolations(admin)));

    // A refused form first: no department for an editor. What was typed stays.
    await admin.getByLabel("ログイン名").fill("hoiku");
    await admin.getByLabel("表示名").fill("保育 花子");
    await admin.getByLabel("役割").selectOption({ label: "担当課" });
    await admin.getByRole("button", { name: "作成する" }).click();
    assert.match(await admin.title(), /^エラー：アカウントを作る/u);
    assert.equal(await admin.getByLabel("ログイン名").inputValue(), "hoiku");
    assert.equal(await admin.getByLabel("表示名").inputValue(), "保育 花子");
    found.push(...(await wcagViolations(admin)));
    await admin.getByLabel("担当課", { exact: true }).selectOption({ label: "保育幼稚園課" });
    await admin.getByRole("button", { name: "作成する" }).click();
    await admin
      .getByRole("heading", { level: 1, name: "アカウント「hoiku」を作りました" })
      .waitFor();
    found.push(...(await wcagViolations(admin)));
    const link = await admin
      .getByLabel("パスワード設定リンク（コピーして本人に伝える）")
      .inputValue();
    assert.match(link, new RegExp(`^${origin}/staff/set-password\\?token=[A-Za-z0-9_-]{43}$`, "u"));

    // The new person, in a browser of their own.
    const person = await newPage();
    await person.goto(link);
    assert.equal(await person.getByRole("heading", { level: 1 }).textContent(), "パスワードの設定");
    found.push(...(await wcagViolations(person)));
    await person.getByLabel("パスワード", { exact: true }).fill("hoikuhoikuhoiku");
    await person.getByLabel("パスワード（確認）").fill("hoikuhoikuhoiku");
    await person.getByRole("button", { name: "パスワードを設定する" }).click();
    assert.match(await person.title(), /^エラー：パスワードの設定/u);
    found.push(...(await wcagViolations(person)));
    await person.getByLabel("パスワード", { exact: true }).fill(NEW_PASSWORD);
    await person.getByLabel("パスワード（確認）").fill(NEW_PASSWORD);
    await person.getByRole("button", { name: "パスワードを設定する" }).click();
    await person.getByRole("heading", { level: 1, name: "パスワードを設定しました" }).waitFor();
    found.push(...(await wcagViolations(person)));
    await person.getByRole("link", { name: "ログインページへ" }).click();
    await person.getByLabel("ログイン名").fill("hoiku");
    await person.getByLabel("パスワード").fill(NEW_PASSWORD);
    await person.getByRole("button", { name: "ログイン" }).click();
    await person.waitForURL(`${origin}/staff`);
    assert.match(
      (await person.locator(".staff-bar p").first().textContent()) ?? "",
      /保育 花子（担当課・保育幼稚園課）/u,
    );

    // The link again: refused.
    const replay = await newPage();
    const response = await replay.goto(link);
    assert.equal(response?.status(), 410);
    assert.equal(
      await replay.getByRole("heading", { level: 1 }).textContent(),
      "このリンクは使えません",
    );
    found.push(...(await wcagViolations(replay)));

    // The other administrators' pages: an account, departments (list and one), tokens.
    await admin.goto(`${origin}/staff/accounts`);
    await admin.getByRole("link", { name: "hoiku を編集" }).click();
    found.push(...(await wcagViolations(admin)));
    await admin
      .getByRole("navigation", { name: "職員メニュー" })
      .getByRole("link", { name: "担当課" })
      .click();
    found.push(...(await wcagViolations(admin)));
    await admin.getByRole("link", { name: "交通政策課 の名前の変更・統合" }).click();
    found.push(...(await wcagViolations(admin)));
    await admin
      .getByRole("navigation", { name: "職員メニュー" })
      .getByRole("link", { name: "APIトークン" })
      .click();
    await admin.getByLabel("担当課").selectOption({ label: "保育幼稚園課" });
    await admin.getByLabel("名前").fill("保育システム連携");
    await admin.getByRole("button", { name: "発行する" }).click();
    await admin
      .getByRole("heading", { level: 2, name: "APIトークン「保育システム連携」を発行しました" })
      .waitFor();
    found.push(...(await wcagViolations(admin)));
    assert.deepEqual(found, [], found.join("\n"));
  });
});
