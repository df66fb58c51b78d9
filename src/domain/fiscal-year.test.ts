import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
  formatFiscalYearWithGregorian,
  parseFiscalYear,
} from "./fiscal-year.ts";

describe("fiscalYearOf", () => {
  it("puts March 31 in the previous fiscal year and April 1 in the new one", () => {
    assert.equal(fiscalYearOf("2013-03-31"), 2012);
    assert.equal(fiscalYearOf("2013-04-01"), 2013);
    assert.equal(fiscalYearOf("2013-12-31"), 2013);
    assert.equal(fiscalYearOf("2014-01-01"), 2013);
  });

  it("rejects malformed dates", () => {
    assert.throws(() => fiscalYearOf("2013-04-31"), RangeError);
    assert.throws(() => fiscalYearOf("2013/04/01"), RangeError);
  });
});

describe("fiscalYearRange", () => {
  it("runs from April 1 to March 31 of the next year", () => {
    assert.deepEqual(fiscalYearRange(2013), { start: "2013-04-01", end: "2014-03-31" });
  });

  it("contains exactly the dates fiscalYearOf maps to it", () => {
    const { start, end } = fiscalYearRange(2019);
    assert.equal(fiscalYearOf(start), 2019);
    assert.equal(fiscalYearOf(end), 2019);
  });

  it("rejects non-integer years", () => {
    assert.throws(() => fiscalYearRange(2013.5), RangeError);
  });
});

describe("formatFiscalYear", () => {
  it("maps fiscal year 2012 to 平成24年度", () => {
    assert.equal(formatFiscalYear(2012), "平成24年度");
  });

  it("names FY2018 平成30年度, FY2019 令和元年度 and FY2020 令和2年度", () => {
    assert.equal(formatFiscalYear(2018), "平成30年度");
    assert.equal(formatFiscalYear(2019), "令和元年度");
    assert.equal(formatFiscalYear(2020), "令和2年度");
  });

  it("keeps 昭和63年度 for FY1988 although 平成 began before its end", () => {
    assert.equal(formatFiscalYear(1988), "昭和63年度");
    assert.equal(formatFiscalYear(1989), "平成元年度");
  });

  it("rejects fiscal years before 明治", () => {
    assert.throws(() => formatFiscalYear(1867), RangeError);
    assert.equal(formatFiscalYear(1868), "明治元年度");
  });

  it("adds the Gregorian fiscal year in full-width brackets", () => {
    assert.equal(formatFiscalYearWithGregorian(2012), "平成24年度（2012年度）");
    assert.equal(formatFiscalYearWithGregorian(2019), "令和元年度（2019年度）");
  });
});

describe("parseFiscalYear", () => {
  const heisei = { era: "平成" };

  it("maps 平成24年度 to fiscal year 2012", () => {
    assert.equal(parseFiscalYear("平成24年度"), 2012);
  });

  it("reads era letters in either case", () => {
    assert.equal(parseFiscalYear("H25"), 2013);
    assert.equal(parseFiscalYear("h25年度"), 2013);
    assert.equal(parseFiscalYear("R2"), 2020);
  });

  it("reads 元年度 and both names of FY2019", () => {
    assert.equal(parseFiscalYear("令和元年度"), 2019);
    assert.equal(parseFiscalYear("平成31年度"), 2019);
    assert.equal(parseFiscalYear("平成30年度"), 2018);
    assert.equal(parseFiscalYear("元年度", { era: "令和" }), 2019);
  });

  it("reads bare numbers as years of the context's era", () => {
    assert.equal(parseFiscalYear("24(年度)", heisei), 2012);
    assert.equal(parseFiscalYear("24（年度）", heisei), 2012);
    assert.equal(parseFiscalYear("25", heisei), 2013);
    assert.equal(parseFiscalYear(" 25 ", { era: "H" }), 2013);
    assert.equal(parseFiscalYear("2", { era: "令和" }), 2020);
  });

  it("reads full-width digits", () => {
    assert.equal(parseFiscalYear("２５", heisei), 2013);
    assert.equal(parseFiscalYear("平成２５年度"), 2013);
    assert.equal(parseFiscalYear("２０１３年度"), 2013);
  });

  it("reads Gregorian fiscal years with or without 年度", () => {
    assert.equal(parseFiscalYear("2013年度"), 2013);
    assert.equal(parseFiscalYear("2013"), 2013);
    assert.equal(parseFiscalYear("2013", heisei), 2013);
  });

  it("does not assume an era for a bare small number", () => {
    assert.equal(parseFiscalYear("24"), null);
    assert.equal(parseFiscalYear("24(年度)"), null);
    assert.equal(parseFiscalYear("元年度"), null);
  });

  it("rejects era years no fiscal year had", () => {
    assert.equal(parseFiscalYear("平成32年度"), null);
    assert.equal(parseFiscalYear("昭和64年度"), null);
    assert.equal(parseFiscalYear("0", heisei), null);
    assert.equal(parseFiscalYear("H2013"), null);
    assert.equal(parseFiscalYear("25", { era: "X" }), null);
  });

  it("rejects garbage", () => {
    for (const text of [
      "",
      "年度",
      "abc",
      "平成",
      "H",
      "25年",
      "25.5",
      "-1",
      "123",
      "1800",
      "X25",
    ]) {
      assert.equal(parseFiscalYear(text, heisei), null, text);
    }
  });

  it("round-trips every fiscal year it formats", () => {
    for (let fy = 1868; fy <= 2040; fy++) {
      assert.equal(parseFiscalYear(formatFiscalYear(fy)), fy, String(fy));
    }
  });
});
