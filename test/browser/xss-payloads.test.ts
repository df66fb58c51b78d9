/**
 * The attack suite's XSS part (issue 7): script-looking text carried through every way text gets
 * in — the report-text import, the CSV import, the XLSX import, the staff forms and the JSON API
 * — and opened in Debian's Chromium on every public and staff page where it shows. On each page:
 * no dialog opened, `window.__xss` never set, no CSP violation (which would mean injected markup
 * reached the parser as markup), no `javascript:` link, and every payload visible as text.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openPeriod } from "../../src/commands/cycle/period-opener.ts";
import { measurePlacements } from "../../src/domain/plan-tree.ts";
import { toCsv } from "../../src/export/csv-table.ts";
import { MEASURES_CSV_HEADER, measuresCsv } from "../../src/export/measures-csv.ts";
import { planXlsx } from "../../src/export/plan-xlsx.ts";
import { roadmapCsv } from "../../src/export/roadmap-csv.ts";
import { unquoteSpreadsheetText } from "../../src/export/spreadsheet-text.ts";
import { importPlanCsv } from "../../src/import/plan-csv/plan-csv-importer.ts";
import { importPlanWorkbook } from "../../src/import/plan-xlsx/plan-workbook-importer.ts";
import { workbookSheets } from "../../src/import/plan-xlsx/plan-workbook-reader.ts";
import { importReportBytes } from "../../src/import/report-importer.ts";
import { loadPlanTree } from "../../src/store/queries/plan-tree-query.ts";
import { createApp } from "../../src/web/app.ts";
import { startAppServer } from "../app-server.ts";
import { CHROMIUM, launchBrowser } from "../browser.ts";
import { apiFixture, bearer } from "../factories/api-tokens.ts";
import { KUMAMOTO, modelReportText } from "../factories/model-report.ts";
import { PASSWORD } from "../factories/staff.ts";
import { csrfOf, signedIn } from "../factories/staff-client.ts";
import { columnLetter, editWorkbook } from "../factories/workbook-edits.ts";
import { freshStore } from "../store-targets.ts";

/** Each would set `window.__xss` (or open a dialog) if it ran. */
const PAYLOADS = [
  "<script>window.__xss=1</script>",
  '"><img src=x onerror="window.__xss=1">',
  "<svg onload=window.__xss=1>",
  "javascript:window.__xss=1",
  "</title><script>window.__xss=1</script>",
  "' \" ` onmouseover=window.__xss=1 x='",
  "{{constructor.constructor('window.__xss=1')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a template placeholder as plain text
  "${window.__xss=1}",
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '<a href="javascript:alert(1)">リンク</a>',
];

/** A payload with a marker of its field, so that each (payload, field) pair is found on its own. */
const marked = (field: string, i: number) => `［${field}${i}］${PAYLOADS[i]}`;

const browser: Browser | null = await launchBrowser(
  "XSS payloads in Chromium (test/browser/xss-payloads.test.ts)",
);
const skip = browser ? false : `Chromium がありません（${CHROMIUM}）`;

describe("script-looking text in every text field, in a browser", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let slug: string;
  let csvSlug: string;
  /** Where each field's payloads show: page path → the texts that must be visible on it. */
  const pages = new Map<string, string[]>();
  /** Pages that need a staff session (the planning division's). */
  const staffPages = new Set<string>();
  const contexts: BrowserContext[] = [];
  let measureTitles: string[] = [];
  const expect = (path: string, texts: string[], staff = false) => {
    pages.set(path, [...(pages.get(path) ?? []), ...texts]);
    if (staff) staffPages.add(path);
  };

  before(async () => {
    if (!browser) return;
    store = await freshStore("sqlite");

    // 1. The report text: a payload in the title, the first roadmap cell and the narrative of the
    // first measures of the report. Items, accounts and departments come from the factory.
    const measureLines = [
      ...modelReportText().matchAll(/^\t+▪ ([^\t\n]+)\t([^\t\n]+)\t([^\t\n]+)\t([^\t\n]+)$/gmu),
    ]
      .filter((m) => !/^[⇒—]/u.test(m[2] ?? ""))
      .slice(0, PAYLOADS.length);
    let report = modelReportText();
    for (const [i, m] of measureLines.entries()) {
      const indent = /^\t+/u.exec(m[0])?.[0] ?? "\t";
      report = report.replace(
        m[0],
        `${indent}▪ ${m[1]}${marked("取組", i)}\t${m[2]}${marked("行程", i)}\t${m[3]}\t${m[4]}${marked("進捗", i)}`,
      );
    }
    const fixture = await apiFixture(store, { open: false });
    slug = fixture.planSlug;
    // apiFixture imported the model report; the payload report is a later one of the same plan.
    const later = report
      .replace("(平成 25 年 9 月末時点)", "(平成 25 年 10 月末時点)")
      .replaceAll("進捗状況(平成25年9月末時点)", "進捗状況(平成25年10月末時点)");
    const { planSlug: laterSlug } = await importReportBytes(
      store,
      new TextEncoder().encode(later),
      "report.txt",
      { organization: KUMAMOTO },
    );
    assert.equal(laterSlug, slug, "the payload report is a later report of the same plan");
    const tree = await loadPlanTree(store.db, slug);
    assert.ok(tree);
    // The report reader turns HTML fragments of the extracted text into text (tags dropped), so
    // what must show is what was stored, marker and all; the other paths keep tags as typed.
    const reportTexts = new Map<number, string[]>();
    for (const { item, measure } of measurePlacements(tree)) {
      const texts = [
        measure.title,
        measure.progress?.narrative ?? "",
        ...measure.roadmap.map((e) => e.text),
      ].filter((t) => /［(取組|行程|進捗)\d+］/u.test(t));
      if (texts.length > 0 && item.number !== null)
        reportTexts.set(item.number, [...(reportTexts.get(item.number) ?? []), ...texts]);
    }
    assert.equal([...reportTexts.values()].flat().length, PAYLOADS.length * 3);
    expect(`/plans/${slug}/report`, [...reportTexts.values()].flat());
    expect(`/plans/${slug}`, []);
    // The measure list has 50 a page: the payload titles are found across its pages.
    measureTitles = [...reportTexts.values()].flat().filter((t) => t.includes("［取組"));
    for (let n = 1; n <= 5; n++) expect(`/plans/${slug}/measures?page=${n}`, []);
    for (const [n, texts] of reportTexts)
      expect(
        `/plans/${slug}/items/${n}`,
        texts.filter((t) => !t.includes("［行程")),
      );
    for (const p of PAYLOADS) expect(`/plans/${slug}/search?q=${encodeURIComponent(p)}`, [p]);

    // 2. The CSV import: the plan's own CSV, as another city, with payloads in the group, item,
    // measure and plan names.
    const csvRows = (parse(measuresCsv(tree), { bom: true, from_line: 2 }) as string[][]).map(
      (row) => row.map(unquoteSpreadsheetText),
    );
    const at = (h: string) => MEASURES_CSV_HEADER.indexOf(h as never);
    for (const row of csvRows) {
      row[at("全国地方公共団体コード")] = "141003";
      row[at("地方公共団体名")] = `横浜市${PAYLOADS[0]}`;
      row[at("計画名")] = `CSV計画${PAYLOADS[4]}`;
      const pillar = Number(row[at("柱番号")]);
      row[at("柱")] = `${row[at("柱")]}${marked("柱", (pillar - 1) % PAYLOADS.length)}`;
      const item = Number(row[at("項目番号")]);
      if (item >= 1 && item <= PAYLOADS.length)
        row[at("項目")] = `${row[at("項目")]}${marked("項目", item - 1)}`;
    }
    const csv = toCsv(MEASURES_CSV_HEADER, csvRows);
    const imported = await importPlanCsv(
      store,
      { bytes: new TextEncoder().encode(csv), file: "measures.csv" },
      { bytes: new TextEncoder().encode(roadmapCsv(tree)), file: "roadmap.csv" },
    );
    csvSlug = imported.planSlug;
    expect(`/plans/${csvSlug}/report`, [
      ...PAYLOADS.map((_, i) => marked("項目", i)),
      ...[0, 1, 2].map((i) => marked("柱", i)),
      `CSV計画${PAYLOADS[4]}`,
    ]);
    expect("/", [`横浜市${PAYLOADS[0]}`, `CSV計画${PAYLOADS[4]}`]);

    // 3. The reporting cycle: an open period, then drafts through the workbook, the API and the forms.
    await openPeriod(store, fixture.staff.planner, {
      planSlug: slug,
      asOf: "2014-03-31",
      deadline: null,
    });
    const app = createApp(store);
    const planner = await signedIn(app, "planner", PASSWORD);

    // 3a. The XLSX import: a department's narrative of its item 56 measure.
    const nurseryCode = fixture.codes.nursery;
    const xlsx = await planXlsx((await loadPlanTree(store.db, slug)) as NonNullable<typeof tree>);
    const sheet = (await workbookSheets(xlsx, "plan.xlsx")).get("取組") ?? [];
    const rowNumber = sheet.findIndex((r) => r[0] === nurseryCode) + 1;
    const column = columnLetter((sheet[0] ?? []).indexOf("【記入】進捗状況"));
    const edited = editWorkbook(xlsx, "xl/worksheets/sheet1.xml", [
      { cell: `${column}${rowNumber}`, text: PAYLOADS.map((_, i) => marked("Excel", i)).join(" ") },
    ]);
    const xlsxReport = await importPlanWorkbook(store, edited, "plan.xlsx", fixture.staff.nursery);
    assert.equal(
      xlsxReport.counts.changed,
      1,
      JSON.stringify(xlsxReport.rows.filter((r) => r.refusal)),
    );
    const measurePage = (code: string) => `/staff/plans/${slug}/measures/${code}`;
    expect(
      measurePage(nurseryCode),
      PAYLOADS.map((_, i) => marked("Excel", i)),
      true,
    );

    // 3b. The JSON API with a department's token: item 25's measure.
    const transportCode = fixture.codes.transport;
    const draftPath = `/api/v1/plans/${slug}/measures/${transportCode}/draft`;
    const draft = (await (
      await app.request(draftPath, bearer(fixture.tokens.transport))
    ).json()) as {
      version: number;
    };
    const put = await app.request(
      draftPath,
      bearer(fixture.tokens.transport, "PUT", {
        narrative: PAYLOADS.map((_, i) => marked("API", i)).join(" "),
        statusCode: null,
        expectedVersion: draft.version,
      }),
    );
    assert.equal(put.status, 200, await put.clone().text());
    expect(
      measurePage(transportCode),
      PAYLOADS.map((_, i) => marked("API", i)),
      true,
    );

    // 3c. The staff forms: a narrative, a return comment, a roadmap revision, a department name.
    const formCode = fixture.codes.nursery.replace(/\d+$/u, (d) =>
      String(Number(d) + 1).padStart(d.length, "0"),
    );
    const formPage = await (await planner.get(measurePage(formCode))).text();
    const version = /name="version" value="(\d+)"/u.exec(formPage)?.[1] ?? "0";
    const saved = await planner.post(measurePage(formCode), {
      _csrf: csrfOf(formPage),
      narrative: PAYLOADS.map((_, i) => marked("入力", i)).join(" "),
      statusCode: "",
      version,
    });
    assert.equal(saved.status, 303, "the narrative is saved");
    const reviewPage = await (await planner.get(measurePage(formCode))).text();
    const versions = [...reviewPage.matchAll(/name="version" value="(\d+)"/gu)].map((m) => m[1]);
    const returned = await planner.post(`${measurePage(formCode)}/review`, {
      _csrf: csrfOf(reviewPage),
      decision: "return",
      comment: PAYLOADS.map((_, i) => marked("差戻し", i)).join(" "),
      version: versions.at(-1) ?? "0",
    });
    assert.equal(returned.status, 303, "the measure is returned with a comment");
    const revised = await planner.post(`${measurePage(formCode)}/roadmap`, {
      _csrf: csrfOf(reviewPage),
      "roadmap-2013": PAYLOADS.map((_, i) => marked("改定", i)).join(" "),
    });
    assert.equal(revised.status, 303, "the roadmap cell is revised");
    expect(
      measurePage(formCode),
      PAYLOADS.flatMap((_, i) => [marked("入力", i), marked("差戻し", i), marked("改定", i)]),
      true,
    );
    // Departments are created by an administrator on their page, then assigned by the planner.
    const admin = await signedIn(app, "admin", PASSWORD);
    const createForm = await (await admin.get("/staff/departments")).text();
    for (const [i] of PAYLOADS.entries()) {
      const created = await admin.post("/staff/departments", {
        _csrf: csrfOf(createForm),
        name: `課${i}${PAYLOADS[i]}`.slice(0, 100),
      });
      assert.equal(created.status, 303, `department ${i} created`);
    }
    const departmentsPath = `/staff/plans/${slug}/departments`;
    const departmentsForm = await (await planner.get(departmentsPath)).text();
    for (const [i] of PAYLOADS.entries()) {
      const assigned = await planner.post(departmentsPath, {
        _csrf: csrfOf(departmentsForm),
        department: `課${i}${PAYLOADS[i]}`.slice(0, 100),
        items: String(100 + i),
        role: "lead",
      });
      assert.equal(assigned.status, 303, `department ${i}`);
    }
    const departmentNames = PAYLOADS.map((p, i) => `課${i}${p}`);
    expect(departmentsPath, departmentNames, true);
    expect("/staff/departments", departmentNames, true);
    expect(`/staff/plans/${slug}/board`, departmentNames, true);
    expect(`/staff/plans/${slug}`, [], true);
    // The audit page shows narratives as a character diff: checked for script, not for whole texts.
    expect("/staff/audit", [], true);

    server = await startAppServer(store);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await store?.dispose();
  });

  /** A fresh browser context that records dialogs and CSP reports, signed in when asked. */
  async function visitor(signedInAs?: string): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser);
    const context = await browser.newContext({ locale: "ja-JP" });
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("dialog", async (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/iu.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    if (signedInAs) {
      await page.goto(`${server.origin}/staff/login`);
      await page.getByLabel("ログイン名").fill(signedInAs);
      await page.getByLabel("パスワード").fill(PASSWORD);
      await page.getByRole("button", { name: "ログイン" }).click();
      await page.waitForURL(`${server.origin}/staff`);
    }
    return { page, problems };
  }

  it("runs no script from any payload on any page and shows every payload as text", {
    skip,
  }, async () => {
    const publicVisitor = await visitor();
    const staffVisitor = await visitor("admin");
    let tried = 0;
    let listText = "";
    for (const [path, texts] of pages) {
      const { page, problems } = staffPages.has(path) ? staffVisitor : publicVisitor;
      problems.length = 0;
      const response = await page.goto(`${server.origin}${path}`);
      assert.equal(response?.status(), 200, path);
      assert.equal(await page.evaluate("typeof window.__xss"), "undefined", path);
      // An attribute breaker would leave an event handler on some element, to run on a hover.
      assert.deepEqual(
        await page.evaluate(
          "[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'))",
        ),
        [],
        `${path}: no event handler attribute`,
      );
      assert.deepEqual(problems, [], `${path}: no dialog, CSP report or error`);
      assert.equal(
        await page.locator('[href^="javascript:" i], [src^="javascript:" i]').count(),
        0,
        path,
      );
      assert.equal(await page.locator("script, iframe, object, embed, [srcdoc]").count(), 0, path);
      // Text shows in the page or, on a form, as the value of its field.
      const text = `${await page.locator("body").innerText()}\n${await page.evaluate(
        "[...document.querySelectorAll('textarea, input')].map((e) => e.value).join('\\n')",
      )}`;
      if (path.startsWith(`/plans/${slug}/measures?`)) listText += text;
      for (const expected of texts) {
        assert.ok(text.includes(expected), `${path} shows as text: ${expected}`);
        tried++;
      }
      if (texts.some((t) => t.includes("<script>")))
        assert.ok(await page.getByText("<script>", { exact: false }).first().isVisible(), path);
      // The title is text too: a </title> in a value does not end it, the page's <h1> stays in the body.
      assert.equal(await page.locator("head title").count(), 1, `${path}: one title`);
      assert.equal(await page.locator("body h1").count(), 1, `${path}: one h1, in the body`);
    }
    for (const title of measureTitles) {
      assert.ok(listText.includes(title), `the measure list shows as text: ${title}`);
      tried++;
    }
    console.log(
      `XSS: ${PAYLOADS.length} payloads, ${tried} payload × field × page checks on ${pages.size} pages`,
    );
    assert.ok(tried >= PAYLOADS.length * 10, `enough checks (${tried})`);
  });
});
