import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ShinchokuError } from "../../domain/errors.ts";
import { unifyLookAlikes } from "./look-alike-characters.ts";
import type { PdfPage, TextRun } from "./pdf-words.ts";
import { layOutTable } from "./table-layout.ts";
import { joinWrappedLines } from "./wrapped-lines.ts";

const SIZE = 9;
/** A run of `text` at x, baseline y, as wide as its characters at 9 pt. */
const run = (x: number, y: number, text: string, size = SIZE): TextRun => ({
  x,
  y,
  width: [...text].length * size,
  size,
  text,
});
const page = (number: number, runs: TextRun[]): PdfPage => ({
  number,
  width: 842,
  height: 595,
  runs,
});

// Columns: No. at 30, 項目 at 80, two years at 300 and 380, 進捗状況 at 460 (to 800). The
// header cells are centered, as in most printed reports; the body is set from the left edges.
const header = (y: number) => [
  run(40, y, "No."),
  run(160, y, "項目"),
  run(315, y, "2012年度"),
  run(395, y, "2013年度"),
  run(600, y, "進捗状況"),
  run(570, y + 11, "(平成25年9月末時点)"),
];

describe("the table layout of a report PDF", () => {
  it("takes each column's start from the body cells in the gap, not from a centered header", () => {
    const { header: found, rows } = layOutTable(
      [
        page(1, [
          ...header(40),
          run(32, 70, "1"),
          run(80, 70, "ア. 項目名"),
          run(80, 88, "・取組"),
          run(300, 88, "供用"),
          run(380, 88, "⇒"),
          run(460, 88, "設置済"),
        ]),
      ],
      "t.pdf",
    );
    assert.deepEqual(found.cells, [
      "No.",
      "項目",
      "2012年度",
      "2013年度",
      "進捗状況(平成25年9月末時点)",
    ]);
    assert.deepEqual(
      rows.map((r) => r.cells.map((c) => c.join("|"))),
      [
        ["1", "ア. 項目名", "", "", ""],
        ["", "・取組", "供用", "⇒", "設置済"],
      ],
    );
  });

  it("joins a cell's wrapped lines and starts a row after a wider gap", () => {
    const { rows } = layOutTable(
      [
        page(1, [
          ...header(40),
          run(80, 70, "・長い取組の"),
          run(80, 80.5, "名前"),
          run(460, 70, "第一の文で"),
          run(460, 80.5, "ある"),
          run(460, 91, "続き"),
          run(80, 108, "・次の取組"),
          run(460, 108, "次"),
        ]),
      ],
      "t.pdf",
    );
    assert.deepEqual(
      rows.map((r) => [r.cells[1]?.join("|"), r.cells[4]?.join("|")]),
      [
        ["・長い取組の名前", "第一の文である続き"],
        ["・次の取組", "次"],
      ],
    );
  });

  it("splits a title cell of several bullets, and cuts the other cells level with them", () => {
    const { rows } = layOutTable(
      [
        page(1, [
          ...header(40),
          run(80, 70, "・一つ目の取組で"),
          run(80, 80.5, "長いもの"),
          run(80, 91, "・二つ目"),
          run(300, 70, "供用"),
          run(300, 91, "実施"),
          run(460, 70, "設置済"),
          run(460, 80.5, "の続き"),
          run(460, 91, "実施中"),
          run(80, 120, "・別の行の取組"),
          run(460, 120, "別"),
        ]),
      ],
      "t.pdf",
    );
    assert.deepEqual(rows[0]?.cells, [
      [""],
      ["・一つ目の取組で長いもの", "・二つ目"],
      ["供用", "実施"],
      [""],
      ["設置済の続き", "実施中"],
    ]);
    assert.deepEqual(rows[1]?.cells[1], ["・別の行の取組"]);
  });

  it("drops the running title, the repeated header and the page numbers, and keeps the cover", () => {
    const body = (y: number, text: string) => [run(80, y, `・${text}`), run(460, y, "済")];
    const layout = layOutTable(
      [
        page(1, [
          run(300, 20, "計画(行程表)進捗状況", 8),
          run(300, 80, "挑戦計画"),
          run(300, 100, "(平成25年9月末時点)"),
          run(420, 570, "1 / 3", 8),
        ]),
        page(2, [
          run(300, 20, "計画(行程表)進捗状況", 8),
          ...header(40),
          ...body(70, "取組A"),
          run(420, 570, "2 / 3", 8),
        ]),
        page(3, [
          run(300, 20, "計画(行程表)進捗状況", 8),
          ...header(40),
          ...body(70, "取組B"),
          run(420, 570, "3 / 3", 8),
        ]),
      ],
      "t.pdf",
    );
    assert.deepEqual(
      layout.preamble.map((l) => l.text),
      ["挑戦計画", "(平成25年9月末時点)"],
    );
    assert.deepEqual(
      layout.rows.map((r) => [r.page, r.cells[1]?.join("")]),
      [
        [2, "・取組A"],
        [3, "・取組B"],
      ],
    );
    assert.deepEqual(
      layout.furniture.map((f) => [f.page, f.kind, f.text]),
      [
        [1, "page-title", "計画(行程表)進捗状況"],
        [1, "page-title", "1 / 3"],
        [2, "page-title", "計画(行程表)進捗状況"],
        [2, "footer", "2 / 3"],
        [3, "page-title", "計画(行程表)進捗状況"],
        [3, "table-header", "No. / 項目 / 2012年度 / 2013年度 / 進捗状況(平成25年9月末時点)"],
        [3, "footer", "3 / 3"],
      ],
    );
  });

  it("refuses a page whose header has other columns than the first, naming the page", () => {
    const other = header(40).map((r) => (r.text === "2013年度" ? { ...r, text: "2014年度" } : r));
    assert.throws(
      () => layOutTable([page(1, header(40)), page(2, other)], "t.pdf"),
      (error) =>
        error instanceof ShinchokuError &&
        error.location.file === "t.pdf" &&
        /^2 ページの表の見出し/u.test(error.message),
    );
  });

  it("refuses text with no header row of 項目 and 進捗状況", () => {
    assert.throws(
      () => layOutTable([page(1, [run(30, 40, "議事録"), run(30, 60, "出席者")])], "t.pdf"),
      /表の見出し行（「項目」「進捗状況」の列）が見つかりません/u,
    );
  });
});

describe("wrapped lines and look-alike characters", () => {
  it("joins Japanese lines without a space and Latin words with one", () => {
    assert.equal(
      joinWrappedLines(["熊本県と連携し", "た首都圏での", "PRに取り組む"]),
      "熊本県と連携した首都圏でのPRに取り組む",
    );
    assert.equal(joinWrappedLines(["NEXCO", "West"]), "NEXCO West");
  });

  it("reads the radicals a font's ToUnicode names as the ideographs they were printed for", () => {
    assert.equal(
      unifyLookAlikes("平成25年9⽉末 ⻑期 全⼾ ⻄区 市⺠ ̶"),
      "平成25年9月末 長期 全戸 西区 市民 —",
    );
    assert.equal(unifyLookAlikes("工事\u0000施"), "工事〓施");
  });
});
