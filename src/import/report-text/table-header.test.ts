import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { headingRole, readTableHeader } from "./table-header.ts";

class HeaderFailure extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}
const fail = (line: number, message: string, field?: string): never => {
  throw new HeaderFailure(line, message, field);
};

describe("headingRole", () => {
  it("names each known heading's role, full-width and spaced forms alike", () => {
    const roles = Object.fromEntries(
      [
        "区分、No.",
        "区分・Ｎｏ．",
        "項目",
        "政策項目",
        "２４（年度）",
        "25",
        "H25",
        "平成25年度",
        "進捗状況(平成25年9月末時点)",
        "進 捗 状 況",
        "評価理由",
        "部局",
        "担当課",
        "所管課",
        "担当部局",
        "H29評価",
        "評定",
        "状況区分",
        "備考",
      ].map((h) => [h, headingRole(h)]),
    );
    assert.deepEqual(roles, {
      "区分、No.": "number",
      "区分・Ｎｏ．": "number",
      項目: "item",
      政策項目: "item",
      "２４（年度）": "year",
      "25": "year",
      H25: "year",
      平成25年度: "year",
      "進捗状況(平成25年9月末時点)": "progress",
      "進 捗 状 況": "progress",
      評価理由: "progress",
      部局: "department",
      担当課: "department",
      所管課: "department",
      担当部局: "department",
      H29評価: "rating",
      評定: "rating",
      状況区分: "rating",
      備考: null,
    });
  });
});

describe("readTableHeader", () => {
  it("reads the columns from 項目 on, with the fiscal years of the report's era", () => {
    const table = readTableHeader(
      ["区分、No.", "項目", "２４(年度)", "２５", "進捗状況", "担当課"],
      3,
      "平成",
      fail,
    );
    assert.deepEqual(table.fiscalYears, [2012, 2013]);
    assert.deepEqual(
      table.columns.map((c) => c.role),
      ["title", "year", "year", "progress", "department"],
    );
  });

  it("refuses a heading before 項目 that is not 区分・No., naming it", () => {
    assert.throws(
      () => readTableHeader(["部局", "項目", "25", "進捗状況"], 7, "平成", fail),
      (e: unknown) => e instanceof HeaderFailure && e.line === 7 && e.field === "部局",
    );
  });

  it("refuses two department columns, naming both", () => {
    assert.throws(
      () => readTableHeader(["項目", "進捗状況", "部局", "担当課"], 2, "平成", fail),
      (e: unknown) => e instanceof HeaderFailure && /「部局」と「担当課」/u.test(e.message),
    );
  });
});
