import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { extractFigures } from "./figure-extractor.ts";

const LABELS = new URL("../../examples/status-labels.tsv", import.meta.url);
const figure = (narrative: string) => {
  const found = extractFigures(narrative);
  assert.equal(found.length, 1, `one figure in ${narrative}: ${JSON.stringify(found)}`);
  const [only] = found;
  assert.ok(only);
  return only;
};

describe("extractFigures", () => {
  it("reads 35電停中19電停 as 19 of 35 電停", () => {
    const narrative = "電停改良については35電停中19電停が改良済";
    assert.deepEqual(extractFigures(narrative), [
      { text: "35電停中19電停", value: 19, total: 35, unit: "電停", start: 9, end: 18 },
    ]);
  });

  it("reads 235(904自治会中) as 235 of 904 自治会", () => {
    const found = figure("申請済自治会等は235(904自治会中)、内ワークショップ終了は");
    assert.deepEqual([found.value, found.total, found.unit], [235, 904, "自治会"]);
    assert.equal(found.text, "235(904自治会中)");
  });

  it("reads commas, kanji multipliers and qualifiers: 6,441人, 3万1千人以上, 約935m", () => {
    assert.deepEqual(figure("計画の結果6,441人となり"), {
      text: "6,441人",
      value: 6441,
      unit: "人",
      start: 5,
      end: 11,
    });
    const many = figure("認知症サポーターを累計で、3万1千人以上認定済");
    assert.deepEqual(
      [many.value, many.unit, many.qualifier, many.text],
      [31000, "人", "以上", "3万1千人以上"],
    );
    const length = figure("実績は延長約935m");
    assert.deepEqual([length.value, length.unit, length.qualifier], [935, "m", "約"]);
    assert.equal(figure("1,000千円を助成").value, 1_000_000);
    assert.equal(figure("2.5万人").value, 25_000);
    assert.deepEqual(
      extractFigures("8月23,24日の3回目の会議に3,456人").map((f) => f.text),
      ["3,456人"],
    );
  });

  it("reads counters: 5,500時間, 10ヶ所, 2台, 3箇所, 21校, 81校区", () => {
    const read = (n: string) => {
      const f = figure(n);
      return `${f.value}${f.unit ?? ""}`;
    };
    assert.equal(read("活動時間5,500時間に拡充"), "5500時間");
    assert.equal(read("新設含む10ヶ所の保育所整備"), "10ヶ所");
    assert.equal(read("プラグインハイブリッド車2台を使用"), "2台");
    assert.equal(read("救急ワークステーションを3箇所で開催中"), "3箇所");
    assert.equal(read("拠点中学校21校に配置"), "21校");
    assert.equal(read("地域組織による訪問も81校区で実施"), "81校区");
    assert.equal(read("SSWは5人体制"), "5人");
  });

  it("reads full-width digits as numbers", () => {
    const found = figure("障がい者住宅整備助成について２件助成済");
    assert.deepEqual([found.value, found.unit, found.text], [2, "件", "２件"]);
    assert.equal(figure("３５電停中１９電停").total, 35);
  });

  it("does not take dates, times or ordinals for figures", () => {
    assert.deepEqual(extractFigures("平成25年9月から平成26年2月にかけて開催"), []);
    assert.deepEqual(extractFigures("平成24年4月1日付けで設置済 H25年4月新規開設"), []);
    assert.deepEqual(extractFigures("MICE誘致推進機構第2回総会 第3子以降"), []);
    assert.deepEqual(extractFigures("平成25年8月23、24日に実施 9、10月に講座"), []);
    assert.deepEqual(extractFigures("国道3号植木バイパス 10時30分開始"), []);
    assert.deepEqual(extractFigures("小学校3年生までの医療費"), []);
  });

  it("keeps the counts beside dates: 5月と8月の2回, 平成25年度3回実施予定", () => {
    assert.deepEqual(
      extractFigures("委員会を5月と8月の2回開催 平成25年度3回実施予定").map((f) => f.text),
      ["2回", "3回"],
    );
  });

  it("gives each figure's place in the narrative", () => {
    const narrative = "SSWは5人体制、活動時間5,500時間に拡充 SCは拠点中学校21校に配置";
    for (const f of extractFigures(narrative))
      assert.equal(narrative.slice(f.start, f.end), f.text);
    assert.equal(extractFigures(narrative).length, 3);
  });
});

/** A labelled figure as written in examples/status-labels.tsv: 19/35電停, 約935m, 31000人以上. */
function parseLabel(label: string) {
  const m = /^(約)?([0-9.]+)(?:\/([0-9.]+))?(.*?)(以上|以下|未満)?$/u.exec(label);
  assert.ok(m, `a figure label: ${label}`);
  return { value: Number(m[2]), total: m[3] === undefined ? undefined : Number(m[3]) };
}

describe("figure recall on the labelled model report", () => {
  it("proposes, with the same value, at least 80% of the figures a person read", () => {
    const rows = readFileSync(LABELS, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => line.split("\t"));
    let labelled = 0;
    let proposed = 0;
    for (const [, , narrative = "", , figures = ""] of rows) {
      const found = extractFigures(narrative);
      for (const label of figures.split("; ").filter(Boolean)) {
        labelled++;
        const { value, total } = parseLabel(label);
        const at = found.findIndex(
          (f) => f.value === value && (total === undefined || f.total === total),
        );
        if (at >= 0) {
          proposed++;
          found.splice(at, 1);
        }
      }
    }
    const pct = ((proposed / labelled) * 100).toFixed(1);
    console.log(`figure recall: ${proposed}/${labelled} (${pct}%)`);
    assert.ok(labelled >= 40, "the labels hold the figures of the report");
    assert.ok(proposed / labelled >= 0.8, `figure recall ${pct}% is below 80%`);
  });
});
