import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ImportReportBuilder } from "../import-report.ts";
import { readMeasureRow, readMeasureTitle } from "./measure-row.ts";
import { columnsForYears } from "./table-header.ts";

const FISCAL_YEARS = [2012, 2013];

class RowFailure extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

function fail(line: number, message: string, field?: string): never {
  throw new RowFailure(line, message, field);
}

function read(cells: string[], line = 10) {
  const report = new ImportReportBuilder("report.txt");
  const measures = readMeasureRow(cells, line, columnsForYears(FISCAL_YEARS), report, fail);
  const codes = (level: "warning" | "info") =>
    report.messages.filter((m) => m.level === level).map((m) => m.code);
  return { measures, report, warnings: codes("warning"), infos: codes("info") };
}

// examples/kumamoto-2013-09-30.txt line 27, as split into cells.
const MERGED_ROW = [
  '<ul style="list-style-type: none"> <li>5つの区役所の設置</li> <li>事務権限移譲の円滑化</li> </ul>',
  "供用 引継事務の実施",
  "⇒",
  "平成24年4月1日付けで設置済 熊本県・熊本市事務権限移譲等に関する連絡調整会議において、移譲された事務権限の円滑な処理の確保について協議を実施",
];

describe("readMeasureRow", () => {
  it("makes one measure per <li>, splitting the roadmap cells and the progress between them", () => {
    const { measures, report, warnings, infos } = read(MERGED_ROW, 27);
    assert.deepEqual(measures, [
      {
        code: null,
        title: "5つの区役所の設置",
        line: 27,
        relisting: null,
        roadmap: [
          { fiscalYear: 2012, text: "供用" },
          { fiscalYear: 2013, text: "⇒" },
        ],
        progress: "平成24年4月1日付けで設置済",
      },
      {
        code: null,
        title: "事務権限移譲の円滑化",
        line: 27,
        relisting: null,
        roadmap: [
          { fiscalYear: 2012, text: "引継事務の実施" },
          { fiscalYear: 2013, text: "⇒" },
        ],
        progress:
          "熊本県・熊本市事務権限移譲等に関する連絡調整会議において、移譲された事務権限の円滑な処理の確保について協議を実施",
      },
    ]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(infos, ["merged-progress-split"]);
    assert.equal(report.messages[0]?.line, 27);
    assert.deepEqual(report.furniture, []);
  });

  it("keeps a progress of three parts for two measures whole on the first, with a warning", () => {
    const progress = "調査を実施 結果を公表 次年度に検討";
    const { measures, report, warnings, infos } = read([MERGED_ROW[0] ?? "", "⇒", "⇒", progress]);
    assert.deepEqual(
      measures.map((m) => [m.title, m.progress]),
      [
        ["5つの区役所の設置", progress],
        ["事務権限移譲の円滑化", null],
      ],
    );
    assert.deepEqual(warnings, ["merged-progress-kept-whole"]);
    assert.match(
      report.messages.find((m) => m.level === "warning")?.message ?? "",
      /5つの区役所の設置/u,
    );
    assert.ok(!infos.includes("merged-progress-split"));
  });

  it("repeats a single ⇒ for each measure and says the first year continues an earlier one", () => {
    const { measures, infos } = read([MERGED_ROW[0] ?? "", "⇒", "—", "実施中 実施中"]);
    assert.deepEqual(
      measures.map((m) => m.roadmap),
      [
        [
          { fiscalYear: 2012, text: "⇒" },
          { fiscalYear: 2013, text: "—" },
        ],
        [
          { fiscalYear: 2012, text: "⇒" },
          { fiscalYear: 2013, text: "—" },
        ],
      ],
    );
    assert.equal(infos.filter((c) => c === "continued-before-plan").length, 2);
  });

  it("keeps a roadmap cell that cannot be split whole on the first measure, with a warning", () => {
    const { measures, warnings } = read([MERGED_ROW[0] ?? "", "調査 検討 実施", "⇒ ⇒", "a b"]);
    assert.deepEqual(measures[0]?.roadmap, [
      { fiscalYear: 2012, text: "調査 検討 実施" },
      { fiscalYear: 2013, text: "⇒" },
    ]);
    assert.deepEqual(measures[1]?.roadmap, [{ fiscalYear: 2013, text: "⇒" }]);
    assert.deepEqual(warnings, ["merged-roadmap-kept-whole"]);
  });

  it("reads a bulleted re-listing into its title and the item it re-lists (line 377)", () => {
    const { measures } = read([
      "▪ 高齢者の居住安定化の推進 【No.66再掲】",
      "計画の推進",
      "⇒",
      "平成24年3月に高齢者居住安定確保計画を策定",
    ]);
    assert.equal(measures.length, 1);
    assert.equal(measures[0]?.title, "高齢者の居住安定化の推進");
    assert.deepEqual(measures[0]?.relisting, { itemNumber: 66, measureIndex: -1 });
  });

  it("decodes HTML entities into text and keeps escaped markup as text", () => {
    const { measures } = read([
      "<ul><li>市電&amp;バスの &lt;script&gt;利用促進</li></ul>",
      "検討&nbsp;開始",
      "⇒",
      "&quot;実施中&quot; &#x3042;&#12354;",
    ]);
    assert.equal(measures[0]?.title, "市電&バスの <script>利用促進");
    assert.equal(measures[0]?.roadmap[0]?.text, "検討 開始");
    assert.equal(measures[0]?.progress, '"実施中" ああ');
  });

  it("calls fail with the line and a message naming the cell counts when cells are missing", () => {
    assert.throws(
      () => read(["▪ 熊本城マラソンの開催", "開催", "⇒"], 42),
      (error: unknown) => {
        assert.ok(error instanceof RowFailure);
        assert.equal(error.line, 42);
        assert.match(error.message, /4 個の列/u);
        assert.match(error.message, /3 個です/u);
        return true;
      },
    );
  });

  it("calls fail naming the 取組 field when a title is empty", () => {
    assert.throws(
      () => read(["▪ ", "開催", "⇒", "実施中"], 7),
      (error: unknown) => error instanceof RowFailure && error.line === 7 && error.field === "取組",
    );
  });

  it("records extra leading cells as merged-label furniture and reads the row after them", () => {
    const { measures, report } = read(
      ["2. 交通体系の再デザイン", "37", "▪ 市電の利用促進", "⇒", "⇒", "実施中"],
      138,
    );
    assert.deepEqual(report.furniture, [
      { line: 138, kind: "merged-label", text: "2. 交通体系の再デザイン" },
      { line: 138, kind: "merged-label", text: "37" },
    ]);
    assert.deepEqual(
      measures.map((m) => [m.title, m.progress]),
      [["市電の利用促進", "実施中"]],
    );
  });

  it("leaves empty roadmap cells out and warns when the progress is empty", () => {
    const { measures, warnings } = read(["▪ 公用車のカーシェアリングの導入", "", "実証実験", ""]);
    assert.deepEqual(measures[0]?.roadmap, [{ fiscalYear: 2013, text: "実証実験" }]);
    assert.equal(measures[0]?.progress, null);
    assert.deepEqual(warnings, ["no-progress"]);
  });
});

describe("readMeasureTitle", () => {
  it("takes off the bullet and the 【No.N再掲】 mark", () => {
    assert.deepEqual(readMeasureTitle("▪ タイトル 【No.66再掲】"), {
      title: "タイトル",
      relistingOf: 66,
    });
  });

  it("reads a mark written without a space before it", () => {
    assert.deepEqual(readMeasureTitle("▪ 公用車のカーシェアリングの導入【No.38再掲】"), {
      title: "公用車のカーシェアリングの導入",
      relistingOf: 38,
    });
  });

  it("reads a mark with full-width period and ASCII brackets", () => {
    assert.deepEqual(readMeasureTitle("・MICEの推進 [No．44 再掲]"), {
      title: "MICEの推進",
      relistingOf: 44,
    });
  });

  it("gives null for a title without a mark", () => {
    assert.deepEqual(readMeasureTitle("▪ 保育所整備による待機児童の解消"), {
      title: "保育所整備による待機児童の解消",
      relistingOf: null,
    });
  });
});
