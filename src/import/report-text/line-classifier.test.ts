import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { circledNumber, classifyLine, romanNumber, splitCells } from "./line-classifier.ts";

// Lines copied from examples/kumamoto-2013-09-30.txt (line numbers in the comments).

describe("classifyLine", () => {
  it("reads a category line with its circled number (line 25)", () => {
    assert.deepEqual(classifyLine("①. 政令指定都市くまもとの実現\t\t\t\t"), {
      kind: "category",
      number: 1,
      label: "①",
      title: "政令指定都市くまもとの実現",
      before: [],
    });
  });

  it("reads a category preceded by merged pillar-label cells and keeps those cells (line 70)", () => {
    assert.deepEqual(
      classifyLine(
        "I くまもとの再デザインに取り組みます 1 市役所の再デザイン\t⑥. 情報共有・市民参画の推進\t\t\t\t",
      ),
      {
        kind: "category",
        number: 6,
        label: "⑥",
        title: "情報共有・市民参画の推進",
        before: ["I くまもとの再デザインに取り組みます 1 市役所の再デザイン"],
      },
    );
  });

  it("reads an item line: number, katakana label and title (line 204)", () => {
    assert.deepEqual(classifyLine("56\tア. 保育園の待機児童ゼロ\t\t\t"), {
      kind: "item",
      number: 56,
      label: "ア",
      title: "保育園の待機児童ゼロ",
      before: [],
    });
  });

  it("reads an item line with a leading tab and a merged area label before it (line 138)", () => {
    assert.deepEqual(classifyLine("\t2. 交通体系の再デザイン\t37\tア. 市電の利用促進\t\t\t"), {
      kind: "item",
      number: 37,
      label: "ア",
      title: "市電の利用促進",
      before: ["2. 交通体系の再デザイン"],
    });
  });

  it("reads a category written with a space after its number, as our report PDF prints it", () => {
    assert.deepEqual(classifyLine("① 政令指定都市くまもとの実現\t\t\t\t"), {
      kind: "category",
      number: 1,
      label: "①",
      title: "政令指定都市くまもとの実現",
      before: [],
    });
  });

  it("reads an item heading without a number as an unnumbered item (line 339)", () => {
    assert.deepEqual(classifyLine("イ. 公用車のカーシェアリングの導入\t\t\t\t"), {
      kind: "unnumbered-item",
      label: "イ",
      title: "公用車のカーシェアリングの導入",
    });
  });

  it("reads the same heading with its number as an item (line 142)", () => {
    const line = classifyLine("\t38\tイ. 公用車のカーシェアリングの導入\t\t\t\t");
    assert.equal(line.kind, "item");
    assert.equal(line.kind === "item" ? line.number : null, 38);
  });

  it("reads a pillar label in ASCII roman numerals (line 270)", () => {
    assert.deepEqual(classifyLine("II. もっと暮らしやすさを実感できるまちを実現します"), {
      kind: "pillar-label",
      number: 2,
      label: "II",
      title: "もっと暮らしやすさを実感できるまちを実現します",
    });
  });

  it("reads a pillar label in the roman numeral Ⅲ (U+2162) and labels it III (line 408)", () => {
    assert.deepEqual(classifyLine("\u2162. 選ばれる都市くまもとを実現します"), {
      kind: "pillar-label",
      number: 3,
      label: "III",
      title: "選ばれる都市くまもとを実現します",
    });
  });

  it("reads a pillar label followed by empty cells (line 202)", () => {
    const line = classifyLine("II. もっと暮らしやすさを感じることができるまちを実現します\t\t\t\t");
    assert.equal(line.kind, "pillar-label");
  });

  it("reads an area label (line 132)", () => {
    assert.deepEqual(classifyLine("2. 交通体系の再デザイン"), {
      kind: "area-label",
      number: 2,
      title: "交通体系の再デザイン",
    });
  });

  it("reads the table header (line 136)", () => {
    assert.deepEqual(
      classifyLine("区分、No.\t項目\t24(年度)\t25\t進捗状況(平成25年9月末時点)\t\t"),
      {
        kind: "table-header",
        cells: ["区分、No.", "項目", "24(年度)", "25", "進捗状況(平成25年9月末時点)"],
      },
    );
  });

  it("reads a measure row holding <ul> HTML as a row of its cells (line 27)", () => {
    const line =
      '\t<ul style="list-style-type: none"> <li>5つの区役所の設置</li> <li>事務権限移譲の円滑化</li> </ul>\t供用 引継事務の実施\t⇒\t平成24年4月1日付けで設置済 熊本県・熊本市事務権限移譲等に関する連絡調整会議において、移譲された事務権限の円滑な処理の確保について協議を実施';
    assert.deepEqual(classifyLine(line), {
      kind: "row",
      cells: [
        '<ul style="list-style-type: none"> <li>5つの区役所の設置</li> <li>事務権限移譲の円滑化</li> </ul>',
        "供用 引継事務の実施",
        "⇒",
        "平成24年4月1日付けで設置済 熊本県・熊本市事務権限移譲等に関する連絡調整会議において、移譲された事務権限の円滑な処理の確保について協議を実施",
      ],
    });
  });

  it("reads a bulleted measure row as a row (line 205)", () => {
    const line = classifyLine(
      "\t▪ 保育所整備による待機児童の解消\t保育所整備\t⇒\t新設含む10ヶ所の保育所整備を実施中",
    );
    assert.equal(line.kind, "row");
    assert.deepEqual(line.kind === "row" ? line.cells.length : null, 4);
  });

  it("reads the contact line (line 449)", () => {
    assert.deepEqual(classifyLine("お問い合わせ先 熊本市企画課"), {
      kind: "contact",
      text: "お問い合わせ先 熊本市企画課",
    });
  });

  it("reads the postal code line as contact (line 451)", () => {
    assert.equal(classifyLine("〒860-8601").kind, "contact");
  });

  it("reads the table-of-contents heading (line 13)", () => {
    assert.deepEqual(classifyLine("## 目 次"), { kind: "toc-heading" });
  });

  it("reads an empty line, and a line of only tabs and spaces, as blank", () => {
    assert.deepEqual(classifyLine(""), { kind: "blank" });
    assert.deepEqual(classifyLine("\t \t\u3000\t"), { kind: "blank" });
  });

  it("reads any other single cell as text (line 453)", () => {
    assert.deepEqual(classifyLine("熊本市中央区手取本町1番1号"), {
      kind: "text",
      text: "熊本市中央区手取本町1番1号",
    });
  });
});

describe("splitCells", () => {
  it("collapses white space in each cell and drops empty cells at both ends only", () => {
    assert.deepEqual(splitCells("\t a  b \t\tc\n\t\t"), ["a b", "", "c"]);
  });
});

describe("circledNumber", () => {
  it("reads ① as 1 and ⑳ as 20", () => {
    assert.equal(circledNumber("①"), 1);
    assert.equal(circledNumber("⑳"), 20);
  });

  it("reads ㉑ as 21 and ㉟ as 35", () => {
    assert.equal(circledNumber("㉑"), 21);
    assert.equal(circledNumber("㉟"), 35);
  });

  it("reads ㊱ as 36 and ㊿ as 50", () => {
    assert.equal(circledNumber("㊱"), 36);
    assert.equal(circledNumber("㊿"), 50);
  });

  it("reads only the first character of a longer cell", () => {
    assert.equal(circledNumber("⑥. 情報共有・市民参画の推進"), 6);
  });

  it("gives null for an ASCII digit, other characters and the empty string", () => {
    assert.equal(circledNumber("1"), null);
    assert.equal(circledNumber("ア"), null);
    assert.equal(circledNumber(""), null);
  });
});

describe("romanNumber", () => {
  it("reads I, II, III and IV", () => {
    assert.deepEqual(
      ["I", "II", "III", "IV"].map((r) => romanNumber(r)),
      [1, 2, 3, 4],
    );
  });

  it("reads the single-character numeral Ⅲ as 3 and Ⅳ as 4", () => {
    assert.equal(romanNumber("Ⅲ"), 3);
    assert.equal(romanNumber("Ⅳ"), 4);
  });

  it("reads subtractive and additive forms: IX is 9, XI is 11", () => {
    assert.equal(romanNumber("IX"), 9);
    assert.equal(romanNumber("XI"), 11);
  });
});
