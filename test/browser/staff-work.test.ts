/**
 * Work at scale and publishing with care (issue 16, points 4, 5 and 7) as people do it in
 * Debian's Chromium, with the keyboard where it matters: a department editor saves a draft
 * without submitting it and submits two measures at once from "my updates"; the planning
 * division filters the review list, accepts two at once, sees the change of a narrative word by
 * word, returns one with a comment, and the publish confirmation lists the measures that still
 * carry last period's text before the period is published. Every staff page type is checked by
 * axe-core against WCAG 2.1 A and AA on the way. The pages have no script at all (the CSP says
 * `script-src 'none'`), so all of this is also what a browser without JavaScript does.
 * The tram measure has an indicator: its result is entered with the narrative and read back from
 * the table beside its chart on the public item page once the period is published.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { assignDepartment } from "../../src/commands/departments/department-assigner.ts";
import { IndicatorWriter } from "../../src/commands/indicator-writer.ts";
import { ImportReportBuilder } from "../../src/import/import-report.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import { actorByLogin } from "../../src/store/queries/account-query.ts";
import { startAppServer } from "../app-server.ts";
import { violationLines, wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { freshStore } from "../store-targets.ts";

const DESKTOP = { width: 1280, height: 900 };
const AS_OF = "2014-03-31";
const NURSERY = {
  title: "保育所整備による待機児童の解消",
  draft: "新設含む12ヶ所の保育所整備が完了",
};
const HOME_CARE = "家庭的保育事業の実施";
const TRAM = {
  title: "誰でも利用しやすい市電利用環境の整備",
  first: "電停改良については35電停中21電停が改良済",
  comment: "低床電車の製作の状況も書いてください",
  fixed: "低床電車2編成を製作中 電停改良については35電停中21電停が改良済",
  indicator: "改良済の電停の数",
};

const browser = await launchBrowser(
  "the staff pages at scale in Chromium (test/browser/staff-work.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the staff pages at scale in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let planSlug: string;
  let base: string;
  const contexts: BrowserContext[] = [];
  const people = new Map<string, Page>();
  const codes = new Map<string, string>();

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    ({ planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO }));
    base = `/staff/plans/${encodeURIComponent(planSlug)}`;
    const accounts: Array<[string, string, string, string?]> = [
      ["kikaku", "企画 太郎", "planner"],
      ["hoiku", "保育 花子", "departmentEditor", "保育幼稚園課"],
      ["kotsu", "交通 次郎", "departmentEditor", "交通政策課"],
      ["kanri", "管理 三郎", "administrator"],
    ];
    for (const [login, displayName, role, department] of accounts)
      await createAccount(store, {
        organizationCode: KUMAMOTO.code,
        login,
        displayName,
        password: PASSWORD,
        role,
        ...(department ? { department, createDepartment: true } : {}),
      });
    const planner = (await actorByLogin(store.db, "kikaku"))?.actor;
    assert.ok(planner);
    for (const [department, itemNumbers] of [
      ["保育幼稚園課", [56, 57, 58]],
      ["交通政策課", [25, 26, 27, 28, 29, 30]],
    ] as const)
      await assignDepartment(store, planner, {
        planSlug,
        department,
        itemNumbers: [...itemNumbers],
        role: "lead",
      });
    await openPeriod(store, planner, { planSlug, asOf: AS_OF, deadline: "2014-04-21" });
    for (const title of [NURSERY.title, HOME_CARE, TRAM.title])
      codes.set(
        title,
        (
          await store.db
            .selectFrom("measure")
            .select("code")
            .where("title", "=", title)
            .executeTakeFirstOrThrow()
        ).code,
      );
    await store.db.transaction().execute(async (trx) => {
      const measure = await trx
        .selectFrom("measure")
        .select(["id", "plan_id"])
        .where("code", "=", codeOf(TRAM.title))
        .executeTakeFirstOrThrow();
      const value = (kind: "target" | "result", fiscalYear: number, v: string) => ({
        kind,
        fiscalYear,
        value: v,
        note: null,
        final: false,
        periodAsOf: null,
      });
      await new IndicatorWriter(trx, measure.plan_id, new ImportReportBuilder("test")).write(
        { measureId: measure.id },
        [
          {
            name: TRAM.indicator,
            unit: "電停",
            kind: "活動指標",
            direction: "increase",
            source: null,
            achievementForm: "auto",
            line: null,
            values: [value("target", 2013, "25"), value("result", 2012, "19")],
          },
        ],
      );
    });
    server = await startAppServer(store);
    origin = server.origin;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  async function signIn(login: string): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ locale: "ja-JP", viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${origin}/staff`);
    await page.getByLabel("ログイン名").fill(login);
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    people.set(login, page);
    return page;
  }
  const person = (login: string) => {
    const page = people.get(login);
    assert.ok(page, `${login} has signed in`);
    return page;
  };
  const notice = async (page: Page) => (await page.getByRole("status").textContent())?.trim();
  const codeOf = (title: string) => codes.get(title) ?? "";

  /** Press Tab until `accept` (a script body over `el`, the focused element) holds: the keyboard reaches it. */
  async function tabUntil(page: Page, what: string, accept: string) {
    for (let presses = 0; presses < 600; presses++) {
      await page.keyboard.press("Tab");
      if (
        await page.evaluate<boolean>(`(() => { const el = document.activeElement; ${accept} })()`)
      )
        return;
    }
    assert.fail(`the keyboard never reached ${what}`);
  }
  const focusedId = (id: string) => `return el !== null && el.id === ${JSON.stringify(id)};`;

  /** The text of an element as seen: without the words for screen readers. */
  const seen = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) =>
      [...el.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent)
        .join(""),
    );

  it("lets a department editor save a draft without submitting it, then submit two measures at once with the keyboard", {
    skip,
  }, async () => {
    const page = await signIn("hoiku");
    await page.getByRole("link", { name: "保育幼稚園課の更新" }).click();
    await page.waitForURL(`${origin}${base}/my`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "保育幼稚園課の更新");
    assert.match(
      (await page.locator(".deadline").textContent()) ?? "",
      /締切: 平成26年4月21日（2014-04-21）・締切を\d+営業日過ぎています/u,
    );

    await page.getByRole("link", { name: NURSERY.title, exact: true }).click();
    await page.getByRole("textbox", { name: /^進捗状況/u }).fill(NURSERY.draft);
    await page.getByLabel("状況区分").selectOption({ label: "完了" });
    await page.getByRole("button", { name: "下書き保存（提出しない）" }).click();
    await page.waitForURL(/\?saved=draft$/u);
    assert.equal(await notice(page), "下書きを保存しました。まだ企画課には提出していません。");

    await page.goto(`${origin}${base}/my`);
    const row = (title: string) =>
      page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
    assert.equal(await row(NURSERY.title).locator("td").nth(2).textContent(), "下書き");
    // Ticked and submitted with the keyboard alone.
    await tabUntil(page, NURSERY.title, focusedId(`pick-${codeOf(NURSERY.title)}`));
    await page.keyboard.press("Space");
    await tabUntil(page, HOME_CARE, focusedId(`pick-${codeOf(HOME_CARE)}`));
    await page.keyboard.press("Space");
    await tabUntil(
      page,
      "the submit button",
      "return el !== null && el.textContent.trim() === '選んだ取組をまとめて提出する';",
    );
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/my\?submitted=2$/u);
    assert.equal(await notice(page), "2件の取組を提出しました。企画課の確認を待っています。");
    assert.equal(await row(NURSERY.title).locator("td").nth(2).textContent(), "確認待ち");
    assert.equal(await row(HOME_CARE).locator("td").nth(2).textContent(), "確認待ち");

    const kotsu = await signIn("kotsu");
    await kotsu.goto(`${origin}${base}/measures/${codeOf(TRAM.title)}`);
    await kotsu.getByRole("textbox", { name: /^進捗状況/u }).fill(TRAM.first);
    const result = kotsu.getByRole("textbox", { name: `${TRAM.indicator}（電停）` });
    assert.match(
      (await result.getAttribute("aria-describedby")) ?? "",
      /hint/u,
      "the target and the earlier results are described beside the field",
    );
    await result.fill("２１");
    await kotsu.getByRole("button", { name: "保存して確認に回す" }).click();
    await kotsu.waitForURL(/\?saved=1$/u);
  });

  it("lets the planning division filter the review list, accept two at once, see the change word by word and return one with a comment", {
    skip,
  }, async () => {
    const page = await signIn("kikaku");
    await page.goto(`${origin}${base}`);
    await page.getByRole("link", { name: /^進捗の確認/u }).click();
    await page.waitForURL(`${origin}${base}/review`);
    await page.getByLabel("担当課").selectOption({ label: "保育幼稚園課" });
    await page.getByLabel("状態").selectOption({ label: "確認待ち" });
    await page.getByRole("button", { name: "絞り込む" }).click();
    // The GET form sends every field: the filtered list is a link.
    await page.waitForURL(
      /\/review\?q=&department=\d+&state=submitted&status=&changed=&sort=document$/u,
    );
    const filtered = page.url();
    assert.equal(await page.locator("#results-title").textContent(), "2件（全185件中）");
    assert.equal(await page.getByRole("rowheader", { name: TRAM.title }).count(), 0);

    // The review page: the narrative's change with words and numbers whole.
    await page.getByRole("link", { name: NURSERY.title, exact: true }).click();
    // A click does not wait for the next page: wait for it before reading it (a busy machine
    // answers later than the assertion runs).
    await page.waitForURL(/\/review\/M\d+\?department=\d+&state=submitted$/u);
    await page.getByText("絞り込んだ一覧の2件中1件目").waitFor({ state: "visible" });
    assert.equal(await seen(page, ".word-diff del >> nth=0"), "10");
    assert.equal(await seen(page, ".word-diff ins >> nth=0"), "12");
    assert.equal(await seen(page, ".word-diff del >> nth=1"), "を実施中");
    assert.equal(await seen(page, ".word-diff ins >> nth=1"), "が完了");
    assert.ok(await page.getByText("（変更あり）").isVisible(), "the status change");

    await page.goto(filtered);
    for (const title of [NURSERY.title, HOME_CARE]) await page.getByLabel(`${title}を選ぶ`).check();
    await page.getByRole("button", { name: "選んだ取組をまとめて確認済にする" }).click();
    await page.waitForURL(/&accepted=2$/u);
    assert.equal(await notice(page), "2件の取組を確認済にしました。");
    assert.match(
      page.url(),
      /\/review\?department=\d+&state=submitted&accepted=2$/u,
      "filters kept",
    );
    assert.equal(await page.locator("#results-title").textContent(), "0件（全185件中）");

    await page.goto(`${origin}${base}/review?state=submitted`);
    await page.getByRole("link", { name: TRAM.title, exact: true }).click();
    await page.getByLabel("差し戻す場合の理由").fill(TRAM.comment);
    await page.getByRole("button", { name: "差し戻して次へ" }).click();
    await page.waitForURL(/\/review\?state=submitted&decided=return$/u);
    assert.equal(await notice(page), "最後の取組を差し戻しました。一覧の終わりです。");
  });

  it("shows the department its returned measure first with the comment, and takes the correction", {
    skip,
  }, async () => {
    const page = person("kotsu");
    await page.goto(`${origin}${base}/my`);
    const returned = page.getByRole("region", { name: /差し戻された取組/u });
    assert.match((await returned.textContent()) ?? "", new RegExp(TRAM.comment, "u"));
    await returned.getByRole("link", { name: TRAM.title }).click();
    await page.getByRole("textbox", { name: /^進捗状況/u }).fill(TRAM.fixed);
    await page.getByRole("button", { name: "保存して確認に回す" }).click();
    await page.waitForURL(/\?saved=1$/u);
  });

  it("finds no WCAG 2.1 A or AA violation on any staff page type", { skip }, async () => {
    const admin = await signIn("kanri");
    // One page of each type (the audit trail's history page is checked by reporting-cycle.test.ts).
    const checks: Array<[Page, string]> = [
      [person("hoiku"), "/staff"],
      [person("kotsu"), `${base}/my`],
      [person("kikaku"), base],
      [person("kikaku"), `${base}/review?state=submitted&sort=title`],
      [person("kikaku"), `${base}/review/${codeOf(NURSERY.title)}`],
      [person("hoiku"), `${base}/measures/${codeOf(NURSERY.title)}`],
      [person("kotsu"), `${base}/measures/${codeOf(TRAM.title)}`],
      [person("kikaku"), `${base}/publish`],
      [person("kikaku"), `${base}/completion`],
      [person("kikaku"), `${base}/board`],
      [person("kikaku"), `${base}/departments`],
      [person("kikaku"), "/staff/password"],
      [admin, "/staff/audit"],
    ];
    const report: string[] = [];
    for (const [page, path] of checks) {
      const response = await page.goto(`${origin}${path}`);
      assert.equal(response?.status(), 200, `GET ${path}`);
      report.push(...violationLines(await wcagCheck(page), path));
    }
    assert.deepEqual(report, [], report.join("\n"));
  });

  it("lists the unchanged measures on the publish confirmation, then publishes them marked", {
    skip,
  }, async () => {
    const page = person("kikaku");
    await page.goto(`${origin}${base}/review/${codeOf(TRAM.title)}`);
    await page.getByRole("button", { name: "確認済にして次へ" }).click();
    await page.waitForURL(/decided=accept$/u);

    await page.goto(`${origin}${base}`);
    await page.getByRole("link", { name: "公表の確認へ進む" }).click();
    await page.waitForURL(`${origin}${base}/publish`);
    assert.equal(await page.getByRole("button", { name: "この内容で公表する" }).count(), 1);
    const carried = page.getByRole("region", { name: "前回の内容のままの取組（182件）" });
    assert.ok(await carried.isVisible(), "182 of 185 carry last period's text");
    assert.ok(await carried.getByRole("link", { name: "育児休業中の保育継続の実施" }).isVisible());
    assert.equal(await carried.getByRole("link", { name: NURSERY.title, exact: true }).count(), 0);
    const summary = (await page.locator(".publish-summary").textContent()) ?? "";
    assert.match(summary, /前回から更新され、確認済の取組: 2件/u, "the nursery and tram measures");
    assert.match(summary, /担当課が変更なしで提出し、確認済の取組: 1件/u, HOME_CARE);
    const state = async () =>
      (
        await store.db
          .selectFrom("reporting_period")
          .select("state")
          .where("as_of", "=", AS_OF)
          .executeTakeFirstOrThrow()
      ).state;
    assert.equal(await state(), "open", "the confirmation itself publishes nothing");

    await page.getByLabel("「前回から変更なし」として公表する").check();
    await page.getByLabel("公表日").fill("2014-05-15");
    await page.getByRole("button", { name: "この内容で公表する" }).click();
    await page.waitForURL(/\?notice=published$/u);
    assert.equal(await notice(page), "公表しました。公開サイトに反映されています。");
    assert.equal(await state(), "published");

    // The result entered with the narrative, read from the chart's text equivalent.
    const { number } = await store.db
      .selectFrom("measure")
      .innerJoin("item", "item.id", "measure.item_id")
      .select("item.number")
      .where("measure.code", "=", codeOf(TRAM.title))
      .executeTakeFirstOrThrow();
    await page.goto(`${origin}/plans/${encodeURIComponent(planSlug)}/items/${number}`);
    const table = page.getByRole("table", {
      name: `${TRAM.indicator}（単位：電停）の基準値・目標値・実績値`,
    });
    assert.ok(
      await page
        .getByRole("img", { name: new RegExp(`^${TRAM.indicator}の推移のグラフ`, "u") })
        .isVisible(),
    );
    const cells = await table
      .getByRole("row")
      .filter({
        has: page.getByRole("rowheader", { name: "平成25年度（2013年度） 平成26年3月末時点" }),
      })
      .getByRole("cell")
      .allTextContents();
    assert.deepEqual(cells, ["", "", "21", ""]);
  });
});
