/**
 * The plan's structure through the pages, in Debian's Chromium: a planner makes a plan with the
 * form (a refused form first, keeping what was typed), adds a pillar, an item and a measure, and
 * renames the item; the public site shows them (the plan has no period yet). axe-core checks the
 * new-plan form, the structure page and a part's page against WCAG 2.1 A and AA, in Japanese and
 * in English.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { createDepartment } from "../../src/commands/departments/department-creator.ts";
import { actorByLogin } from "../../src/store/queries/account-query.ts";
import { startAppServer } from "../app-server.ts";
import { wcagViolations } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { freshStore } from "../store-targets.ts";

const browser = await launchBrowser(
  "the plan structure pages in Chromium (test/browser/plan-structure.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the plan's structure in a browser", () => {
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
    for (const [login, role] of [
      ["kanri", "administrator"],
      ["kikaku", "planner"],
    ] as const)
      await createAccount(store, {
        organizationCode: KUMAMOTO.code,
        login,
        displayName: login,
        password: PASSWORD,
        role,
      });
    const admin = (await actorByLogin(store.db, "kanri"))?.actor;
    assert.ok(admin);
    await createDepartment(store, admin, { name: "市民課" });
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

  it("a planner makes a plan and its structure through the forms, without script", {
    skip,
  }, async () => {
    const found: string[] = [];
    const page = await newPage();
    await page.goto(`${origin}/staff/login`);
    await page.getByLabel("ログイン名").fill("kikaku");
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    await page.getByRole("link", { name: "計画を作成" }).click();
    await page.getByRole("heading", { level: 1, name: "計画を作成" }).waitFor();
    found.push(...(await wcagViolations(page)));

    await page.getByLabel("計画の名称").fill("窓口改革計画");
    await page.getByLabel("最初の年度").fill("令和6年度");
    await page.getByLabel("最後の年度").fill("2023");
    await page.getByRole("button", { name: "計画を作成する" }).click();
    assert.match(await page.title(), /^エラー：計画を作成/u);
    assert.equal(await page.getByLabel("計画の名称").inputValue(), "窓口改革計画");
    assert.equal(await page.getByLabel("最初の年度").inputValue(), "令和6年度");
    const summary = page.getByRole("alert");
    assert.match((await summary.textContent()) ?? "", /入力内容に問題があります/u);
    found.push(...(await wcagViolations(page)));

    await page.getByLabel("最後の年度").fill("2027");
    await page.getByRole("button", { name: "計画を作成する" }).click();
    await page.getByRole("heading", { level: 1, name: "窓口改革計画の構成" }).waitFor();
    found.push(...(await wcagViolations(page)));

    await page.getByLabel("番号", { exact: true }).first().fill("1");
    await page.locator("#group-title").fill("窓口を変える");
    await page.getByRole("button", { name: "追加する" }).first().click();
    await page.getByRole("status").waitFor();
    await page.getByLabel("置く場所").selectOption({ label: "柱 1 窓口を変える" });
    await page.locator("#item-number").fill("1");
    await page.locator("#item-title").fill("窓口の予約");
    await page.getByRole("button", { name: "追加する" }).nth(1).click();
    await page.locator("#measure-itemId").selectOption({ label: "項目 No.1 窓口の予約" });
    await page.locator("#measure-title").fill("オンライン予約を始める");
    await page.locator("#measure-departmentId").selectOption({ label: "市民課" });
    await page.getByRole("button", { name: "追加する" }).nth(2).click();
    await page.getByText("M0001 オンライン予約を始める（市民課）").waitFor();
    found.push(...(await wcagViolations(page)));

    await page.getByRole("link", { name: /^変更.*窓口の予約/u }).click();
    found.push(...(await wcagViolations(page)));
    await page.getByLabel("新しい名称").fill("窓口とオンラインの予約");
    await page.getByRole("button", { name: "名称を変える" }).click();
    await page.getByRole("status").filter({ hasText: "名称を変更しました" }).waitFor();
    await page.getByRole("link", { name: /^変更.*窓口とオンラインの予約/u }).waitFor();

    await page.goto(`${origin}/plans/431001-1/report`);
    assert.match(await page.content(), /窓口とオンラインの予約/u);

    // The language switch remembers English for the pages after it, as a reader would use it.
    for (const path of ["/staff/new-plan", "/staff/plans/431001-1/structure"]) {
      await page.goto(`${origin}/language?lang=en&next=${encodeURIComponent(path)}`);
      await page.waitForURL(`${origin}${path}`);
      found.push(...(await wcagViolations(page)));
    }
    await page.getByRole("link", { name: /^Change.*窓口とオンラインの予約/u }).click();
    await page.getByRole("heading", { level: 2, name: "Rename" }).waitFor();
    found.push(...(await wcagViolations(page)));
    assert.deepEqual(found, [], found.join("\n"));
  });
});
