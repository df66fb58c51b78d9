/**
 * A department editor confirms a figure with the draft, then stores it as an indicator's result
 * with the one button beside it, in Chromium (the pages have no script of their own); the page
 * passes axe with the button's section on it.
 */

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { startAppServer } from "../app-server.ts";
import { wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { addMeasureIndicator } from "../factories/indicators.ts";
import { measureCodeOf, PASSWORD, staffedPlanSeed } from "../factories/staff.ts";
import { seededStore } from "../store-targets.ts";

const browser = await launchBrowser(
  "a figure made an indicator's result in Chromium (test/browser/figure-indicator.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("a confirmed figure made an indicator's result in a browser", () => {
  after(() => browser?.close());

  it("confirms a proposed figure with the draft, then stores it as the chosen indicator's result with one button", {
    skip,
  }, async () => {
    assert.ok(browser);
    const {
      store,
      value: { planSlug, staff },
    } = await seededStore("sqlite", staffedPlanSeed);
    const server = await startAppServer(store);
    const context = await browser.newContext({
      locale: "ja-JP",
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(60_000);
    try {
      const measureCode = await measureCodeOf(store, planSlug, 56);
      const capacity = await addMeasureIndicator(store, planSlug, measureCode);
      await openPeriod(store, staff.planner, { planSlug, asOf: "2014-03-31", deadline: null });
      const page = await context.newPage();
      await page.goto(`${server.origin}/staff`);
      await page.getByLabel("ログイン名").fill("nursery");
      await page.getByLabel("パスワード").fill(PASSWORD);
      await page.getByRole("button", { name: "ログイン" }).click();
      await page.waitForURL(`${server.origin}/staff`);

      const url = `${server.origin}/staff/plans/${planSlug}/measures/${measureCode}`;
      await page.goto(url);
      await page.getByRole("textbox", { name: /^進捗状況/u }).fill("保育所の定員を1,320人に拡大");
      await page.getByRole("button", { name: "下書き保存（提出しない）" }).click();
      await page.waitForURL(/\?saved=draft$/u);
      // The narrative's figure is proposed; ticking it confirms it with the next save.
      await page.getByLabel("この数値を確定する").first().check();
      await page.getByRole("button", { name: "下書き保存（提出しない）" }).click();
      await page.waitForURL(/\?saved=draft$/u);

      const section = page.getByRole("region", { name: "確定した数値を指標の実績値にする" });
      const choice = section.getByLabel("数値 1 を実績値にする指標");
      assert.equal(await choice.inputValue(), capacity, "the indicator of the figure's unit");
      const before = await wcagCheck(page);
      assert.deepEqual(
        before.violations.map((v) => v.id),
        [],
      );
      await section.getByRole("button", { name: "数値 1 を指標の実績値として保存" }).click();
      await page.waitForURL(/\?saved=indicator$/u);
      assert.match(
        (await page.getByRole("status").textContent()) ?? "",
        /数値を指標の実績値として保存しました/u,
      );
      assert.equal(await page.getByLabel("保育所の定員（人）").inputValue(), "1320");
    } finally {
      await context.close();
      await server.close();
      await store.dispose();
    }
  });
});
