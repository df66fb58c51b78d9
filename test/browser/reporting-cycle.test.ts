/**
 * The whole reporting cycle as the people doing it see it in Debian's Chromium (the acceptance of
 * issue 4): the planning division opens period 2014-03-31 through the form; two department
 * editors, each in a browser of their own, update their measures; a department editor and the
 * planning division collide on one measure and the second is told what changed, keeps what they
 * typed and resolves it; the planning division returns one measure with a comment, the
 * department fixes it, the rest is accepted and the period published; then the public site, with
 * no cookie, shows the new period and the difference from 2013-09-30 — and nothing of the draft
 * before that. The staff pages are checked by axe-core against WCAG 2.1 A and AA on the way.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createAccount } from "../../src/commands/auth/account-creator.ts";
import { assignDepartment } from "../../src/commands/departments/department-assigner.ts";
import { importReportFile } from "../../src/import/report-importer.ts";
import { actorByLogin } from "../../src/store/queries/account-query.ts";
import { startAppServer } from "../app-server.ts";
import { violationLines, wcagCheck } from "../axe-check.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { KUMAMOTO, MODEL_REPORT_PATH } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { freshStore } from "../store-targets.ts";

const DESKTOP = { width: 1280, height: 900 };
const PLAN_LINK = "挑戦元年アクションプランの進捗報告";

/** Item 56's first measure, of 保育幼稚園課 (editor A), where the collision happens. */
const NURSERY = {
  title: "保育所整備による待機児童の解消",
  printed: "新設含む10ヶ所の保育所整備を実施中",
  byEditor: "新設含む10ヶ所の保育所整備が完了",
  byPlanner: "新設含む10ヶ所の保育所整備を実施中（4月開所予定）",
  resolved: "新設含む10ヶ所の保育所整備が完了（4月開所）",
};
/** Item 29's measure, of 交通政策課 (editor B), returned once with a comment. */
const TRAM = {
  title: "誰でも利用しやすい市電利用環境の整備",
  first: "低床電車の機種選定し、デザインを作成中 電停改良については35電停中20電停が改良済",
  comment: "低床電車の製作の状況も書いてください",
  fixed: "低床電車2編成を製作中 電停改良については35電停中20電停が改良済",
};

const browser = await launchBrowser(
  "the reporting cycle in Chromium (test/browser/reporting-cycle.test.ts)",
);
/** Each test is skipped, loudly, when Chromium is not installed. */
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("the reporting cycle in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let origin: string;
  let planSlug: string;
  let planPath: string;
  let nurseryCode: string;
  const contexts: BrowserContext[] = [];
  /** Each person's page, signed in in a browser context of their own. */
  const people = new Map<string, Page>();

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");
    ({ planSlug } = await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO }));
    planPath = `/plans/${encodeURIComponent(planSlug)}`;
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
    nurseryCode = (
      await store.db
        .selectFrom("measure")
        .select("code")
        .where("title", "=", NURSERY.title)
        .executeTakeFirstOrThrow()
    ).code;
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
    const context = await browser.newContext({ locale: "ja-JP", viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    return context.newPage();
  }

  /** A person signs in through the login form and follows the link to the plan's reporting page. */
  async function signIn(login: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${origin}/staff`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "職員ログイン");
    await page.getByLabel("ログイン名").fill(login);
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL(`${origin}/staff`);
    await page.getByRole("link", { name: PLAN_LINK }).click();
    await page.waitForURL(`${origin}/staff/plans/${planSlug}`);
    people.set(login, page);
    return page;
  }

  const personPage = (login: string) => {
    const page = people.get(login);
    assert.ok(page, `${login} has signed in`);
    return page;
  };

  /** From the plan's reporting page, the link of a measure in the table of drafts. */
  async function openMeasure(page: Page, title: string) {
    await page.goto(`${origin}/staff/plans/${planSlug}`);
    await page.getByRole("link", { name: title, exact: true }).click();
    await page.waitForURL(/\/measures\/M\d+(\?.*)?$/u);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), `${title}の進捗状況`);
  }

  const narrative = (page: Page) => page.getByRole("textbox", { name: /^進捗状況/u });
  const notice = async (page: Page) => (await page.getByRole("status").textContent())?.trim();
  /** The state of a measure in the table of the reporting page. */
  async function stateOf(page: Page, title: string): Promise<string> {
    await page.goto(`${origin}/staff/plans/${planSlug}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
    return (await row.locator("td").last().textContent()) ?? "";
  }

  async function axe(page: Page, path: string) {
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return violationLines(await wcagCheck(page), path);
  }

  /** The public site as anyone sees it: a browser with no cookie. */
  async function publicPage(path: string, status = 200): Promise<Page> {
    const page = await newPage();
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), status, `GET ${path}`);
    return page;
  }

  it("lets the planning division open period 2014-03-31 through the form", { skip }, async () => {
    const page = await signIn("kikaku");
    assert.ok(await page.getByText("企画 太郎（企画課）").isVisible());
    await page.getByLabel("基準日").fill("2014-03-31");
    await page.getByLabel("締切日（任意）").fill("2014-04-20");
    await page.getByRole("button", { name: "報告期を開く" }).click();
    await page.waitForURL(`${origin}/staff/plans/${planSlug}`);
    const heading = page.getByRole("heading", { level: 2, name: /受付中の報告期/u });
    assert.equal(await heading.textContent(), "受付中の報告期: 平成26年3月末時点（2014-03-31）");
    assert.match((await page.getByText(/^締切:/u).textContent()) ?? "", /平成26年4月20日/u);
    assert.ok(await page.getByRole("heading", { name: "すべての取組（185件）" }).isVisible());
    assert.equal(await stateOf(page, NURSERY.title), "未更新");
  });

  it("lets two department editors, each in their own browser, update a measure of theirs", {
    skip,
  }, async () => {
    const a = await signIn("hoiku");
    const b = await signIn("kotsu");
    assert.ok(
      await a.getByRole("heading", { name: "保育幼稚園課の取組（5件）" }).isVisible(),
      "editor A sees their department's measures",
    );
    assert.equal(
      await a.getByRole("link", { name: TRAM.title, exact: true }).count(),
      0,
      "and not another department's",
    );

    await openMeasure(b, TRAM.title);
    await narrative(b).fill(TRAM.first);
    await b.getByLabel("状況区分").selectOption({ label: "実施中" });
    await b.getByRole("button", { name: "保存して確認に回す" }).click();
    await b.waitForURL(/\?saved=1$/u);
    assert.equal(await notice(b), "保存しました。企画課の確認を待っています。");
    assert.equal(await narrative(b).inputValue(), TRAM.first);
    assert.equal(await stateOf(b, TRAM.title), "確認待ち");
  });

  it("tells the planning division, colliding with editor A on one measure, what changed, keeps what they typed and lets them resolve it", {
    skip,
  }, async () => {
    const a = personPage("hoiku");
    const planner = personPage("kikaku");
    // Both open the same form before either saves.
    await openMeasure(a, NURSERY.title);
    await openMeasure(planner, NURSERY.title);
    assert.equal(
      await narrative(a).inputValue(),
      NURSERY.printed,
      "the draft starts from 2013-09-30",
    );
    assert.equal(await narrative(planner).inputValue(), NURSERY.printed);
    // The status the form starts with (the one suggested from the printed narrative), untouched.
    const leftAs = await planner.getByLabel("状況区分").locator("option:checked").textContent();

    await narrative(a).fill(NURSERY.byEditor);
    await a.getByLabel("状況区分").selectOption({ label: "完了" });
    await a.getByRole("button", { name: "保存して確認に回す" }).click();
    await a.waitForURL(/\?saved=1$/u);
    assert.equal(await notice(a), "保存しました。企画課の確認を待っています。");

    await narrative(planner).fill(NURSERY.byPlanner);
    await planner.getByRole("button", { name: "保存して確認に回す" }).click();
    await planner.waitForLoadState();
    assert.match(await planner.title(), /^エラー：/u);
    const summary = planner.getByRole("alert");
    assert.match(
      (await summary.textContent()) ?? "",
      /入力内容に問題があります.*他の人が保存しました/su,
    );
    const conflict = planner.locator("section.conflict");
    assert.ok(
      await conflict.getByRole("heading", { name: "他の人が先に保存した内容" }).isVisible(),
    );
    assert.match(
      (await conflict.textContent()) ?? "",
      /保育 花子さんが .* に保存しました（状況区分: 完了）/u,
    );
    assert.equal((await conflict.locator("blockquote").textContent())?.trim(), NURSERY.byEditor);
    assert.equal(
      await narrative(planner).inputValue(),
      NURSERY.byPlanner,
      "what they typed is kept",
    );

    const status = planner.getByLabel("状況区分");
    assert.equal(await status.locator("option:checked").textContent(), leftAs, "as they left it");

    // Resolving: their note on top of editor A's text, and A's status, as the conflict box shows.
    await narrative(planner).fill(NURSERY.resolved);
    await status.selectOption({ label: "完了" });
    await planner.getByRole("button", { name: "保存して確認に回す" }).click();
    await planner.waitForURL(/\?saved=1$/u);
    assert.equal(await notice(planner), "保存しました。企画課の確認を待っています。");
    assert.equal(
      await narrative(planner).inputValue(),
      NURSERY.resolved,
      "the second save is stored",
    );
    assert.equal(await status.locator("option:checked").textContent(), "完了");
  });

  it("shows nothing of the draft on the public site before publishing", { skip }, async () => {
    const overview = await publicPage(planPath);
    assert.match((await overview.locator(".plan-meta").textContent()) ?? "", /平成25年9月末時点/u);
    assert.equal(await overview.getByText("平成26年3月末").count(), 0);
    for (const item of [56, 29]) {
      const page = await publicPage(`${planPath}/items/${item}`);
      const text = (await page.locator("main").textContent()) ?? "";
      for (const draft of [NURSERY.byEditor, NURSERY.resolved, TRAM.first])
        assert.ok(!text.includes(draft), `item ${item} shows no draft`);
    }
    assert.ok(
      (await (await publicPage(`${planPath}/items/56`)).locator("main").textContent())?.includes(
        NURSERY.printed,
      ),
    );
    await publicPage(`${planPath}?period=2014-03-31`, 404);
  });

  it("finds no WCAG 2.1 A or AA violation on the staff pages (dashboard, plan, measure form, audit trail, password, departments, in Japanese and English)", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    const admin = await signIn("kanri");
    const staffPlan = `/staff/plans/${planSlug}`;
    const report = [
      ...(await axe(planner, "/staff")),
      ...(await axe(planner, staffPlan)),
      ...(await axe(planner, `${staffPlan}/measures/${nurseryCode}`)),
      ...(await axe(planner, "/staff/password")),
      ...(await axe(planner, "/staff/account")),
      ...(await axe(planner, `${staffPlan}/reminders`)),
      ...(await axe(planner, `${staffPlan}/departments`)),
      ...(await axe(admin, "/staff/audit")),
      ...(await axe(admin, `${staffPlan}/measures/${nurseryCode}/history`)),
      ...(await axe(admin, "/staff/audit?lang=en")),
    ];
    assert.deepEqual(report, [], report.join("\n"));
  });

  it("lets the planning division return one measure with a comment, which the department fixes", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    const b = personPage("kotsu");
    await openMeasure(planner, TRAM.title);
    await planner.getByLabel("差し戻す場合の理由").fill(TRAM.comment);
    await planner.getByRole("button", { name: "差し戻す" }).click();
    await planner.waitForURL(`${origin}/staff/plans/${planSlug}`);
    assert.equal(await stateOf(planner, TRAM.title), "差戻し");

    assert.equal(await stateOf(b, TRAM.title), "差戻し", "the department sees it returned");
    await openMeasure(b, TRAM.title);
    assert.ok(await b.getByText(TRAM.comment).isVisible(), "with the comment");
    assert.equal(await narrative(b).inputValue(), TRAM.first, "and their text to fix");
    await narrative(b).fill(TRAM.fixed);
    await b.getByRole("button", { name: "保存して確認に回す" }).click();
    await b.waitForURL(/\?saved=1$/u);
    assert.equal(await stateOf(b, TRAM.title), "確認待ち");
  });

  it("lets the planning division accept the rest and publish the period at once", {
    skip,
  }, async () => {
    const planner = personPage("kikaku");
    for (const title of [TRAM.title, NURSERY.title]) {
      await openMeasure(planner, title);
      await planner.getByRole("button", { name: "確認済にする" }).click();
      await planner.waitForURL(`${origin}/staff/plans/${planSlug}`);
      assert.equal(await stateOf(planner, title), "確認済");
    }
    // Publishing goes through its confirmation: the untouched measures are published marked.
    await planner.getByRole("link", { name: "公表の確認へ進む" }).click();
    await planner.waitForURL(`${origin}/staff/plans/${planSlug}/publish`);
    await planner.getByLabel("「前回から変更なし」として公表する").check();
    await planner.getByLabel("公表日").fill("2014-05-15");
    await planner.getByRole("button", { name: "この内容で公表する" }).click();
    await planner.waitForURL(/\?notice=published$/u);
    assert.equal(await notice(planner), "公表しました。公開サイトに反映されています。");
    assert.ok(
      await planner.getByText("平成26年3月末時点（2014-03-31）: 公表済（2014-05-15）").isVisible(),
    );
  });

  it("shows the public, without a cookie, the new period and on the item page the difference from 2013-09-30", {
    skip,
  }, async () => {
    const overview = await publicPage(planPath);
    assert.match((await overview.locator(".plan-meta").textContent()) ?? "", /平成26年3月末時点/u);
    const changes = overview.getByRole("region", { name: "前回の報告期からの変更" });
    assert.match((await changes.textContent()) ?? "", /平成25年9月末時点（2013-09-30）から/u);
    assert.ok(await changes.getByRole("link", { name: NURSERY.title }).isVisible());

    const item = await publicPage(`${planPath}/items/56`);
    const measure = item.locator(`#measure-${nurseryCode}`);
    assert.ok(
      await measure.getByRole("heading", { name: "進捗状況（平成26年3月末時点）" }).isVisible(),
    );
    assert.equal(
      (await measure.locator("p.narrative").first().textContent())?.trim(),
      NURSERY.resolved,
    );
    assert.match((await measure.locator(".status-line").textContent()) ?? "", /完了/u);
    const latest = measure.locator("ol.history > li").first();
    assert.match((await latest.textContent()) ?? "", /平成26年3月末時点.*前回からの変更/su);
    // What is seen: the text of <del> and <ins> without the words for screen readers.
    const seen = (selector: string) =>
      latest.locator(selector).evaluate((el) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === 3)
          .map((n) => n.textContent)
          .join(""),
      );
    assert.equal(await seen("del"), "を実施中", "the removed words, struck through");
    assert.equal(await seen("ins"), "が完了（4月開所）", "the added words, underlined");
    assert.ok(await latest.locator("del").isVisible());

    const tram = await publicPage(`${planPath}/items/29`);
    assert.ok(((await tram.locator("main").textContent()) ?? "").includes(TRAM.fixed));
  });
});
