import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ERAS,
  eraOf,
  eraYearToGregorian,
  findEra,
  formatEraYear,
  formatWarekiDate,
  formatWarekiWithGregorian,
  gregorianToEraYear,
  parseIsoDate,
  parseWarekiDate,
} from "./era.ts";

/** ISO date `days` days after `iso`, computed in UTC so the machine's zone does not matter. */
function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const icu = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", timeZone: "Asia/Tokyo" });
function icuEraOf(iso: string) {
  const parts = icu.formatToParts(new Date(`${iso}T12:00:00+09:00`));
  const year = parts.find((p) => p.type === "year")?.value;
  return {
    era: parts.find((p) => p.type === "era")?.value,
    year: year === "元" ? 1 : Number(year),
  };
}

describe("eraOf", () => {
  it("maps 2019-04-30 to 平成31 and 2019-05-01 to 令和1", () => {
    assert.deepEqual(eraOf("2019-04-30"), { era: "平成", year: 31 });
    assert.deepEqual(eraOf("2019-05-01"), { era: "令和", year: 1 });
  });

  it("maps 1989-01-07 to 昭和64 and 1989-01-08 to 平成1", () => {
    assert.deepEqual(eraOf("1989-01-07"), { era: "昭和", year: 64 });
    assert.deepEqual(eraOf("1989-01-08"), { era: "平成", year: 1 });
  });

  it("agrees with ICU for a week around each era's first day", () => {
    for (const { start } of ERAS) {
      for (let d = -7; d <= 7; d++) {
        const iso = addDays(start, d);
        if (iso < "1868-10-23") continue;
        assert.deepEqual(eraOf(iso), icuEraOf(iso), iso);
      }
    }
  });

  it("agrees with ICU every 13 days from 明治 to 2040", () => {
    for (let iso = "1868-10-23"; iso < "2040-01-01"; iso = addDays(iso, 13)) {
      assert.deepEqual(eraOf(iso), icuEraOf(iso), iso);
    }
  });

  it("rejects dates before 明治 and malformed dates", () => {
    assert.throws(() => eraOf("1868-10-22"), RangeError);
    assert.throws(() => eraOf("2013-02-29"), RangeError);
    assert.throws(() => eraOf("2013-9-30"), RangeError);
  });
});

describe("era conversions", () => {
  it("converts 平成25 to 2013 by name or letter in either case", () => {
    assert.equal(eraYearToGregorian("平成", 25), 2013);
    assert.equal(eraYearToGregorian("H", 25), 2013);
    assert.equal(eraYearToGregorian("h", 25), 2013);
    assert.equal(eraYearToGregorian("Ｈ", 25), 2013);
    assert.equal(eraYearToGregorian("㍻", 25), 2013);
    assert.equal(eraYearToGregorian("R", 1), 2019);
    assert.equal(eraYearToGregorian("M", 45), 1912);
  });

  it("rejects unknown eras and years an era never reached", () => {
    assert.throws(() => eraYearToGregorian("X", 1), RangeError);
    assert.throws(() => eraYearToGregorian("平成", 32), RangeError);
    assert.throws(() => eraYearToGregorian("昭和", 65), RangeError);
    assert.throws(() => eraYearToGregorian("令和", 0), RangeError);
    assert.throws(() => eraYearToGregorian("令和", 1.5), RangeError);
  });

  it("names a Gregorian year by the era in force on its last day", () => {
    assert.deepEqual(gregorianToEraYear(2019), { era: "令和", year: 1 });
    assert.deepEqual(gregorianToEraYear(2019, 4), { era: "平成", year: 31 });
    assert.deepEqual(gregorianToEraYear(2019, 5, 1), { era: "令和", year: 1 });
    assert.deepEqual(gregorianToEraYear(1989), { era: "平成", year: 1 });
    assert.deepEqual(gregorianToEraYear(2013), { era: "平成", year: 25 });
  });

  it("finds an era by its name or its letter", () => {
    assert.equal(findEra("令和")?.letter, "R");
    assert.equal(findEra("s")?.name, "昭和");
    assert.equal(findEra("平"), undefined);
  });

  it("reads strict ISO dates only", () => {
    assert.deepEqual(parseIsoDate("2016-02-29"), { year: 2016, month: 2, day: 29 });
    assert.throws(() => parseIsoDate("1900-02-29"), RangeError);
    assert.throws(() => parseIsoDate("2013-13-01"), RangeError);
  });
});

describe("formatting", () => {
  it("writes 元年 for an era's first year", () => {
    assert.equal(formatEraYear("令和", 1), "令和元年");
    assert.equal(formatEraYear("H", 25), "平成25年");
  });

  it("writes a full era date", () => {
    assert.equal(formatWarekiDate("2013-09-30"), "平成25年9月30日");
    assert.equal(formatWarekiDate("2019-05-01"), "令和元年5月1日");
  });

  it("writes the last day of a month as 末 in the monthEnd style only", () => {
    assert.equal(formatWarekiDate("2013-09-30", "monthEnd"), "平成25年9月末");
    assert.equal(formatWarekiDate("2016-02-29", "monthEnd"), "平成28年2月末");
    assert.equal(formatWarekiDate("2013-09-29", "monthEnd"), "平成25年9月29日");
  });

  it("adds the Gregorian date in full-width brackets", () => {
    assert.equal(formatWarekiWithGregorian("2013-09-30"), "平成25年9月30日（2013年9月30日）");
  });
});

describe("parseWarekiDate", () => {
  const day = (iso: string) => ({ iso, precision: "day" });

  it("maps 平成25年9月末 to the last day of the month", () => {
    assert.deepEqual(parseWarekiDate("平成25年9月末"), day("2013-09-30"));
    assert.deepEqual(parseWarekiDate("平成28年2月末日"), day("2016-02-29"));
  });

  it("reads the spaces of PDF extraction inside brackets", () => {
    assert.deepEqual(parseWarekiDate("（平成 25 年 9 月末時点）"), day("2013-09-30"));
    assert.deepEqual(parseWarekiDate("進捗状況(平成25年9月末時点)"), day("2013-09-30"));
  });

  it("reads full dates, dotted dates, 元年 and full-width digits", () => {
    assert.deepEqual(parseWarekiDate("平成25年9月30日"), day("2013-09-30"));
    assert.deepEqual(parseWarekiDate("H25.9.30"), day("2013-09-30"));
    assert.deepEqual(parseWarekiDate("r1/5/1"), day("2019-05-01"));
    assert.deepEqual(parseWarekiDate("令和元年5月1日"), day("2019-05-01"));
    assert.deepEqual(parseWarekiDate("平成２５年９月３０日"), day("2013-09-30"));
  });

  it("maps 平成 25 年 11 月 to a month", () => {
    assert.deepEqual(parseWarekiDate("平成 25 年 11 月"), { iso: "2013-11", precision: "month" });
    assert.deepEqual(parseWarekiDate("H25.11"), { iso: "2013-11", precision: "month" });
  });

  it("uses the default era only when the text has none", () => {
    assert.equal(parseWarekiDate("25年9月30日"), null);
    assert.deepEqual(parseWarekiDate("25年9月30日", { defaultEra: "平成" }), day("2013-09-30"));
    assert.equal(parseWarekiDate("2013年9月30日", { defaultEra: "平成" }), null);
  });

  it("rejects impossible dates with null", () => {
    assert.equal(parseWarekiDate("平成32年1月1日"), null);
    assert.equal(parseWarekiDate("平成25年2月30日"), null);
    assert.equal(parseWarekiDate("平成25年13月"), null);
    assert.equal(parseWarekiDate("平成0年1月1日"), null);
    assert.equal(parseWarekiDate("平成31年5月1日"), null);
    assert.equal(parseWarekiDate("令和元年4月"), null);
    assert.equal(parseWarekiDate("明治元年1月1日"), null);
  });

  it("returns null when the text holds no date", () => {
    assert.equal(parseWarekiDate("足立区基本計画"), null);
    assert.equal(parseWarekiDate("平成25年度"), null);
    assert.equal(parseWarekiDate("PH25.9.30"), null);
  });
});
