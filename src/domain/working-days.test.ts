import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ShinchokuError } from "./errors.ts";
import {
  addWorkingDays,
  closedReason,
  isWorkingDay,
  tokyoDate,
  WORKING_DAY_YEARS,
  workingDaysBetween,
} from "./working-days.ts";

describe("working days of a city hall", () => {
  const closed: Array<[string, ReturnType<typeof closedReason>]> = [
    ["2026-12-28", null], // Monday, the last working day of the year
    ["2026-12-29", { kind: "yearEnd" }],
    ["2026-12-31", { kind: "yearEnd" }],
    ["2027-01-01", { kind: "holiday", name: "元日" }],
    ["2027-01-03", { kind: "yearEnd" }], // a Sunday, but closed for the year end first
    ["2027-01-04", null], // Monday: 御用始め
    ["2026-05-06", { kind: "holiday", name: "こどもの日 振替休日" }],
    ["2026-09-22", { kind: "holiday", name: "休日" }], // 国民の休日 between 敬老の日 and 秋分の日
    ["2019-05-01", { kind: "holiday", name: "休日（祝日扱い）" }], // 天皇の即位の日
    ["2026-12-05", { kind: "weekend" }], // Saturday
    ["2026-12-06", { kind: "weekend" }], // Sunday
    ["2026-12-04", null], // Friday
  ];
  for (const [date, reason] of closed)
    it(`says ${date} is ${reason ? `closed (${reason.kind})` : "a working day"}`, () => {
      assert.deepEqual(closedReason(date), reason);
      assert.equal(isWorkingDay(date), reason === null);
    });

  const additions: Array<[string, number, string, string]> = [
    ["2026-05-01", 1, "2026-05-07", "over a weekend and three holidays of Golden Week"],
    ["2026-05-08", -3, "2026-04-30", "back over Golden Week (a weekday count would give 5/5)"],
    ["2026-04-28", 1, "2026-04-30", "over 昭和の日"],
    ["2026-12-25", 1, "2026-12-28", "over a weekend"],
    ["2026-12-28", 1, "2027-01-04", "over the year-end closure"],
    ["2027-01-04", -1, "2026-12-28", "back over the year-end closure"],
    ["2026-12-05", 0, "2026-12-05", "zero days leaves a Saturday as it is"],
    ["2026-12-05", -1, "2026-12-04", "the working day before a Saturday"],
    ["2026-12-05", 1, "2026-12-07", "the working day after a Saturday"],
    ["2026-09-18", 1, "2026-09-24", "over 敬老の日, 国民の休日 and 秋分の日"],
  ];
  for (const [date, n, expected, why] of additions)
    it(`adds ${n} working days to ${date}: ${expected}, ${why}`, () => {
      assert.equal(addWorkingDays(date, n), expected);
    });

  const spans: Array<[string, string, number]> = [
    ["2026-04-28", "2026-05-08", 4], // 4/30, 5/1, 5/7, 5/8
    ["2026-05-08", "2026-04-28", -4],
    ["2026-05-08", "2026-05-08", 0],
    ["2026-12-25", "2027-01-04", 2], // 12/28, 1/4
    ["2026-12-29", "2027-01-03", 0],
    ["2026-12-01", "2026-12-31", 19], // 12/2–12/28 on weekdays
  ];
  for (const [from, to, expected] of spans)
    it(`counts ${expected} working days after ${from} up to ${to}`, () => {
      assert.equal(workingDaysBetween(from, to), expected);
    });

  it("counts back what it added, from every working day of a year", () => {
    for (let d = Date.parse("2026-01-01"); d <= Date.parse("2026-12-31"); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      for (const n of [-12, -3, -1, 0, 1, 3, 12]) {
        if (n < 0 && !isWorkingDay(date)) continue;
        const later = addWorkingDays(date, n);
        assert.equal(workingDaysBetween(date, later), n, `${date} ${n}`);
        if (n !== 0) assert.ok(isWorkingDay(later), `${later} is a working day`);
      }
    }
  });

  const refused: Array<[string, RegExp]> = [
    ["2026-02-30", /暦にありません/u],
    ["2026/05/01", /YYYY-MM-DD/u],
    [`${WORKING_DAY_YEARS.last + 1}-01-05`, /祝日の表/u],
    [`${WORKING_DAY_YEARS.first - 1}-06-01`, /祝日の表/u],
  ];
  for (const [date, message] of refused)
    it(`refuses ${date} rather than guess`, () => {
      assert.throws(
        () => isWorkingDay(date),
        (e: unknown) => e instanceof ShinchokuError && message.test(e.message),
      );
    });

  it("refuses to add past the end of the holiday table", () => {
    assert.throws(() => addWorkingDays(`${WORKING_DAY_YEARS.last}-12-28`, 1), /祝日の表/u);
  });
});

describe("the date in Japan", () => {
  it("turns at midnight in Tokyo, not in UTC", () => {
    assert.equal(tokyoDate(new Date("2026-12-04T14:59:59Z")), "2026-12-04");
    assert.equal(tokyoDate(new Date("2026-12-04T15:00:00Z")), "2026-12-05");
  });
});
