/**
 * A planning-division clerk imports a city's workbook in Debian's Chromium without script: the
 * upload form, the suggested mapping as a form (one field adjusted: 所管 is the department), the
 * preview with the tree by level and its counts, the commit, and the plan on the public site.
 * axe-core checks each upload page against WCAG 2.1 A and AA on the way.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { startAppServer } from "../app-server.ts";
import { wcagViolations } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { UPLOAD_PLAN, uploadWorkbook } from "../factories/upload-workbook.ts";
import { freshStore } from "../store-targets.ts";

const browser = await launchBrowser(
  "staff uploads in Chromium (test/browser/staff-upload.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("a staff upload in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let context: BrowserContext | undefined;
  let origin: string;

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    await store.db
      .insertInto("organization")
      .values({ code: KUMAMOTO.code, name: KUMAMOTO.name, created_at: new Date().toISOString() })
      .execute();
    await createAccount(store, {
      organizationCode: KUMAMOTO.code,
      login: "kikaku",
      displayName: "企画 太郎",
      password: PASSWORD,
      role: "planner",
    });
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  it("uploads a workbook, adjusts one mapping field, previews, commits and shows the plan on the public site", {
    skip,
    timeout: 240_000,
  }, async () => {
    assert.ok(browser);
    context = await browser.newContext({
      locale: "ja-JP",
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${origin}/staff`);
    await page.getByLabel("ログイン名").fill("kikaku");
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    await page.getByRole("link", { name: "ファイルから取込" }).click();
    await page.waitForURL(`${origin}/staff/uploads`);
    const found: string[] = [...(await wcagViolations(page))];

    await page.getByLabel("ファイル", { exact: true }).setInputFiles({
      name: "jigyo.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await uploadWorkbook()),
    });
    await page.getByRole("button", { name: "アップロードして確認する" }).click();
    await page.waitForURL(/\/staff\/uploads\/[A-Za-z0-9_-]{32}$/u);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "列の対応を確かめる");
    found.push(...(await wcagViolations(page)));
    assert.equal(await page.getByLabel("取組名の列").inputValue(), "D", "suggested from 事業名");
    assert.equal(await page.getByLabel("担当課の列").inputValue(), "", "所管 is not suggested");

    await page.getByLabel("計画名").fill(UPLOAD_PLAN.title);
    await page.getByLabel("基準日（時点）").fill(UPLOAD_PLAN.asOf);
    await page.getByLabel("担当課の列").selectOption("E");
    await page.getByLabel("E 列（所管）を独自項目として残す").uncheck();
    await page.getByRole("button", { name: "プレビューする" }).click();
    await page.waitForURL(/\/preview$/u);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "取込内容の確認");
    const counts = page.getByRole("table", { name: "階層ごとの件数" });
    assert.equal(await counts.getByRole("row", { name: /事業/u }).locator("td").textContent(), "3");
    assert.ok(await page.getByText("担当課: 危機管理課").first().isVisible());
    found.push(...(await wcagViolations(page)));

    await page.getByRole("button", { name: "この内容で取り込む" }).click();
    await page.waitForURL(/\/staff\/uploads\/[A-Za-z0-9_-]{32}$/u);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "取り込みました");
    found.push(...(await wcagViolations(page)));
    assert.deepEqual(found, [], "axe finds no violation on the upload pages");

    await page.getByRole("link", { name: "公開サイトで計画を見る" }).click();
    await page.waitForURL(/\/plans\/431001-1$/u);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), UPLOAD_PLAN.title);
    assert.match(await page.locator("main").innerText(), /取組（再掲を除く）\s*3件/u);
  });
});
