import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { modelReportText } from "../../../test/factories/model-report.ts";
import { PLEDGES } from "../../../test/factories/pledge-list.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { draftItems, type PlanDraft } from "../../domain/plan-draft.ts";
import { classifyCells } from "./line-classifier.ts";
import { readReportText } from "./report-text-reader.ts";

function read(text: string) {
  return readReportText(text.split("\n"), "variant.txt");
}

/** What the checks compare: every measure row with its item, roadmap and progress. */
function measureRows(draft: PlanDraft) {
  return draftItems(draft).flatMap((item) =>
    item.measures.map((m) => ({
      item: item.number,
      title: m.title,
      roadmap: m.roadmap,
      progress: m.progress,
      relisting: m.relisting,
    })),
  );
}

function refusal(text: string): ShinchokuError {
  try {
    read(text);
  } catch (error) {
    assert.ok(error instanceof ShinchokuError, String(error));
    return error;
  }
  return assert.fail("the text was read, not refused");
}

const model = read(modelReportText());
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

const FULL_WIDTH_DIGITS = (s: string) =>
  s.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe("reading the model report written other ways", () => {
  it("reads every <ul><li> list written as ・ bullets into the same 198 measures and progress texts, and names each split row", () => {
    const lists = new Map<number, number>();
    const bulleted = modelReportText()
      .split("\n")
      .map((line, i) =>
        line.replace(/<ul[^>]*>(.*?)<\/ul>/gu, (_, inner: string) => {
          const items = [...inner.matchAll(/<li>(.*?)<\/li>/gu)].map((m) => m[1] ?? "");
          if (items.length > 1) lists.set(i + 1, items.length);
          return items.map((t) => `・${t}`).join(" ");
        }),
      )
      .join("\n");
    assert.ok(!bulleted.includes("<li>"));
    assert.equal(lists.size, 3, "the model has three rows of more than one <li>");

    const { draft, report } = read(bulleted);
    assert.equal(measureRows(draft).length, 198);
    assert.deepEqual(measureRows(draft), measureRows(model.draft));
    const splits = report.messages.filter((m) => m.code === "bullet-row-split");
    assert.deepEqual(
      splits.map((m) => m.line),
      [...lists.keys()],
    );
    assert.match(
      splits[0]?.message ?? "",
      /2 件の取組.*「5つの区役所の設置」「事務権限移譲の円滑化」/u,
    );
  });

  it("reads full-width item numbers, years, dates and re-listing marks as their digits and keeps the printed titles", () => {
    const wide = modelReportText()
      .split("\n")
      .map((line) =>
        line
          // An item line's number (`１２`), as a later Kumamoto report prints it.
          .replace(
            /^(\t*)(\d{1,3})\t/u,
            (_, tabs: string, n: string) => `${tabs}${FULL_WIDTH_DIGITS(n)}\t`,
          )
          .replace(
            /^(\t+)(\d{1,3})(\t[ア-ン]\.)/u,
            (_, tabs: string, n: string, rest: string) => `${tabs}${FULL_WIDTH_DIGITS(n)}${rest}`,
          )
          .replace(/^(\d)\. /u, (_, n: string) => `${FULL_WIDTH_DIGITS(n)}. `)
          .replace(
            /\t24\(年度\)\t25\t進捗状況\(平成25年9月末時点\)/u,
            "\t２４(年度)\t２５\t進捗状況（平成２５年９月末時点）",
          )
          .replace(/【No\.(\d+)再掲】/gu, (_, n: string) => `【No.${FULL_WIDTH_DIGITS(n)}再掲】`),
      )
      .join("\n")
      .replace("(平成 25 年 9 月末時点)", "(平成 ２５ 年 ９ 月末時点)");
    assert.match(wide, /^１２\tウ\. 東京事務所の強化/mu);
    assert.match(wide, /^\t１８\tア\./mu);
    assert.match(wide, /【No\.３１再掲】/u);

    const { draft } = read(wide);
    const numbers = draftItems(draft).flatMap((i) => (i.number === null ? [] : [i.number]));
    assert.deepEqual(
      numbers,
      Array.from({ length: 130 }, (_, i) => i + 1),
    );
    assert.deepEqual(draft.fiscalYears, [2012, 2013]);
    assert.equal(draft.period.asOf, "2013-09-30");
    assert.deepEqual(measureRows(draft), measureRows(model.draft));
    assert.deepEqual(
      draft.pillars[0]?.children.map((a) => a.title),
      ["市役所の再デザイン", "交通体系の再デザイン", "中心市街地の再デザイン"],
    );
    assert.equal(
      draft.pillars[0]?.children[0]?.children[0]?.label,
      "①",
      "circled numbers stay circled",
    );
  });

  it("reads an item number written No.１２ and a half-width katakana label", () => {
    assert.deepEqual(classifyCells(["No.１２", "ｳ. 東京事務所の強化"]), {
      kind: "item",
      number: 12,
      label: "ウ",
      title: "東京事務所の強化",
      before: [],
    });
  });

  it("takes a cover title printed like the page title as the plan's title", () => {
    const text = modelReportText().replace(
      "挑戦元年アクションプラン\n\n(行程表)\n\n進捗状況\n",
      "挑戦元年アクションプラン(行程表)進捗状況\n",
    );
    assert.equal(text.split("\n")[2], "挑戦元年アクションプラン(行程表)進捗状況");
    const { draft, report } = read(text);
    assert.equal(draft.title, "挑戦元年アクションプラン");
    assert.equal(measureRows(draft).length, 198);
    assert.ok(
      report.furniture.some(
        (f) =>
          f.kind === "title-page" &&
          f.line === 3 &&
          f.text === "挑戦元年アクションプラン(行程表)進捗状況",
      ),
    );
  });

  it("takes a cover title equal to the page title as the plan's title without a table of contents", () => {
    const lines = modelReportText().split("\n");
    const toc = lines.findIndex((l) => l.startsWith("## 目"));
    const body = lines.slice(lines.findIndex((l, i) => i > toc && l.startsWith("挑戦元年")));
    const text = [
      "挑戦元年アクションプラン(行程表)進捗状況",
      "(平成 25 年 9 月末時点)",
      "",
      ...body,
    ].join("\n");
    const { draft } = read(text);
    assert.equal(draft.title, "挑戦元年アクションプラン");
    assert.equal(draft.period.asOf, "2013-09-30");
  });
});

describe("reading extra columns by their headings", () => {
  it("reads a pledge list's 評価 as the rating, 評価理由 as the progress and 部局 as the department, full-width numbers included", () => {
    const { draft, report } = read(PLEDGES);
    assert.equal(draft.title, "重点施策の評価結果");
    assert.deepEqual(draft.fiscalYears, [2017]);
    assert.deepEqual(
      draftItems(draft).map((i) => [i.number, i.title]),
      [
        [1, "防災力の強化"],
        [2, "子育て支援の充実"],
        [12, "企業誘致の推進"],
      ],
    );
    const measures = draftItems(draft).flatMap((i) => i.measures);
    assert.deepEqual(
      measures.map((m) => [m.title, m.rating, m.progress, m.department, m.roadmap]),
      [
        ["自主防災組織の結成促進", "A", "結成率が目標の90%を上回った", "危機管理部", []],
        ["避難所の耐震化", "B", "工事の一部が翌年度に繰り越された", "総務部", []],
        ["保育所の整備", "C", "用地の確保が遅れている", "こども未来部", []],
        ["放課後児童クラブの拡充", "A", "待機児童が解消された", null, []],
        ["企業立地の促進", "B", "誘致件数は目標の8割", null, []],
      ],
    );
    const notStored = report.messages.filter((m) => m.code.endsWith("-not-stored"));
    assert.ok(notStored.every((m) => m.level === "warning"));
    assert.deepEqual(
      notStored.map((m) => [m.line, m.message]),
      [
        [9, "H29評価列の値は保存されません: 行 9 「A」"],
        [10, "H29評価列の値は保存されません: 行 10 「B」"],
        [12, "H29評価列の値は保存されません: 行 12 「C」"],
        [13, "H29評価列の値は保存されません: 行 13 「A」"],
        [16, "H29評価列の値は保存されません: 行 16 「B」"],
      ],
    );
    assert.ok(report.messages.some((m) => m.code === "no-fiscal-year-columns" && m.line === 6));
  });

  it("reads a 担当課 column after 進捗状況 in the model report by its heading, never shifting the cells", () => {
    const withDepartment = modelReportText()
      .split("\n")
      .map((line) => {
        if (/^区分、No\.\t項目/u.test(line)) return `${line.replace(/\t+$/u, "")}\t担当課`;
        if (line.includes("熊本城マラソンの開催\t開催")) return `${line}\tスポーツ振興課`;
        return line;
      })
      .join("\n");
    const { draft, report } = read(withDepartment);
    assert.deepEqual(measureRows(draft), measureRows(model.draft));
    const marathon = draftItems(draft)
      .flatMap((i) => i.measures)
      .find((m) => m.title === "熊本城マラソンの開催");
    assert.equal(marathon?.department, "スポーツ振興課");
    assert.equal(marathon?.progress?.startsWith("ランナー及びボランティア"), true);
    assert.equal(report.messages.filter((m) => m.code.endsWith("-not-stored")).length, 0);
  });

  it("refuses an unknown heading with its line and text", () => {
    const text = PLEDGES.replace("\t部局", "\t備考");
    const error = refusal(text);
    assert.equal(error.location.line, 6);
    assert.equal(error.location.file, "variant.txt");
    assert.match(error.message, /「備考」/u);
  });

  it("refuses a row with one cell more than its header, as the reshaped pledge list had, instead of shifting it", () => {
    // The header kept only four columns; the rows kept their 部局.
    const text = PLEDGES.replace(
      "区分、No.\t政策項目\tH29評価\t評価理由\t部局",
      "区分、No.\t項目\t29(年度)\t進捗状況",
    );
    const error = refusal(text);
    assert.equal(error.location.line, 9);
    assert.match(error.message, /1 個多く/u);
    assert.match(error.message, /「・自主防災組織の結成促進」/u);
  });

  it("refuses a row missing a cell that is not a trailing 部局 or 評価", () => {
    const text = PLEDGES.replace(
      "\t・保育所の整備\tC\t用地の確保が遅れている\tこども未来部",
      "\t・保育所の整備\tC",
    );
    const error = refusal(text);
    assert.equal(error.location.line, 12);
    assert.match(error.message, /4 個の列/u);
  });

  it("refuses a later page whose header names other columns", () => {
    const text = modelReportText().replace(
      "区分、No.\t項目\t24(年度)\t25\t進捗状況(平成25年9月末時点)\n④. 高齢者",
      "区分、No.\t項目\t24(年度)\t25\t進捗状況(平成25年9月末時点)\t部局\n④. 高齢者",
    );
    const error = refusal(text);
    assert.equal(error.location.line, lineOf(text, "\t部局"));
    assert.match(error.message, /最初の見出し行/u);
  });
});
