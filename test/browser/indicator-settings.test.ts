/**
 * The planning division sets an indicator in Debian's Chromium (issue 15, point 2): from the
 * cycle page to the indicator settings, the add form refused with its error summary focused and
 * the typed text kept, then stored and listed as waiting for the period's publication, and
 * retired after a confirmation page. Each page is checked by axe-core against WCAG 2.1 A and AA,
 * and the list and the add form in English too.
 * The pages have no script.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import { actorByLogin } from "../../src/store/queries/account-query.ts";
import { startAppServer } from "../app-server.ts";
import { violationLines, wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { freshStore } from "../store-targets.ts";

const browser = await launchBrowser(
  "the indicator settings in Chromium (test/browser/indicator-settings.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the indicator settings in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let context: BrowserContext | undefined;
  let origin = "";
  let base = "";

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    const { planSlug } = await importReportFile(store, MODEL_REPORT_PATH, {
      organization: KUMAMOTO,
    });
    base = `/staff/plans/${encodeURIComponent(planSlug)}`;
    await createAccount(store, {
      organizationCode: KUMAMOTO.code,
      login: "kikaku",
      displayName: "企画 太郎",
      password: PASSWORD,
      role: "planner",
    });
    const planner = (await actorByLogin(store.db, "kikaku"))?.actor;
    assert.ok(planner);
    await openPeriod(store, planner, { planSlug, asOf: "2014-03-31", deadline: null });
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function axe(page: Page, report: string[]) {
    report.push(...violationLines(await wcagCheck(page), new URL(page.url()).pathname));
  }

  it("adds an indicator after a refused form that kept what was typed", { skip }, async () => {
    assert.ok(browser);
    context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${origin}/staff`);
    await page.getByLabel("ログイン名").fill("kikaku");
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    const report: string[] = [];

    await page.goto(`${origin}${base}`);
    await page.getByRole("link", { name: "指標の設定" }).click();
    await page.waitForURL(`${origin}${base}/indicators`);
    await axe(page, report);
    await page.getByRole("link", { name: "指標を追加する" }).click();
    await page.waitForURL(`${origin}${base}/indicators/new`);
    await axe(page, report);
    await page
      .getByLabel("対象（取組・項目・階層）")
      .selectOption({ label: "項目 No.56 ア 保育園の待機児童ゼロ" });
    await page.getByLabel("指標名").fill("待機児童数");
    await page.getByLabel("単位").fill("人");
    await page.getByLabel("種類").selectOption("成果指標");
    await page.getByLabel("方向").selectOption("decrease");
    await page.getByLabel("基準値の年度").fill("平成24年度");
    await page.getByLabel("基準値", { exact: true }).fill("１２０");
    await page.getByLabel("平成25年度（2013年度）の目標値").fill("ゼロ");
    await page.getByRole("button", { name: "指標を追加する" }).click();
    await page.waitForURL(`${origin}${base}/indicators`);

    assert.match(await page.title(), /^エラー：/u);
    const summary = page.getByRole("alert");
    assert.equal(await page.evaluate("document.activeElement?.className"), "error-summary");
    const link = summary.getByRole("link", {
      name: "平成25年度（2013年度）の目標値は数値で入力してください（「ゼロ」は数値ではありません）",
    });
    assert.equal(await link.count(), 1);
    assert.equal(await page.getByLabel("指標名").inputValue(), "待機児童数");
    assert.equal(await page.getByLabel("基準値", { exact: true }).inputValue(), "１２０");
    await axe(page, report);

    await link.click();
    const target = page.getByLabel("平成25年度（2013年度）の目標値");
    assert.equal(await page.evaluate("document.activeElement?.id"), "target-2013");
    await target.fill("0");
    await page.getByRole("button", { name: "指標を追加する" }).click();
    await page.waitForURL(/\/indicators\?owner=item%3A\d+&saved=I0001$/u);
    assert.match(
      (await page.getByRole("status").textContent()) ?? "",
      /指標 I0001 を保存しました/u,
    );
    const row = page.getByRole("row", { name: /待機児童数/u });
    assert.match((await row.textContent()) ?? "", /公表待ちの変更あり/u);
    await axe(page, report);

    await page.getByRole("link", { name: "待機児童数を廃止" }).click();
    await page.waitForURL(`${origin}${base}/indicators/I0001/retire`);
    await axe(page, report);
    await page.getByRole("button", { name: "廃止する" }).click();
    await page.waitForURL(/\/indicators\?owner=item%3A\d+&saved=I0001$/u);
    assert.match((await row.textContent()) ?? "", /廃止/u);
    assert.equal(await page.getByRole("link", { name: "待機児童数を廃止" }).count(), 0);

    for (const path of ["/indicators", "/indicators/new"]) {
      await page.goto(`${origin}${base}${path}?lang=en`);
      await axe(page, report);
    }
    assert.deepEqual(report, [], report.join("\n"));
  });
});
