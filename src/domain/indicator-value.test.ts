import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  parseDecimal,
  parseDirection,
  parseIndicatorCell,
  splitNameUnit,
} from "./indicator-value.ts";

describe("parseIndicatorCell", () => {
  const cases: Array<[string, ReturnType<typeof parseIndicatorCell>]> = [
    ["3,437百万円 (平成20年)", { value: "3437", unit: "百万円", fiscalYear: 2008, note: null }],
    ["5.05", { value: "5.05", unit: null, fiscalYear: null, note: null }],
    ["82.50%", { value: "82.50", unit: "%", fiscalYear: null, note: null }],
    ["１２３人（令和元年度）", { value: "123", unit: "人", fiscalYear: 2019, note: null }],
    ["62.5% (2008年)", { value: "62.5", unit: "%", fiscalYear: 2008, note: null }],
    ["12件 ※単年実績", { value: "12", unit: "件", fiscalYear: null, note: "※単年実績" }],
    ["120 (見込み)", { value: "120", unit: null, fiscalYear: null, note: "見込み" }],
    ["▲12", { value: "-12", unit: null, fiscalYear: null, note: null }],
    ["-1.5", { value: "-1.5", unit: null, fiscalYear: null, note: null }],
    ["0", { value: "0", unit: null, fiscalYear: null, note: null }],
    ["-", { value: null, unit: null, fiscalYear: null, note: "-" }],
    ["—", { value: null, unit: null, fiscalYear: null, note: "—" }],
    ["集計中", { value: null, unit: null, fiscalYear: null, note: "集計中" }],
    ["", { value: null, unit: null, fiscalYear: null, note: null }],
    ["   ", { value: null, unit: null, fiscalYear: null, note: null }],
  ];
  for (const [text, expected] of cases)
    it(`reads ${JSON.stringify(text)} as written`, () => {
      assert.deepEqual(parseIndicatorCell(text), expected);
    });

  it("keeps a blank apart from zero", () => {
    assert.equal(parseIndicatorCell("").value, null);
    assert.equal(parseIndicatorCell("0").value, "0");
  });
});

describe("parseDecimal", () => {
  it("drops thousands separators and keeps the written precision", () => {
    assert.equal(parseDecimal("3,437"), "3437");
    assert.equal(parseDecimal("5.05"), "5.05");
    assert.equal(parseDecimal("82.50"), "82.50");
    assert.equal(parseDecimal("007"), "7");
    assert.equal(parseDecimal("－３"), "-3");
  });

  it("refuses anything that is not only a number", () => {
    for (const text of ["", "3人", "1.2.3", "abc", "-", "1,23"])
      assert.equal(parseDecimal(text), null, text);
  });
});

describe("splitNameUnit", () => {
  it("takes the unit out of 【】 at the end of a name", () => {
    assert.deepEqual(splitNameUnit("利用者数【人】"), { name: "利用者数", unit: "人" });
    assert.deepEqual(splitNameUnit("満足度 【単位：%】"), { name: "満足度", unit: "%" });
    assert.deepEqual(splitNameUnit("利用者数"), { name: "利用者数", unit: null });
    assert.deepEqual(splitNameUnit("【重点】利用者数"), { name: "【重点】利用者数", unit: null });
  });
});

describe("parseDirection", () => {
  it("reads arrows and words, and says when it does not know one", () => {
    for (const word of ["⇗", "↑", "増", "増やす", "増加"])
      assert.equal(parseDirection(word), "increase", word);
    for (const word of ["⇘", "↓", "減", "減らす", "減少"])
      assert.equal(parseDirection(word), "decrease", word);
    assert.equal(parseDirection("維持"), "maintain");
    assert.equal(parseDirection(" "), null);
    assert.equal(parseDirection("上げる"), undefined);
  });
});
